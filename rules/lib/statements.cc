#include "analyzer/iamdata/text_match.h"
#include "rules/lib/statements.h"

#include <strings.h>

#include <algorithm>
#include <unordered_map>

#include "iamlint/eval.h"
#include "analyzer/security/tables.h"
#include "rules/3-resources/arn.h"

namespace iamlint::security {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool allStars(std::string_view s) {
  return !s.empty() && s.find_first_not_of('*') == std::string_view::npos;
}

std::string conditionPhrase(const Guard& guard) {
  if (guard.empty()) return {};
  return "the Fn::If branch taken when " + describeGuard(guard);
}

}  // namespace

std::string parameterOf(const Resolved& alt) {
  switch (alt.origin.kind) {
    case OriginKind::ParameterDefault:
    case OriginKind::ParameterAllowedValue:
    case OriginKind::Parameter: return alt.origin.name;
    default: return {};
  }
}

std::string originOf(const Resolved& alt) {
  std::vector<std::string> parts;
  const ValueOrigin& o = alt.origin;
  if (o.kind == OriginKind::ParameterAllowedValue)
    parts.push_back("an allowed value of parameter `" + o.name + "`");
  else if (o.kind == OriginKind::ParameterDefault)
    parts.push_back("the default of parameter `" + o.name + "`");
  else if (o.kind == OriginKind::Parameter)
    parts.push_back("parameter `" + o.name + "`");
  else if (o.kind == OriginKind::MappingEntry && o.node)
    parts.push_back("mapping entry `" + o.node->pointer() + "`");
  if (!alt.guard.empty()) parts.push_back(conditionPhrase(alt.guard));
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", in " : "") + parts[i];
  return out;
}

std::string provenance(const Resolved& alt) {
  std::string o = originOf(alt);
  return o.empty() ? o : " (from " + o + ")";
}

bool isEveryAction(std::string_view p) {
  size_t colon = p.find(':');
  if (colon == std::string_view::npos) return allStars(p);
  return allStars(p.substr(0, colon)) && allStars(p.substr(colon + 1));
}

bool isServiceWildcard(std::string_view p, std::string* service) {
  size_t colon = p.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view svc = p.substr(0, colon);
  if (iamdata::findAny(svc, "*?") != std::string_view::npos || !allStars(p.substr(colon + 1))) return false;
  if (service) *service = std::string(svc);
  return true;
}

bool isEveryResource(std::string_view p) {
  if (allStars(p)) return true;
  if (p.rfind("arn:", 0) != 0) return false;
  // arn:*  arn:*:*  ...  arn:*:*:*:*:*  (a trailing `*` field spans the rest); the partition
  // may be written (`arn:aws:*:*:*:*`): a policy acts in its own partition.
  std::string_view rest = p.substr(4);
  for (bool first = true; !rest.empty(); first = false) {
    size_t colon = rest.find(':');
    std::string_view field = rest.substr(0, colon);
    bool partition = first && colon != std::string_view::npos && !field.empty() &&
                     iamdata::findAny(field, "*?$") == std::string_view::npos;
    if (!allStars(field) && !partition) return false;
    if (colon == std::string_view::npos) return true;
    rest.remove_prefix(colon + 1);
  }
  return false;
}

std::vector<Alt> exactAlts(const std::vector<Value>& values, bool* unknown) {
  std::vector<Alt> out;
  for (const Value& v : values)
    for (const Resolved& r : v.alts) {
      if (r.exact()) out.push_back({&v, &r});
      else if (unknown) *unknown = true;
    }
  return out;
}

std::optional<Alt> everyResource(const Statement& st) {
  if (st.notResource) return std::nullopt;
  for (const Value& v : st.resources)
    for (const Resolved& r : v.alts) {
      if (r.exact()) {
        if (isEveryResource(r.text)) return Alt{&v, &r};
        continue;
      }
      // `arn:${AWS::Partition}:*:*:*:*`: the only hole is the partition.
      static constexpr std::string_view kPartition = "arn:${AWS::Partition}:";
      std::string text = arnText(r);
      if (text.rfind(kPartition, 0) == 0 && text.find("${", kPartition.size()) == std::string::npos &&
          isEveryResource("arn:aws:" + text.substr(kPartition.size())))
        return Alt{&v, &r};
    }
  return std::nullopt;
}

bool mayCoverEveryResource(const Statement& st) {
  if (st.notResource) return false;
  for (const Value& v : st.resources)
    for (const Resolved& r : v.alts)
      if (r.text.find('*') != std::string::npos) return true;
  return false;
}

namespace {

// " in account `111122223333`", " in the stack's account and region": where a value that covers
// every resource of a type in the account or region it names stays.
std::string scopeOf(const Resolved& r) {
  ArnParts parts;
  if (!splitArn(r, parts)) return {};
  auto named = [](std::string_view field) { return !field.empty() && !wildcardField(field); };
  std::vector<std::string> where;
  if (named(parts.account))
    where.push_back(parts.account == "${AWS::AccountId}" ? "the stack's account" : "account `" + std::string(parts.account) + "`");
  if (named(parts.region))
    where.push_back(parts.region == "${AWS::Region}" ? "the stack's region" : "region `" + std::string(parts.region) + "`");
  if (where.empty()) return {};
  return " in " + where[0] + (where.size() > 1 ? " and " + where[1] : "");
}

// Does `action` create resources of type `t`, with an id AWS assigns (`ec2:CreateVolume` and
// `volume/${VolumeId}`)? The new resource's ARN is unknown when the policy is written, so
// `volume/*` is the only way to name it: no wildcard to narrow. The catalog marks the type an
// action creates with the tag-on-create key `aws:RequestTag/${TagKey}`; a type with a name
// part (`log-group:${LogGroupName}`, `role/${RoleNameWithPath}`) can be narrowed by name.
bool createsWithAssignedId(const ActionInfo& action, const ActionResourceType& t, const ResourceTypeInfo& rt) {
  if (action.accessLevel == AccessLevel::Tagging) return false;
  bool tagOnCreate = false;
  for (std::string_view k : t.conditionKeys) tagOnCreate = tagOnCreate || k == "aws:RequestTag/${TagKey}";
  if (!tagOnCreate) return false;
  std::string_view f = rt.arnFormat;
  size_t at = 0;
  for (int colons = 0; colons < 5 && at != std::string_view::npos; ++colons) {
    at = f.find(':', at);
    if (at != std::string_view::npos) ++at;
  }
  if (at == std::string_view::npos) return false;
  bool any = false;
  for (size_t open = f.find("${", at); open != std::string_view::npos; open = f.find("${", open + 2)) {
    size_t close = f.find('}', open);
    if (close == std::string_view::npos || close < open + 4) return false;
    std::string_view name = f.substr(close - 2, 2);
    if (name != "Id" && name != "ID" && name != "id") return false;
    any = true;
  }
  return any;
}

}  // namespace

std::optional<AnyResource> anyResourceFor(const Statement& st, const ActionInfo& action, ArnReach least) {
  return AnyResourceScan(st).of(action, least);
}

AnyResourceScan::AnyResourceScan(const Statement& st) : every_(everyResource(st)), notResource_(st.notResource) {
  if (st.notResource || every_) return;
  for (const Value& v : st.resources)
    for (const Resolved& r : v.alts) {
      candidates_.push_back({Alt{&v, &r}, arnText(r), r.text.find('*') != std::string::npos, nullptr});
    }
}

const iamdata::ResourcePattern& AnyResourceScan::patternOf(size_t candidate) {
  Candidate& c = candidates_[candidate];
  if (!c.pattern) c.pattern = std::make_unique<iamdata::ResourcePattern>(c.text);
  return *c.pattern;
}

AnyResourceScan::Known& AnyResourceScan::known(size_t candidate, const ResourceTypeInfo& type) {
  auto [it, added] = known_.try_emplace({candidate, &type});
  if (added) {
    ArnReach r = Catalog::instance().arnReach(patternOf(candidate), type);
    // A value that reaches some of the type denotes it; one that reaches none may still name one.
    it->second = {candidate, &type, r, static_cast<int8_t>(r != ArnReach::Partial ? 1 : -1)};
  }
  return it->second;
}

ArnReach AnyResourceScan::reach(size_t candidate, const ResourceTypeInfo& type) { return known(candidate, type).reach; }

bool AnyResourceScan::touches(const ResourceTypeInfo& type) {
  for (size_t c = 0; c < candidates_.size(); ++c) {
    Known& k = known(c, type);
    if (k.touches < 0) k.touches = Catalog::instance().arnMayDenote(patternOf(c), type) ? 1 : 0;
    if (k.touches) return true;
  }
  return false;
}

std::optional<AnyResource> AnyResourceScan::of(const ActionInfo& action, ArnReach least) {
  if (notResource_) return std::nullopt;
  if (every_) return AnyResource{*every_, ArnReach::Every, {}, ""};
  if (action.wildcardOnly()) return std::nullopt;
  const Catalog& catalog = Catalog::instance();
  bool required = false;
  for (const ActionResourceType& t : action.resourceTypes) required = required || t.required;
  AnyResource out;
  out.reach = ArnReach::Every;
  std::vector<size_t> coveredBy;  // candidate of each entry of out.covered
  for (const ActionResourceType& t : action.resourceTypes) {
    if (required && !t.required) continue;
    const ResourceTypeInfo* rt = catalog.findResourceType(action.service, t.name);
    if (!rt) return std::nullopt;
    if (createsWithAssignedId(action, t, *rt)) continue;
    ArnReach best = ArnReach::Partial;
    size_t by = SIZE_MAX;
    for (size_t k = 0; k < candidates_.size() && best != ArnReach::Every; ++k) {
      // Every resource of a type with a name or id part takes a `*`; the rare type without one
      // (an account's singleton) can only be covered within the account named.
      if (least == ArnReach::Every && !candidates_[k].star) continue;
      ArnReach r = reach(k, *rt);
      if (r > best) best = r, by = k;
    }
    if (by == SIZE_MAX || best < least) {
      // Every required type must be covered. An action that requires none takes one of its
      // types per request (`s3:GetObject`: an object, or an object through an access point):
      // a type the statement does not name at all leaves the others open, one it names
      // resources of narrows them.
      if (required || touches(*rt)) return std::nullopt;
      continue;
    }
    size_t at = std::find(coveredBy.begin(), coveredBy.end(), by) - coveredBy.begin();
    if (at == coveredBy.size()) {
      coveredBy.push_back(by);
      out.covered.push_back({candidates_[by].alt, std::string(action.service), {}, best});
    }
    AnyResource::Covered& c = out.covered[at];
    c.types.push_back(std::string(rt->name));
    c.reach = std::min(c.reach, best);
    out.reach = std::min(out.reach, best);
  }
  if (out.covered.empty()) return std::nullopt;
  out.alt = out.covered[0].alt;
  out.meaning = anyResourceNote({out});
  out.meaning = out.meaning.substr(2, out.meaning.size() - 3);  // without " (" and ")"
  return out;
}

std::string anyResourceNote(const std::vector<AnyResource>& used) {
  // One phrase per value, with every type it was taken for in any of the uses.
  std::vector<AnyResource::Covered> merged;
  for (const AnyResource& u : used)
    for (const AnyResource::Covered& c : u.covered) {
      auto same = std::find_if(merged.begin(), merged.end(), [&](const AnyResource::Covered& m) {
        return m.alt.alt == c.alt.alt && m.service == c.service;
      });
      if (same == merged.end()) {
        merged.push_back(c);
        continue;
      }
      for (const std::string& t : c.types)
        if (std::find(same->types.begin(), same->types.end(), t) == same->types.end()) same->types.push_back(t);
      same->reach = std::min(same->reach, c.reach);
    }
  if (merged.empty()) return {};
  std::vector<std::string> parts;
  for (const AnyResource::Covered& c : merged) {
    std::string types;
    const size_t shown = c.types.size() > 4 ? 3 : c.types.size();
    for (size_t i = 0; i < shown; ++i)
      types += (i == 0 ? "" : i + 1 == c.types.size() ? " and " : ", ") + c.types[i];
    if (shown < c.types.size()) types += " and " + std::to_string(c.types.size() - shown) + " more types";
    bool again = !parts.empty() && merged[parts.size() - 1].alt.alt == c.alt.alt;
    parts.push_back((again ? std::string("every ") : "`" + c.alt.text() + "` matches every ") + c.service + " " + types +
                    (c.reach == ArnReach::Scoped ? scopeOf(*c.alt.alt) : ""));
  }
  std::string out = " (";
  for (size_t i = 0; i < parts.size() && i < 3; ++i) out += (i == 0 ? "" : "; ") + parts[i];
  if (parts.size() > 3) out += "; and " + std::to_string(parts.size() - 3) + " more";
  return out + ")";
}

ActionList actionsOf(std::string_view pattern) {
  const Catalog& c = Catalog::instance();
  if (iamdata::findAny(pattern, "*?") == std::string_view::npos) {
    if (const ActionInfo* a = c.findAction(pattern)) return ActionList(a);
    return ActionList(std::vector<const ActionInfo*>());
  }
  return ActionList(c.expandPattern(pattern));
}

std::optional<FullAdmin> fullAdmin(const Statement& st) {
  if (st.effect != Effect::Allow) return std::nullopt;
  std::optional<Alt> resource = everyResource(st);
  if (!resource) return std::nullopt;
  if (!st.notAction) {
    auto action = findAlt(st.actions, [](const std::string& t) { return isEveryAction(t); });
    if (!action) return std::nullopt;
    return FullAdmin{*action, *resource, false};
  }
  // NotAction: full admin when no excluded pattern touches IAM's permissions-management actions.
  bool unknown = false;
  std::vector<Alt> excluded = exactAlts(st.actions, &unknown);
  if (unknown || excluded.empty()) return std::nullopt;  // an unknown exclusion could be `iam:*`
  const ServiceInfo* iam = Catalog::instance().service("iam");
  if (!iam) return std::nullopt;
  for (const ActionInfo& a : iam->actions) {
    if (a.accessLevel != AccessLevel::PermissionsManagement) continue;
    std::string full = a.fullName();
    for (const Alt& e : excluded)
      if (actionMatches(e.text(), full)) return std::nullopt;
  }
  return FullAdmin{excluded[0], *resource, true};
}

bool isPositiveOperator(std::string_view op) {
  std::string_view base = op;
  if (base.rfind("ForAnyValue:", 0) == 0) base.remove_prefix(12);
  if (base.rfind("ForAllValues:", 0) == 0) return false;  // holds when the key is absent
  if (base.size() >= 8 && base.substr(base.size() - 8) == "IfExists") return false;
  for (std::string_view ok :
       {"StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "Bool", "IpAddress"})
    if (base == ok) return true;
  return false;
}

bool isNegatedOperator(std::string_view op) {
  std::string_view base = op;
  if (base.size() >= 8 && base.substr(base.size() - 8) == "IfExists") base.remove_suffix(8);
  for (std::string_view neg : {"StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals", "ArnNotLike"})
    if (base == neg) return true;
  return false;
}

bool isPrincipalRestrictingKey(std::string_view key) {
  for (std::string_view k :
       {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
        "aws:SourceVpce", "aws:SourceVpc", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner",
        "aws:SourceOrgID", "aws:SourceOrgPaths", "kms:CallerAccount", "s3:DataAccessPointAccount",
        "s3:DataAccessPointArn", "aws:PrincipalIsAWSService", "aws:SourceIp"})
    if (iequals(k, key)) return true;
  return false;
}

// A wildcard in a value lets in callers outside the named account, unless it only widens the
// resource part of an ARN whose account is fixed, or the path under a fixed organisation.
// S3's Block Public Access rule for source addresses: a CIDR no broader than /8 (IPv4) or /32
// (IPv6), or one inside the RFC 1918 private ranges, names fixed callers.
static bool narrowSourceRange(std::string_view cidr) {
  size_t slash = cidr.find('/');
  bool v6 = cidr.find(':') != std::string_view::npos;
  int prefix = v6 ? 128 : 32;
  if (slash != std::string_view::npos) {
    std::string_view bits = cidr.substr(slash + 1);
    if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string_view::npos) return false;
    prefix = std::stoi(std::string(bits));
  }
  if (v6) return prefix >= 32;
  if (prefix >= 8) return true;
  return cidr.rfind("10.", 0) == 0 || cidr.rfind("192.168.", 0) == 0 || cidr.rfind("172.16.", 0) == 0;
}

static bool valueFixed(std::string_view key, const Resolved& v) {
  const std::string& t = v.text;
  if (iequals(key, "aws:SourceIp")) return v.holes.empty() && narrowSourceRange(t);
  // Wildcards inside holes do not count: the hole is one fixed value.
  std::string literalPart;
  size_t at = 0;
  for (const Hole& h : v.holes) {
    literalPart += t.substr(at, h.begin - at) + "H";
    at = h.end;
  }
  literalPart += t.substr(std::min<size_t>(at, t.size()));
  // A policy variable (`${aws:PrincipalAccount}`) is the caller's own value: compared with
  // itself it matches every caller.
  if (literalPart.find("${") != std::string::npos) return false;
  if (iamdata::findAny(literalPart, "*?") == std::string::npos) return !literalPart.empty();
  if (iequals(key, "aws:SourceArn") || iequals(key, "aws:PrincipalArn") || iequals(key, "s3:DataAccessPointArn")) {
    // arn:partition:service:region:account:resource: the account must be fixed.
    size_t pos = 0;
    for (int i = 0; i < 4; ++i) {
      pos = literalPart.find(':', pos);
      if (pos == std::string::npos) return false;
      ++pos;
    }
    size_t end = literalPart.find(':', pos);
    if (end == std::string::npos) return false;
    std::string_view account = std::string_view(literalPart).substr(pos, end - pos);
    return !account.empty() && iamdata::findAny(account, "*?") == std::string_view::npos;
  }
  if (iequals(key, "aws:PrincipalOrgPaths") || iequals(key, "aws:SourceOrgPaths")) {
    size_t slash = literalPart.find('/');
    return slash != std::string::npos && slash > 0 &&
           iamdata::findAny(literalPart.substr(0, slash), "*?") == std::string::npos;
  }
  return false;
}

bool conditionValuesFixed(const ConditionEntry& c) {
  if (c.values.empty()) return false;
  for (const Value& v : c.values) {
    if (v.alts.empty()) return false;
    for (const Resolved& r : v.alts)
      if (!valueFixed(c.key, r)) return false;
  }
  return true;
}

const ConditionEntry* positiveCondition(const Statement& st, std::string_view key) {
  for (const ConditionEntry& c : st.conditions) {
    if (!iequals(c.key, key) || !isPositiveOperator(c.op)) continue;
    if (c.op.find("Bool") != std::string::npos) {
      bool allTrue = !c.values.empty();
      for (const Value& v : c.values)
        for (const Resolved& r : v.alts)
          if (!iequals(r.text, "true")) allTrue = false;
      if (allTrue) return &c;
      continue;
    }
    if (conditionValuesFixed(c)) return &c;
  }
  return nullptr;
}

// A header the caller writes itself: no condition on it can tell callers apart.
bool isUntrustworthyKey(std::string_view key) {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-referer
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-useragent
  return iequals(key, "aws:Referer") || iequals(key, "aws:UserAgent");
}

// The first exact value of a positive condition on a caller-restricting key that is only a
// wildcard pattern (`o-*`, `*`, `11112222*`): it matches callers the policy does not name.
static std::optional<std::pair<const ConditionEntry*, std::string>> wildcardRestriction(const Statement& st) {
  for (const ConditionEntry& c : st.conditions) {
    if (!isPositiveOperator(c.op) || !isPrincipalRestrictingKey(c.key) || iequals(c.key, "aws:SourceIp") ||
        iequals(c.key, "aws:PrincipalIsAWSService"))
      continue;
    for (const Value& v : c.values)
      for (const Resolved& r : v.alts)
        if (r.exact() && iamdata::findAny(r.text, "*?") != std::string::npos && r.text.find("${") == std::string::npos &&
            !valueFixed(c.key, r))
          return std::make_pair(&c, r.text);
  }
  return std::nullopt;
}

std::string unrestrictedNote(const Statement& st) {
  std::vector<std::string> keys;
  for (const ConditionEntry& c : st.conditions)
    if (std::find(keys.begin(), keys.end(), c.key) == keys.end()) keys.push_back(c.key);
  std::string when = st.guard.empty() ? "" : " (when " + describeGuard(st.guard) + ")";
  if (keys.empty()) return "; no condition restricts it" + when;
  if (auto wild = wildcardRestriction(st))
    return "; the wildcard value `" + wild->second + "` of its condition on `" + wild->first->key +
           "` matches callers of accounts and organisations the policy does not name" + when;
  for (const std::string& k : keys)
    if (isUntrustworthyKey(k))
      return "; its condition on `" + k + "` tests a request header the caller sets itself, so it does not "
             "limit who calls" + when;
  return std::string("; its condition") + (keys.size() == 1 ? " on " : "s on ") + listOf(keys, 3) +
         (keys.size() == 1 ? " does" : " do") + " not limit who calls" + when;
}

const ConditionEntry* restrictingCondition(const Statement& st) {
  for (const ConditionEntry& c : st.conditions)
    if (isPrincipalRestrictingKey(c.key))
      if (const ConditionEntry* found = positiveCondition(st, c.key)) return found;
  return nullptr;
}

std::optional<Alt> wildcardPrincipal(const Statement& st) {
  if (st.notPrincipal) return std::nullopt;
  for (const PrincipalEntry& e : st.principals) {
    if (e.type != "*" && e.type != "AWS") continue;
    for (const Value& v : e.values)
      for (const Resolved& r : v.alts)
        if (r.exact() && r.text == "*") return Alt{&v, &r};
  }
  return std::nullopt;
}

const Statement* restrictingDeny(const Policy& policy, const Statement& allow) {
  bool unknown = false;
  std::vector<Alt> allowActions = exactAlts(allow.actions, &unknown);
  std::vector<Alt> allowResources = exactAlts(allow.resources, &unknown);
  for (const Statement& d : policy.statements) {
    if (d.effect != Effect::Deny || d.notAction || d.notResource || !wildcardPrincipal(d)) continue;
    bool restricts = false;
    for (const ConditionEntry& c : d.conditions)
      if (isNegatedOperator(c.op) && isPrincipalRestrictingKey(c.key) && conditionValuesFixed(c)) restricts = true;
    if (!restricts) continue;
    std::vector<Alt> denyActions = exactAlts(d.actions), denyResources = exactAlts(d.resources);
    auto covers = [](const std::vector<Alt>& patterns, const std::vector<Alt>& items, bool action) {
      for (const Alt& i : items) {
        bool hit = false;
        for (const Alt& p : patterns)
          if (p.text() == "*" || (action ? actionMatches(p.text(), i.text()) : globMatch(p.text(), i.text(), false)))
            hit = true;
        if (!hit) return false;
      }
      return true;
    };
    if (!allow.notAction && covers(denyActions, allowActions, true) &&
        (allow.notResource ? covers(denyResources, {}, false) && !denyResources.empty() &&
                                 denyResources[0].text() == "*"
                           : covers(denyResources, allowResources, false)))
      return &d;
  }
  return nullptr;
}

std::string attachedSuffix(const Policy& p) {
  if (p.attachedTo.empty() || (p.attachedTo.size() == 1 && p.attachedTo[0] == p.resource)) return {};
  return " (attached to " + listOf(p.attachedTo) + ")";
}

std::vector<ManagedUse> awsManagedUses(const Analysis& a) {
  std::vector<ManagedUse> out;
  for (const IamPrincipal& pr : a.principals)
    for (const ManagedPolicyRef& ref : pr.managedPolicies)
      if (ref.policy && ref.policy->awsManaged) out.push_back({&pr, &ref});
  return out;
}

const Resolved* managedAlt(const ManagedPolicyRef& ref) {
  for (const Resolved& r : ref.arn.alts)
    if (r.text.find(":iam::aws:policy/") != std::string::npos) return &r;
  return ref.arn.alts.empty() ? nullptr : &ref.arn.alts[0];
}

std::string listOf(const std::vector<std::string>& items, size_t max) {
  std::string out;
  size_t shown = std::min(items.size(), items.size() > max ? max - 1 : max);
  for (size_t i = 0; i < shown; ++i) {
    if (i) out += i + 1 == items.size() ? " and " : ", ";
    out += "`" + items[i] + "`";
  }
  if (shown < items.size()) out += " and " + std::to_string(items.size() - shown) + " more";
  return out;
}

}  // namespace iamlint::security

namespace iamlint::security {

const EvalOptions& probeOptions() {
  static const EvalOptions options = [] {
    EvalOptions o;
    o.bindings["AWS::AccountId"] = "123456789012";
    o.bindings["AWS::Partition"] = "aws";
    o.bindings["AWS::Region"] = "us-east-1";
    o.bindings["AWS::URLSuffix"] = "amazonaws.com";
    return o;
  }();
  return options;
}

std::string probeResource(const ActionInfo& action) {
  if (action.wildcardOnly()) return "*";
  const ActionResourceType* pick = &action.resourceTypes[0];
  for (const ActionResourceType& t : action.resourceTypes)
    if (t.required) { pick = &t; break; }
  const ResourceTypeInfo* rt = Catalog::instance().findResourceType(action.service, pick->name);
  if (!rt) return "*";
  // Fill every ${Part} with a sample value nobody names in a policy.
  std::string out;
  std::string_view f = rt->arnFormat;
  for (size_t i = 0; i < f.size();) {
    if (f.compare(i, 2, "${") == 0) {
      size_t end = f.find('}', i);
      std::string_view name = f.substr(i + 2, end - i - 2);
      out += name == "Partition" ? "aws" : name == "Region" ? "us-east-1" : name == "Account" ? "123456789012" : "iamlint-probe-" + std::string(name);
      i = end + 1;
    } else {
      out += f[i++];
    }
  }
  return out;
}

std::optional<Alt> resourceCovering(const Statement& st, std::string_view arn) {
  Context open;
  open.setOpen(true);
  for (const Value& v : st.resources)
    for (const Resolved& r : v.alts) {
      Tri m = matchResolved(r, MatchKind::Resource, arn, open, probeOptions());
      if (st.notResource ? m == Tri::No : m == Tri::Yes) return Alt{&v, &r};
    }
  return std::nullopt;
}

std::vector<std::string> namedAccountProbes(const Statement& st, std::string_view resourcePart) {
  std::vector<std::string> out;
  if (st.notResource) return out;
  for (const Value& v : st.resources)
    for (const Resolved& r : v.alts) {
      if (!r.exact() || r.text.rfind("arn:", 0) != 0) continue;
      size_t p = r.text.find(':', 4), s = p == std::string::npos ? p : r.text.find(':', p + 1);
      size_t g = s == std::string::npos ? s : r.text.find(':', s + 1);
      size_t a = g == std::string::npos ? g : r.text.find(':', g + 1);
      if (a == std::string::npos || r.text.compare(p + 1, s - p - 1, "iam") != 0) continue;
      std::string partition = r.text.substr(4, p - 4), account = r.text.substr(g + 1, a - g - 1);
      if (account.size() != 12 || account.find_first_not_of("0123456789") != std::string::npos) continue;
      if (iamdata::findAny(partition, "*?") != std::string::npos) partition = "aws";
      std::string probe = "arn:" + partition + ":iam::" + account + ":" + std::string(resourcePart);
      if (std::find(out.begin(), out.end(), probe) == out.end()) out.push_back(probe);
    }
  return out;
}

std::optional<Alt> actionGranting(const Statement& st, std::string_view action) {
  if (!st.notAction) return findAlt(st.actions, [&](const std::string& t) { return actionMatches(t, action); });
  bool unknown = false;
  std::vector<Alt> excluded = exactAlts(st.actions, &unknown);
  if (unknown || excluded.empty()) return std::nullopt;
  for (const Alt& e : excluded)
    if (actionMatches(e.text(), action)) return std::nullopt;
  return excluded[0];
}

const ConditionEntry* resourceNarrowingCondition(const Statement& st) {
  for (const ConditionEntry& c : st.conditions) {
    std::string key = c.key;
    for (char& ch : key) ch = static_cast<char>(tolower(static_cast<unsigned char>(ch)));
    const ConditionKeyInfo* info = Catalog::instance().findConditionKey(c.key);
    // `ForAllValues:` on a single-valued key is true when the request has no such key: it narrows nothing.
    if (c.op.rfind("ForAllValues:", 0) == 0 && info && info->type != ConditionKeyType::Unknown &&
        !isArrayType(info->type))
      continue;
    if (key.rfind("aws:", 0) != 0) {
      // A service key: s3:prefix, iam:PassedToService, ec2:ResourceTag/... A Bool one states a fact
      // about the request (`kms:GrantIsForAWSResource`), not which resources it reaches.
      if (info && (info->type == ConditionKeyType::Bool || info->type == ConditionKeyType::ArrayOfBool)) continue;
      return &c;
    }
    if (key.rfind("aws:resourcetag/", 0) == 0 || key == "aws:resourceaccount" || key == "aws:resourceorgid" ||
        key == "aws:resourceorgpaths")
      return &c;
  }
  return nullptr;
}

bool isSensitive(const ActionInfo& a, std::string* why) {
  // Asked for the same catalog actions again and again: each thread remembers the table's
  // answer by the action's entry (the catalog and its entries live as long as the process).
  thread_local std::unordered_map<const ActionInfo*, const SensitiveAction*> known;
  auto [it, added] = known.try_emplace(&a, nullptr);
  if (added) it->second = findSensitiveAction(a.fullName());
  if (const SensitiveAction* s = it->second) {
    if (why) *why = std::string(sensitiveCategoryName(s->category)) + ": " + std::string(s->why);
    return true;
  }
  if (a.accessLevel == AccessLevel::PermissionsManagement) {
    if (why) *why = "permissions management";
    return true;
  }
  return false;
}

}  // namespace iamlint::security

namespace iamlint::security {

bool hasPublicCheck(const Policy& p) {
  for (std::string_view service : {"s3", "sqs", "sns", "kms", "lambda", "secretsmanager"})
    if (p.service == service) return true;
  return false;
}

std::optional<Alt> unrestrictedWildcardPrincipal(const Policy& p, const Statement& st) {
  if (st.effect != Effect::Allow) return std::nullopt;
  std::optional<Alt> star = wildcardPrincipal(st);
  if (!star || restrictingCondition(st) || restrictingDeny(p, st)) return std::nullopt;
  return star;
}

bool boundaryNeverAllows(const IamPrincipal& principal, const std::string& action) {
  if (!principal.declaresBoundary || !principal.unknownBoundary.empty()) return false;
  Context open;
  open.setOpen(true);
  for (const Policy* q : principal.boundary) {
    for (const Statement& st : q->statements) {
      if (st.effect != Effect::Allow) continue;
      Tri any = Tri::No;
      for (const Value& v : st.actions) any = triOr(any, matchValue(v, MatchKind::Action, action, open, probeOptions()));
      if ((st.notAction ? triNot(any) : any) != Tri::No) return false;
    }
  }
  return true;
}

bool deniedFor(const IamPrincipal& pr, const std::string& action) {
  if (boundaryNeverAllows(pr, action)) return true;
  // Only a Deny statement can give an explicit deny: without one, no evaluation is needed.
  // And only one whose Action may name this action: most policies deny a few actions, and the
  // question is asked for many.
  Context open;
  open.setOpen(true);
  auto hasDeny = [&](const std::vector<const Policy*>& policies) {
    for (const Policy* q : policies)
      for (const Statement& st : q->statements) {
        if (st.effect != Effect::Deny) continue;
        Tri any = Tri::No;
        for (const Value& v : st.actions) any = triOr(any, matchValue(v, MatchKind::Action, action, open, probeOptions()));
        if ((st.notAction ? triNot(any) : any) != Tri::No) return true;
      }
    return false;
  };
  // The principal's own lists, before a policy set is built (it copies them): a principal's set
  // has no resource policies.
  if (!hasDeny(pr.policies) && !(pr.declaresBoundary && hasDeny(pr.boundary))) return false;
  PolicySet set = effectivePolicies(pr);
  Request r;
  r.action = action;
  r.resource = "*";  // only a Deny that covers every resource takes the whole grant back
  r.context.setOpen(true);
  return explicitDeny(set, r, probeOptions()) == Tri::Yes;
}

const DeniedEverywhere::Denies& DeniedEverywhere::deniesOf(const IamPrincipal& pr) {
  auto [it, added] = denies_.try_emplace(&pr);
  Denies& d = it->second;
  if (!added) return d;
  // A boundary may allow the action nowhere: only the whole question answers that.
  d.any = pr.declaresBoundary;
  for (const Policy* q : pr.policies)
    for (const Statement& st : q->statements) {
      if (st.effect != Effect::Deny || d.any) continue;
      if (st.notAction) d.any = true;
      for (const Value& v : st.actions)
        for (const Resolved& alt : v.alts) {
          // An exact pattern matches an action of its own service only (`s3:Get*`); a `*` or a
          // hole in the service part may match any.
          const size_t colon = alt.text.find(':');
          const std::string_view service = std::string_view(alt.text).substr(0, colon);
          if (!alt.holes.empty() || colon == std::string::npos || iamdata::findAny(service, "*?") != std::string::npos)
            d.any = true;
          else
            d.services.push_back(service);
        }
    }
  return d;
}

bool DeniedEverywhere::operator()(const Policy& p, const ActionInfo& action) {
  const std::vector<const IamPrincipal*>& holders = analysis_.holders(p);
  if (holders.empty()) return false;
  bool asked = false;
  for (const IamPrincipal* pr : holders) {
    const Denies& d = deniesOf(*pr);
    const bool may = d.any || std::any_of(d.services.begin(), d.services.end(), [&](std::string_view s) {
                       return iamdata::equalsIgnoreCase(s, action.service);
                     });
    if (!may) return false;  // this principal keeps the grant
    if (!asked) name_ = action.fullName(), asked = true;
    if (!deniedFor(*pr, name_)) return false;
  }
  return true;
}

bool deniedEverywhere(const Analysis& analysis, const Policy& p, const std::string& action) {
  const std::vector<const IamPrincipal*>& holders = analysis.holders(p);
  for (const IamPrincipal* pr : holders)
    if (!deniedFor(*pr, action)) return false;
  return !holders.empty();
}

}  // namespace iamlint::security
