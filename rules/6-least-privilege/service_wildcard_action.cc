#include <unordered_map>

#include "rules/lib/statements.h"
#include "analyzer/security/tables.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static std::string countActions(const ServiceInfo& svc) {
  size_t permissions = 0, sensitive = 0;
  for (const ActionInfo& a : svc.actions)
    if (a.accessLevel == AccessLevel::PermissionsManagement) ++permissions;
  // The table's rows of this service that are actions of it; the example is the first of them
  // in the service's order.
  const ActionInfo* first = nullptr;
  for (const SensitiveAction* s : sensitiveActionsOf(svc.prefix)) {
    const size_t colon = s->action.find(':');
    const ActionInfo* a = Catalog::instance().findAction(svc.prefix, s->action.substr(colon + 1));
    if (!a || a < svc.actions.data() || a >= svc.actions.data() + svc.actions.size()) continue;
    ++sensitive;
    if (!first || a < first) first = a;
  }
  const std::string example = first ? first->fullName() : std::string();
  std::string out = std::to_string(svc.actions.size()) + " actions";
  if (permissions) out += ", " + std::to_string(permissions) + " of them permissions management";
  if (sensitive) out += ", " + std::to_string(sensitive) + " sensitive, such as `" + example + "`";
  return out;
}

// Counted once per service and thread: a template grants `s3:*` in many statements.
static const std::string& serviceSummary(const ServiceInfo& svc) {
  thread_local std::unordered_map<const ServiceInfo*, std::string> known;
  auto [it, added] = known.try_emplace(&svc);
  if (added) it->second = countActions(svc);
  return it->second;
}

static void checkServiceWildcard(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    // Resource policies name their own resource (a key policy's `kms:*` for the account is the
    // documented default); the least-privilege question is about identities.
    if (p.kind != PolicyKind::Identity) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || st.notAction || fullAdmin(st)) continue;
      std::optional<Alt> star = everyResource(st);
      std::string where = star ? "on every resource" : "on the resources it lists";
      for (const Alt& alt : exactAlts(st.actions)) {
        std::string service;
        std::string what;
        if (isEveryAction(alt.text())) {
          what = "every action of every service";
        } else if (isServiceWildcard(alt.text(), &service)) {
          const ServiceInfo* svc = Catalog::instance().service(service);
          if (!svc) continue;  // an unknown service is IAM201's
          what = "every `" + std::string(svc->prefix) + "` action (" + serviceSummary(*svc) + ")";
        } else {
          continue;
        }
        context
            .report(alt.node(st.actionNode),
                    st.label() + " of the " + p.label() + " allows " + what + provenance(*alt.alt) + " " + where)
            .help("list the actions the workload calls; `iamlint query` shows what a role is allowed to do");
      }
    }
  }
}

extern const Rule kServiceWildcardAction{
    {"IAM606", "service-wildcard-action", Level::Warning, "An identity policy allows `service:*`",
     R"md(## What it does
Reports `service:*` (and `*` on resources that are not everything; `*` on `*` is IAM601) in an
`Allow` statement of an identity policy, with how many actions that is, how many of them are
permissions management, and how many are sensitive (credential exposure, data exfiltration,
resource exposure) according to the bundled catalog.

## Why is this bad?
`s3:*` includes `s3:PutBucketPolicy` (make the bucket public), `s3:DeleteBucket` and
`s3:PutBucketAcl`; `iam:*` includes every privilege-escalation method. Service wildcards also
grow when AWS adds actions.

## Example
```yaml
- Effect: Allow
  Action: dynamodb:*
  Resource: !GetAtt Table.Arn
```

## Use instead
```yaml
- Effect: Allow
  Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]
  Resource: !GetAtt Table.Arn
```

## Known limitations
Resource policies are not checked: a key policy's `kms:*` for the account root is the AWS
default and names a single key.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
- checkov CKV_AWS_109/111, Access Analyzer policy generation
)md",
     "security,least-privilege", 5.0},
    checkServiceWildcard};

}  // namespace iamlint
