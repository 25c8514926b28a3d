#include <map>
#include <set>

#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static void checkSensitive(RuleContext& context) {
  DeniedEverywhere denied(context.analysis());
  forEachAllowOnEveryResource(
      context.analysis(), [&](const Policy& p, const Statement& st, const auto& anyResource) {
        std::vector<AnyResource> used;  // the `Resource` value that covers each action
        // category -> actions, and the first action value that grants one.
        std::map<std::string, std::vector<std::string>> byCategory;
        SeenSet seen;  // the catalog has one entry per action
        std::optional<Alt> first;
        std::string firstWhy, firstAction;
        for (const Alt& alt : exactAlts(st.actions)) {
          if (isEveryAction(alt.text()) || isServiceWildcard(alt.text()))
            continue;  // IAM601/IAM606
          for (const ActionInfo* a : actionsOf(alt.text())) {
            std::string why;
            if (a->wildcardOnly() || !isSensitive(*a, &why) || (a->service == "iam" && a->name == "PassRole"))
              continue;
            if (!seen.insert(a)) continue;
            std::optional<AnyResource> any = anyResource(*a);
            if (!any) continue;
            // A Deny on `*` elsewhere in the principal's policies takes the grant back.
            if (denied(p, *a)) continue;
            used.push_back(std::move(*any));
            std::string category = why.substr(0, why.find(':'));
            byCategory[category].push_back(a->fullName());
            if (!first) first = alt, firstWhy = why, firstAction = a->fullName();
          }
        }
        if (!first) return;
        std::string what;
        size_t i = 0;
        for (const auto& [category, actions] : byCategory) {
          if (i > 0) what += i + 1 == byCategory.size() ? " and " : ", ";
          what += listOf(actions, 3) + " (" + category + ")";
          ++i;
        }
        auto f = context.report(first->node(st.actionNode),
                                st.label() + " of the " + p.label() + attachedSuffix(p) + " allows " + what +
                                    " on every resource" + anyResourceNote(used) + provenance(*used[0].alt.alt));
        if (size_t colon = firstWhy.find(": "); colon != std::string::npos)
          f.help("`" + firstAction + "` " + firstWhy.substr(colon + 2));
        f.help(
            "name the secrets, keys, buckets or roles it needs under `Resource`, or add a "
            "condition that "
            "narrows them (`aws:ResourceTag/...`)");
      });
}

extern const Rule kSensitiveActionOnWildcardResource{
    {"IAM608", "sensitive-action-on-wildcard-resource", Level::Warning,
     "Credential-exposure, data-exfiltration or permissions-management actions allowed on `*`",
     R"md(## What it does
Reports an `Allow` of an identity policy that grants, on `Resource: "*"` (or on an ARN that
means `*` for the action, such as `arn:aws:s3:::*/*` for `s3:GetObject` or
`arn:aws:kms:*:*:key/*` for `kms:Decrypt`: the rules of IAM607) and without a
resource-narrowing condition, actions that
- return credentials (`iam:CreateAccessKey`, `ec2:GetPasswordData`, `redshift:GetClusterCredentials`),
- read data stores in bulk (`s3:GetObject`, `ssm:GetParameters`, `secretsmanager:GetSecretValue`),
- change resource policies or share resources (`s3:PutBucketPolicy`, `kms:PutKeyPolicy`,
  `lambda:AddPermission`), or any other action the catalog classes as permissions management.

The sensitive list is `data/sensitive-actions.tsv` (cloudsplaining's published categories,
checked against the catalog) plus the catalog's "Permissions management" access level.
Actions that only support `*` are left out (they cannot be scoped; `ecr:GetAuthorizationToken`
on `*` is correct). Service wildcards are IAM606's and `*` on `*` is IAM601's.

An action that a `Deny` on every resource takes back again, or that the principal's
permissions boundary allows on no resource, for every principal the policy is attached to, is
not reported: the engine evaluates the principal's whole policy set.

## Why is this bad?
These are the actions an attacker holding the workload's credentials wants: every secret in the
account, every object in every bucket, or the ability to open a key or bucket to another
account.

## Example
```yaml
- Effect: Allow
  Action: secretsmanager:GetSecretValue
  Resource: "*"
```

## Use instead
```yaml
- Effect: Allow
  Action: secretsmanager:GetSecretValue
  Resource: !Ref DatabaseSecret
```

## Known limitations
Conditions other than resource tags and service keys (MFA, source IP) do not stop the finding.
An ARN with a written account (`arn:aws:secretsmanager:*:111122223333:secret:*`) is not taken as
`*`, though in that account it reaches every secret.

## References
- https://cloudsplaining.readthedocs.io/en/latest/glossary/
- checkov CKV_AWS_107/108/109/111
)md",
     "security,data-exposure", 6.5},
    checkSensitive};

}  // namespace iamlint
