#include <set>

#include "rules/lib/profiles.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

// `states.us-east-1.amazonaws.com` and `states.${AWS::Region}.amazonaws.com` are the regional
// forms of `states.amazonaws.com`: the same service, not another principal.
bool sameService(std::string principal, const std::string& service) {
  for (char& c : principal) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (principal == service) return true;
  const std::string suffix = ".amazonaws.com";
  size_t dot = principal.find('.');
  if (dot == std::string::npos || !principal.ends_with(suffix) || !service.ends_with(suffix)) return false;
  std::string name = principal.substr(0, dot);
  size_t regionEnd = principal.size() - suffix.size();
  return regionEnd > dot + 1 && name + suffix == service && principal.find('.', dot + 1) == regionEnd;
}

// Principals that are not the required service and would be worth knowing about: every
// principal the trust policy names (wildcards filled in), and a few strangers.
std::vector<std::string> otherPrincipals(const IamPrincipal& role, const std::string& service) {
  std::vector<std::string> out;
  if (role.trust)
    for (const Statement& s : role.trust->statements)
      for (const PrincipalEntry& e : s.principals)
        for (const Value& v : e.values)
          for (const Resolved& alt : v.alts) {
            std::string t = alt.text;
            for (size_t i; (i = t.find('*')) != std::string::npos;) t.replace(i, 1, "iamlint-example");
            if (e.type == "AWS" && t.size() == 12) t = "arn:aws:iam::" + t + ":root";
            out.push_back(t);
          }
  for (const char* stranger : {"arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/iamlint-example",
                               "lambda.amazonaws.com", "ec2.amazonaws.com"})
    out.emplace_back(stranger);
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (std::string& p : out) {
    std::string lower;
    for (char c : p) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!sameService(lower, service) && seen.insert(p).second) unique.push_back(p);
  }
  return unique;
}

}  // namespace

static void checkTrust(RuleContext& context) {
  const Analysis& analysis = context.analysis();
  for (const Profile* profile : context.options().profiles) {
    profilecheck::Binding binding = profilecheck::bind(analysis, *profile);
    for (const ProfileRole& role : profile->roles) {
      if (!role.trust) continue;
      const TrustRequirement& want = *role.trust;
      for (const IamPrincipal* p : profilecheck::findRoles(analysis, role, binding.eval)) {
        const Node* at = p->trust && p->trust->document ? p->trust->document : profilecheck::roleNode(*p);
        EvalResult own = profilecheck::canAssume(*p, want.service, binding.eval);
        if (!own.mayAllow()) {
          std::string why = "its trust policy does not allow it";
          if (own.decision == Decision::ExplicitDeny && !own.deciding.empty())
            why = "it is explicitly denied by " + profilecheck::describe(analysis, *p, own.deciding.front());
          context.report(at, profile->page + " requires that `" + want.service + "` can assume the " + role.title +
                                 " `" + p->logicalId + "`; " + why)
              .resource(p->logicalId);
        }
        if (!want.exclusive) continue;
        for (const std::string& other : otherPrincipals(*p, want.service)) {
          EvalResult r = profilecheck::canAssume(*p, other, binding.eval);
          if (!r.mayAllow()) continue;
          std::string by = r.deciding.empty() ? "" : " (" + profilecheck::describe(analysis, *p, r.deciding.front()) + ")";
          context.report(at, profile->page + " expects only `" + want.service + "` to assume the " + role.title + " `" +
                                 p->logicalId + "`, but `" + other + "` can " + (r.certain ? "" : "possibly ") +
                                 "assume it too" + by)
              .resource(p->logicalId);
          break;
        }
      }
    }
  }
}

extern const Rule kTrustMismatch{
    {"IAM704", "trust-mismatch", Level::Error,
     "A profile role's trust policy does not admit the required service, or admits others",
     R"md(## What it does
With a requirement profile, checks the trust policy of each role the profile names: the service
the profile requires (`trust.service`) must be able to assume the role, and, unless the profile
says `exclusive: false`, no other principal may. Both answers come from evaluating
`sts:AssumeRole` against the trust policy; the other principals tried are those the trust policy
names and a few strangers (another account, a user, another service).

## Why is this bad?
A Spot Fleet role trusting `ec2.amazonaws.com` instead of `spotfleet.amazonaws.com` makes Spot
compute environments fail; a role that another account or service can assume hands the
environment's permissions to it.

## Example
```yaml
BatchSpotFleetRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: {Service: ec2.amazonaws.com}
          Action: sts:AssumeRole
```

## Use instead
```yaml
          Principal: {Service: spotfleet.amazonaws.com}
```

## References
- docs/profiles.md
- https://docs.aws.amazon.com/batch/latest/userguide/spot_fleet_IAM_role.html
)md",
     "requirements,security", 7.0},
    checkTrust};

}  // namespace iamlint
