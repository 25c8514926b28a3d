// Reads a requirement profile (docs/profiles.md) from YAML into the model, checking its
// schema on the way: unknown keys, actions the catalog does not know, malformed ARNs and
// undeclared `${parameters}` are errors at the profile's own file:line:col.
#include <re2/re2.h>
#include <set>

#include "analyzer/load/files.h"
#include "analyzer/load/loader.h"
#include "analyzer/profile/builtin_data.h"
#include "iamlint/catalog.h"
#include "iamlint/profile.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

std::string ProfileError::render() const {
  return where.path + ":" + std::to_string(where.range.line) + ":" + std::to_string(where.range.column) + ": " +
         message;
}

namespace {

class Reader {
 public:
  Reader(const std::string& path, std::vector<ProfileError>& errors) : path_(path), errors_(errors) {}

  ProfileLocation at(const Node* n) const { return {path_, n ? n->range : Range{}}; }
  void error(const Node* n, std::string message) { errors_.push_back({at(n), std::move(message)}); }

  // Checks a mapping's keys against the allowed ones; returns false when it is no mapping.
  bool keys(const Node* n, std::string_view what, std::initializer_list<std::string_view> allowed) {
    if (!n || !n->isMapping()) {
      error(n, std::string(what) + " must be a mapping");
      return false;
    }
    for (const Node& k : n->keys) {
      bool ok = false;
      for (std::string_view a : allowed) ok = ok || k.text == a;
      if (!ok) {
        std::string known;
        for (std::string_view a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
        error(&k, "unknown key `" + k.text + "` in " + std::string(what) + "; known: " + known);
      }
    }
    return true;
  }

  std::string scalar(const Node* n, std::string_view what) {
    if (!n) return {};
    if (!n->isScalar()) {
      error(n, std::string(what) + " must be a string");
      return {};
    }
    return n->text;
  }

  std::vector<std::string> strings(const Node* n, std::string_view what) {
    std::vector<std::string> out;
    if (!n) return out;
    if (n->isScalar()) {
      out.push_back(n->text);
    } else if (n->isSequence()) {
      for (const Node& item : n->items) out.push_back(scalar(&item, what));
    } else {
      error(n, std::string(what) + " must be a string or a list of strings");
    }
    return out;
  }

  // Each element of a string-or-list node with its own node, for located checks.
  std::vector<const Node*> elements(const Node* n) {
    std::vector<const Node*> out;
    if (!n) return out;
    if (n->isSequence())
      for (const Node& item : n->items) out.push_back(&item);
    else
      out.push_back(n);
    return out;
  }

  std::vector<std::string> actions(const Node* n, std::string_view what) {
    std::vector<std::string> out;
    if (!n) {
      return out;
    }
    for (const Node* e : elements(n)) {
      std::string a = scalar(e, what);
      if (a.empty()) continue;
      if (Catalog::instance().expandPattern(a).empty()) {
        std::string msg = "unknown action `" + a + "` in " + std::string(what);
        std::vector<std::string> s = Catalog::instance().suggestActions(a, 1);
        if (!s.empty()) msg += "; did you mean `" + s[0] + "`?";
        error(e, msg);
      }
      out.push_back(a);
    }
    if (n->isSequence() && n->items.empty()) error(n, std::string(what) + " must name at least one action");
    return out;
  }

  std::vector<std::string> resources(const Node* n, std::string_view what) {
    std::vector<std::string> out;
    for (const Node* e : elements(n)) {
      std::string r = scalar(e, what);
      if (r.empty()) continue;
      checkArn(e, r);
      out.push_back(r);
    }
    return out;
  }

  void checkArn(const Node* n, const std::string& r) {
    if (r == "*") return;
    size_t colons = 0;
    for (char c : r) colons += c == ':';
    // `${name}` references: only declared parameters.
    for (size_t i = r.find("${"); i != std::string::npos; i = r.find("${", i + 2)) {
      size_t close = r.find('}', i);
      if (close == std::string::npos) {
        error(n, "unterminated `${` in `" + r + "`");
        return;
      }
      std::string name = r.substr(i + 2, close - i - 2);
      if (!parameters.count(name)) error(n, "`${" + name + "}` in `" + r + "` is not a parameter of this profile");
    }
    if (r.rfind("arn:", 0) != 0 || colons < 5) {
      error(n, "`" + r + "` is not an ARN (arn:partition:service:region:account:resource) or `*`");
      return;
    }
    size_t a = r.find(':') + 1, b = r.find(':', a), c = r.find(':', b + 1);
    std::string service = r.substr(b + 1, c - b - 1);
    if (iamdata::findAny(service, "*?$") == std::string::npos && !Catalog::instance().hasService(service))
      error(n, "`" + r + "` names the service `" + service + "`, which the catalog does not know");
    (void)a;
  }

  std::set<std::string> parameters;

 private:
  const std::string& path_;
  std::vector<ProfileError>& errors_;
};

RoleMatcher readMatcher(Reader& r, const Node* n) {
  RoleMatcher m;
  if (!r.keys(n, "a role matcher", {"logical-id", "trusts", "instance-profile"})) return m;
  m.logicalIdPattern = r.scalar(n->get("logical-id"), "`logical-id`");
  if (!m.logicalIdPattern.empty()) {
    RE2 re(m.logicalIdPattern, RE2::Quiet);
    if (!re.ok()) r.error(n->get("logical-id"), "`logical-id` is not a valid regular expression: " + re.error());
  }
  m.trustsService = r.scalar(n->get("trusts"), "`trusts`");
  if (const Node* ip = n->get("instance-profile")) {
    std::string v = r.scalar(ip, "`instance-profile`");
    if (v != "true" && v != "false") r.error(ip, "`instance-profile` must be true or false");
    m.inInstanceProfile = v == "true";
  }
  if (m.logicalIdPattern.empty() && m.trustsService.empty() && !m.inInstanceProfile)
    r.error(n, "a role matcher needs `logical-id`, `trusts` or `instance-profile`");
  return m;
}

Requirement readRequirement(Reader& r, const Node* n) {
  Requirement q;
  q.where = r.at(n);
  if (!r.keys(n, "an `allow` entry", {"managed-policy", "actions", "resources", "context", "quote"})) return q;
  q.quote = r.scalar(n->get("quote"), "`quote`");
  if (const Node* mp = n->get("managed-policy")) {
    q.managedPolicy = r.scalar(mp, "`managed-policy`");
    if (!q.managedPolicy.empty() && !Catalog::instance().findManagedPolicy(q.managedPolicy))
      r.error(mp, "`" + q.managedPolicy + "` is not an AWS managed policy the catalog knows");
    if (n->get("actions") || n->get("resources"))
      r.error(n, "an `allow` entry names either `managed-policy` or `actions`, not both");
    return q;
  }
  if (!n->get("actions")) r.error(n, "an `allow` entry needs `actions` or `managed-policy`");
  q.actions = r.actions(n->get("actions"), "`actions`");
  q.resources = r.resources(n->get("resources"), "`resources`");
  if (q.resources.empty()) q.resources.push_back("*");
  if (const Node* c = n->get("context")) {
    if (!c->isMapping()) {
      r.error(c, "`context` must map condition keys to values");
    } else {
      for (size_t i = 0; i < c->keys.size(); ++i) {
        if (!Catalog::instance().findConditionKey(c->keys[i].text))
          r.error(&c->keys[i], "unknown condition key `" + c->keys[i].text + "`");
        q.context[c->keys[i].text] = r.scalar(&c->items[i], "a context value");
      }
    }
  }
  return q;
}

ScopeLimit readScope(Reader& r, const Node* n) {
  ScopeLimit s;
  s.where = r.at(n);
  if (!r.keys(n, "a `scope` entry", {"actions", "resources", "allow-also", "quote"})) return s;
  if (!n->get("actions") || !n->get("resources")) r.error(n, "a `scope` entry needs `actions` and `resources`");
  s.actions = r.actions(n->get("actions"), "`actions`");
  s.resources = r.resources(n->get("resources"), "`resources`");
  s.quote = r.scalar(n->get("quote"), "`quote`");
  if (const Node* also = n->get("allow-also")) {
    if (!also->isSequence()) r.error(also, "`allow-also` must be a list");
    else
      for (const Node& a : also->items) {
        if (!r.keys(&a, "an `allow-also` entry", {"actions", "resources", "reason"})) continue;
        ScopeAllowance al;
        al.actions = r.actions(a.get("actions"), "`actions`");
        al.resources = r.resources(a.get("resources"), "`resources`");
        al.reason = r.scalar(a.get("reason"), "`reason`");
        if (al.actions.empty() || al.resources.empty()) r.error(&a, "an `allow-also` entry needs `actions` and `resources`");
        s.allowances.push_back(std::move(al));
      }
  }
  return s;
}

ProfileRole readRole(Reader& r, const Node* n) {
  ProfileRole role;
  role.where = r.at(n);
  if (!r.keys(n, "a role", {"id", "title", "need", "when", "match", "trust", "allow", "scope"})) return role;
  role.id = r.scalar(n->get("id"), "`id`");
  if (role.id.empty()) r.error(n, "a role needs an `id`");
  role.title = r.scalar(n->get("title"), "`title`");
  if (role.title.empty()) role.title = role.id;
  std::string need = r.scalar(n->get("need"), "`need`");
  if (need == "optional") role.need = RoleNeed::Optional;
  else if (need == "conditional") role.need = RoleNeed::Conditional;
  else if (!need.empty() && need != "required")
    r.error(n->get("need"), "`need` is required, optional or conditional, not `" + need + "`");
  role.when = r.scalar(n->get("when"), "`when`");
  if (role.need == RoleNeed::Conditional && role.when.empty()) r.error(n, "a conditional role needs `when`");
  const Node* match = n->get("match");
  if (!match || !match->isSequence() || match->items.empty())
    r.error(match ? match : n, "a role needs `match`: a list of ways to recognise it");
  else
    for (const Node& m : match->items) role.match.push_back(readMatcher(r, &m));
  if (const Node* t = n->get("trust")) {
    if (r.keys(t, "`trust`", {"service", "exclusive"})) {
      TrustRequirement tr;
      tr.where = r.at(t);
      tr.service = r.scalar(t->get("service"), "`service`");
      if (tr.service.empty()) r.error(t, "`trust` needs `service`");
      if (const Node* e = t->get("exclusive")) {
        std::string v = r.scalar(e, "`exclusive`");
        if (v != "true" && v != "false") r.error(e, "`exclusive` must be true or false");
        tr.exclusive = v != "false";
      }
      role.trust = tr;
    }
  }
  for (const char* list : {"allow", "scope"}) {
    const Node* l = n->get(list);
    if (!l) continue;
    if (!l->isSequence()) {
      r.error(l, "`" + std::string(list) + "` must be a list");
      continue;
    }
    for (const Node& item : l->items) {
      if (list[0] == 'a') role.allow.push_back(readRequirement(r, &item));
      else role.scope.push_back(readScope(r, &item));
    }
  }
  return role;
}

}  // namespace

std::shared_ptr<const Profile> parseProfile(const std::string& path, std::string text,
                                            std::vector<ProfileError>& errors, bool builtin) {
  size_t before = errors.size();
  Document doc;
  LoadError loadError;
  if (!loadDocument(path, std::move(text), doc, loadError)) {
    errors.push_back({{path, loadError.range}, loadError.message});
    return nullptr;
  }
  Reader r(path, errors);
  for (const LoadNote& note : doc.notes)
    if (note.kind == LoadNote::DuplicateKey) errors.push_back({{path, note.range}, "duplicate key `" + note.key + "`"});
  auto profile = std::make_shared<Profile>();
  profile->path = path;
  profile->builtin = builtin;
  const Node* root = &doc.root;
  if (!r.keys(root, "a profile", {"name", "title", "page", "sources", "parameters", "roles"})) return nullptr;
  profile->name = r.scalar(root->get("name"), "`name`");
  if (profile->name.empty()) r.error(root, "a profile needs a `name`");
  profile->title = r.scalar(root->get("title"), "`title`");
  profile->page = r.scalar(root->get("page"), "`page`");
  if (profile->page.empty()) profile->page = "the `" + profile->name + "` profile";
  if (const Node* sources = root->get("sources")) {
    if (!sources->isSequence()) r.error(sources, "`sources` must be a list");
    else
      for (const Node& s : sources->items) {
        if (!r.keys(&s, "a source", {"url", "commit", "date", "note"})) continue;
        ProfileSource src{r.scalar(s.get("url"), "`url`"), r.scalar(s.get("commit"), "`commit`"),
                          r.scalar(s.get("date"), "`date`"), r.scalar(s.get("note"), "`note`")};
        if (src.url.empty()) r.error(&s, "a source needs a `url`");
        profile->sources.push_back(std::move(src));
      }
  }
  if (const Node* params = root->get("parameters")) {
    if (!params->isMapping()) {
      r.error(params, "`parameters` must be a mapping");
    } else {
      for (size_t i = 0; i < params->keys.size(); ++i) {
        const Node& p = params->items[i];
        ProfileParameter pp;
        pp.name = params->keys[i].text;
        if (r.keys(&p, "a parameter", {"template-parameter", "description"})) {
          pp.templateParameter = r.scalar(p.get("template-parameter"), "`template-parameter`");
          pp.description = r.scalar(p.get("description"), "`description`");
        }
        r.parameters.insert(pp.name);
        profile->parameters.push_back(std::move(pp));
      }
    }
  }
  const Node* roles = root->get("roles");
  if (!roles || !roles->isSequence()) {
    r.error(roles ? roles : root, "a profile needs `roles`: a list");
  } else {
    std::set<std::string> ids;
    for (const Node& role : roles->items) {
      profile->roles.push_back(readRole(r, &role));
      if (!profile->roles.back().id.empty() && !ids.insert(profile->roles.back().id).second)
        r.error(role.get("id"), "role id `" + profile->roles.back().id + "` is used twice");
    }
  }
  if (errors.size() != before) return nullptr;
  return profile;
}

std::vector<std::string> builtinProfileNames() {
  std::vector<std::string> out;
  for (const profiledata::BuiltinFile& f : profiledata::builtinFiles()) out.emplace_back(f.name);
  return out;
}

std::shared_ptr<const Profile> builtinProfile(std::string_view name) {
  for (const profiledata::BuiltinFile& f : profiledata::builtinFiles()) {
    if (f.name != name) continue;
    std::vector<ProfileError> errors;
    return parseProfile("builtin:" + std::string(name), std::string(f.text), errors, true);
  }
  return nullptr;
}

std::shared_ptr<const Profile> loadProfile(const std::string& nameOrPath, std::vector<ProfileError>& errors) {
  if (auto p = builtinProfile(nameOrPath)) return p;
  std::string error;
  bool tooLarge = false;
  std::optional<std::string> text = readFile(nameOrPath, error, 1 << 20, tooLarge);
  if (!text || tooLarge) {
    std::string known;
    for (const std::string& n : builtinProfileNames()) known += (known.empty() ? "" : ", ") + n;
    errors.push_back({{nameOrPath, {}}, "neither a built-in profile (" + known + ") nor a readable profile file" +
                                            (error.empty() ? "" : ": " + error)});
    return nullptr;
  }
  return parseProfile(nameOrPath, std::move(*text), errors);
}

}  // namespace iamlint
