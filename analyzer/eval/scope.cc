// "Permission beyond scope": find a request whose action matches the query, whose resource
// lies outside the scope, and which the policies allow. First candidates are real requests:
// catalog actions the statement and the query both name, on ARNs of a resource type the
// action takes (from the catalog's ARN formats, or the statement's own patterns when they
// denote such a type). When none of those is allowed, candidates come from the statement's
// own patterns (wildcards filled with a distinctive word); an automaton search backs them
// up, so the answer never rests on spelling or on the catalog being complete.
#include <algorithm>
#include <set>

#include "analyzer/eval/language.h"
#include "iamlint/catalog.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

using namespace evalimpl;

namespace {

constexpr const char* kFiller = "iamlint-example";

// Concrete strings a pattern matches, with every `*` filled the same way.
std::vector<std::string> instantiate(std::string_view text) {
  std::vector<std::string> out;
  for (std::string fill : {std::string(kFiller), std::string(), std::string(kFiller) + "/" + kFiller}) {
    std::string s;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '$' && i + 2 < text.size() && text[i + 1] == '{' && text[i + 3] == '}' &&
          (text[i + 2] == '*' || text[i + 2] == '?' || text[i + 2] == '$')) {
        s += text[i + 2];
        i += 3;
      } else if (c == '*') {
        s += fill;
      } else if (c == '?') {
        s += 'x';
      } else {
        s += c;
      }
    }
    out.push_back(s);
  }
  return out;
}

// The ARN prefix (through the fifth colon) of a scope pattern, when it has no wildcard:
// `arn:aws:s3:::` makes `arn:aws:s3:::iamlint-example` a readable out-of-scope example.
std::string arnPrefix(std::string_view scope) {
  size_t at = 0;
  for (int i = 0; i < 5; ++i) {
    at = scope.find(':', at);
    if (at == std::string_view::npos) return {};
    ++at;
  }
  std::string_view prefix = scope.substr(0, at);
  if (iamdata::findAny(prefix, "*?$") != std::string_view::npos) return {};
  return std::string(prefix);
}

struct Search {
  const PolicySet& policies;
  const ScopeQuery& query;
  EvalOptions options;  // with every open parameter bound to its marker
  std::vector<Pattern> scope, actions;
  std::optional<ScopeWitness> best;

  bool inScope(const std::string& resource) const {
    for (const Pattern& p : scope)
      if (run(p, resource, false)) return true;
    return false;
  }
  // Query actions without wildcards are looked up; only patterns run as automata.
  std::set<std::string> literalActions;  // lower case
  bool queried(const std::string& action) const {
    std::string lower;
    for (char c : action) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (literalActions.count(lower)) return true;
    for (const Pattern& p : actions)
      if (run(p, action, true)) return true;
    return false;
  }

  // Texts of a statement element under the bindings (alternatives whose guard may hold).
  std::vector<std::string> texts(const std::vector<Value>& values) const {
    std::vector<std::string> out;
    for (const Value& v : values)
      for (const Resolved& alt : v.alts)
        if (conditionTruth(alt.guard, options) != Tri::No) out.push_back(bindHoles(alt, options, nullptr));
    return out;
  }

  std::vector<std::string> actionCandidates(const Statement& s) const {
    std::vector<std::string> out;
    std::vector<std::string> mine = texts(s.actions);
    std::vector<std::string> sources = query.actions;
    if (!s.notAction) sources.insert(sources.end(), mine.begin(), mine.end());
    std::set<std::string> seen;
    for (const std::string& src : sources)
      for (std::string& c : instantiate(src))
        if (queried(c) && seen.insert(c).second) out.push_back(std::move(c));
    // Exact backstop: a string in (statement ∩ query) minus NotAction.
    std::vector<Pattern> none;
    for (const std::string& q : query.actions) {
      // A literal query action is its own witness: no automaton needed.
      if (iamdata::findAny(q, "*?$") == std::string::npos) {
        bool named = false;
        for (const std::string& m : mine) named = named || actionMatches(m, q);
        if (named != s.notAction) out.push_back(q);
        continue;
      }
      std::vector<Pattern> all = {scopePattern(q, false)};
      if (s.notAction) {
        for (const std::string& m : mine) none.push_back(scopePattern(m, false));
        if (auto w = findString(all, none, true)) out.push_back(*w);
      } else {
        for (const std::string& m : mine) {
          all.resize(1);
          all.push_back(scopePattern(m, false));
          if (auto w = findString(all, {}, true)) out.push_back(*w);
        }
      }
    }
    return out;
  }

  std::vector<std::string> resourceCandidates(const Statement& s) const {
    std::vector<std::string> out;
    std::vector<std::string> mine = texts(s.resources);
    std::vector<std::string> sources;
    if (!s.notResource) sources = mine;
    for (const std::string& q : query.scope) {
      std::string prefix = arnPrefix(q);
      if (!prefix.empty()) sources.push_back(prefix + "*");
    }
    for (const std::string& src : sources)
      for (std::string& c : instantiate(src)) out.push_back(std::move(c));
    std::vector<Pattern> none = scope;
    if (s.notResource) {
      for (const std::string& m : mine) none.push_back(scopePattern(m, true));
      if (auto w = findString({scopePattern("*", true)}, none, false)) out.push_back(*w);
    } else {
      for (const std::string& m : mine)
        if (auto w = findString({scopePattern(m, true)}, none, false)) out.push_back(*w);
    }
    return out;
  }

  // Catalog actions matching the statement and the query, most telling first: writes before
  // reads, then short names (`s3:PutObject` reads better than `s3:PutBucketOwnershipControls`).
  std::vector<const ActionInfo*> catalogActions(const Statement& s) const {
    const Catalog& catalog = Catalog::instance();
    std::vector<const ActionInfo*> out;
    std::set<const ActionInfo*> seen;
    std::vector<std::string> mine = texts(s.actions);
    auto consider = [&](const ActionInfo* a) {
      std::string name = a->fullName();
      if (!queried(name) || !seen.insert(a).second) return;
      bool named = false;
      for (const std::string& m : mine) named = named || actionMatches(m, name);
      if (named != s.notAction) out.push_back(a);
    };
    if (s.notAction) {
      for (const std::string& q : query.actions)
        for (const ActionInfo* a : catalog.expandPattern(q)) consider(a);
    } else {
      for (const std::string& m : mine)
        for (const ActionInfo* a : catalog.expandPattern(m)) consider(a);
    }
    auto rank = [](const ActionInfo* a) {
      switch (a->accessLevel) {
        case AccessLevel::Write: return 0;
        case AccessLevel::PermissionsManagement: return 1;
        case AccessLevel::Tagging: return 2;
        case AccessLevel::Read: return 3;
        case AccessLevel::List: return 4;
      }
      return 5;
    };
    std::stable_sort(out.begin(), out.end(), [&](const ActionInfo* a, const ActionInfo* b) {
      if (rank(a) != rank(b)) return rank(a) < rank(b);
      if (a->name.size() != b->name.size()) return a->name.size() < b->name.size();
      return a->name < b->name;
    });
    return out;
  }

  // ARNs of the resource types `action` takes: from the catalog's formats, and the other
  // candidates that denote such a type. `*` for an action that takes no resource type.
  // The resource types each candidate ARN denotes, found once per statement: with `Action: "*"`
  // typedResources runs for every action in the catalog.
  using CandidateTypes = std::vector<std::pair<std::string, std::vector<const ResourceTypeInfo*>>>;
  static CandidateTypes typesOf(const std::vector<std::string>& candidates) {
    CandidateTypes out;
    for (const std::string& c : candidates) {
      if (c == "*" || c.find(kFiller) == std::string::npos) continue;
      out.emplace_back(c, Catalog::instance().matchResourceTypes(c));
    }
    return out;
  }

  std::vector<std::string> typedResources(const ActionInfo& action, const CandidateTypes& candidates) const {
    const Catalog& catalog = Catalog::instance();
    std::vector<std::string> out;
    if (action.wildcardOnly()) {
      out.push_back("*");
      return out;
    }
    for (const ActionResourceType& t : action.resourceTypes) {
      const ResourceTypeInfo* info = catalog.findResourceType(action.service, t.name);
      if (!info) continue;
      std::string arn(info->arnFormat);
      for (size_t at; (at = arn.find("${")) != std::string::npos;) {
        size_t close = arn.find('}', at);
        if (close == std::string::npos) break;
        std::string var = arn.substr(at + 2, close - at - 2);
        std::string value = var == "Partition" ? "aws" : var == "Region" ? "us-east-1" : var == "Account" ? "123456789012" : kFiller;
        arn.replace(at, close - at + 1, value);
      }
      out.push_back(arn);
    }
    // The plainest ARN first: a bucket's object before an access point's.
    std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
    for (const auto& [c, types] : candidates) {
      for (const ResourceTypeInfo* rt : types) {
        bool takes = false;
        for (const ActionResourceType& t : action.resourceTypes) takes = takes || (rt->service == action.service && rt->name == t.name);
        if (takes) {
          out.push_back(c);
          break;
        }
      }
    }
    return out;
  }

  // Real requests only; true when a certain witness is found.
  bool overTyped(const Policy* policy) {
    if (!policy) return false;
    for (const Statement& s : policy->statements) {
      if (s.effect != Effect::Allow) continue;
      CandidateTypes ress = typesOf(resourceCandidates(s));
      std::set<std::pair<std::string, std::string>> tried;
      for (const ActionInfo* a : catalogActions(s)) {
        std::string name = a->fullName();
        for (const std::string& res : typedResources(*a, ress))
          if (tried.emplace(name, res).second && tryRequest(policy, s, name, res)) return true;
      }
    }
    return false;
  }

  // Tries one request; returns true when a certain witness is found.
  bool tryRequest(const Policy* policy, const Statement& s, const std::string& action, const std::string& resource) {
    if (!queried(action) || inScope(resource)) return false;
    Request r;
    r.action = action;
    r.resource = resource;
    r.context.setOpen(true);
    bool resourcePolicy = std::find(policies.resource.begin(), policies.resource.end(), policy) != policies.resource.end();
    if (statementApplies(s, r, options, resourcePolicy) == Tri::No) return false;
    EvalResult result = evaluate(policies, r, options);
    if (result.decision != Decision::Allow) return false;
    if (best && (best->result.certain || !result.certain)) return false;
    best = ScopeWitness{showMarkers(action), showMarkers(resource), {policy, &s, Tri::Yes}, std::move(result)};
    for (StatementRef& d : best->result.deciding)
      if (d.statement == &s) best->allowedBy.applies = d.applies;
    return best->result.certain;
  }

  void over(const Policy* policy) {
    if (!policy) return;
    for (const Statement& s : policy->statements) {
      if (s.effect != Effect::Allow) continue;
      std::vector<std::string> acts = actionCandidates(s), ress = resourceCandidates(s);
      std::set<std::pair<std::string, std::string>> tried;
      for (const std::string& a : acts)
        for (const std::string& res : ress)
          if (tried.emplace(a, res).second && tryRequest(policy, s, a, res)) return;
    }
  }
};

// Binds every template parameter left open to an opaque marker, so a parameter stands for
// the same single value in the policies and in the scope.
void bindOpenHoles(const Policy* policy, EvalOptions& options) {
  if (!policy) return;
  for (const Statement& s : policy->statements)
    for (const auto* list : {&s.actions, &s.resources})
      for (const Value& v : *list)
        for (const Resolved& alt : v.alts)
          for (const Hole& h : alt.holes)
            if (!options.bindings.count(h.symbol)) options.bindings[h.symbol] = parameterMarker(h.symbol);
}

std::string bindScope(std::string_view text, const EvalOptions& options) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t close = text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{' ? text.find('}', i + 2) : std::string::npos;
    if (close != std::string::npos) {
      std::string name(text.substr(i + 2, close - i - 2));
      auto it = options.bindings.find(name);
      if (it != options.bindings.end() && name.find(':') == std::string::npos) {
        out += it->second;
        i = close;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

bool resourcePatternWithin(std::string_view pattern, const std::vector<std::string>& scope, std::string* witness) {
  std::vector<Pattern> none;
  for (const std::string& s : scope) none.push_back(scopePattern(s, true));
  bool exhausted = false;
  auto w = findString({scopePattern(pattern, true)}, none, false, &exhausted);
  if (w && witness) *witness = showMarkers(*w);
  return !w && !exhausted;
}

std::optional<ScopeWitness> findBeyondScope(const PolicySet& policies, const ScopeQuery& query,
                                            const EvalOptions& options) {
  Search search{policies, query, options, {}, {}, std::nullopt, {}};
  for (const Policy* p : policies.identity) bindOpenHoles(p, search.options);
  for (const Policy* p : policies.resource) bindOpenHoles(p, search.options);
  for (const std::string& s : query.scope) search.scope.push_back(scopePattern(bindScope(s, search.options), true));
  for (const std::string& a : query.actions) {
    if (iamdata::findAny(a, "*?$") == std::string::npos) {
      std::string lower;
      for (char c : a) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      search.literalActions.insert(lower);
    } else {
      search.actions.push_back(scopePattern(a, false));
    }
  }
  // Real requests first, over every policy; then anything the patterns admit.
  for (const Policy* p : policies.identity)
    if (search.overTyped(p)) return search.best;
  for (const Policy* p : policies.resource)
    if (search.overTyped(p)) return search.best;
  if (search.best) return search.best;
  for (const Policy* p : policies.identity) {
    search.over(p);
    if (search.best && search.best->result.certain) return search.best;
  }
  for (const Policy* p : policies.resource) search.over(p);
  return search.best;
}

}  // namespace iamlint
