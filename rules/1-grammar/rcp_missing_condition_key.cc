#include <strings.h>

#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

bool isAny(std::string_view key, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys)
    if (k.size() == key.size() && strncasecmp(k.data(), key.data(), k.size()) == 0) return true;
  return false;
}

bool isPrincipalPerimeterKey(std::string_view key) {
  return isAny(key, {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount"});
}

bool isSourcePerimeterKey(std::string_view key) {
  return isAny(key, {"aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceAccount"});
}

void checkRcpConditions(RuleContext& context) {
  for (const Policy& p : context.analysis().resourceControlPolicies) {
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Deny) continue;
      const ConditionEntry *principalKey = nullptr, *sourceKey = nullptr;
      bool serviceCheck = false, nullCheck = false;
      for (const ConditionEntry& c : st.conditions) {
        if (isPrincipalPerimeterKey(c.key) && !principalKey) principalKey = &c;
        if (isSourcePerimeterKey(c.key) && c.op != "Null" && !sourceKey) sourceKey = &c;
        if (isAny(c.key, {"aws:PrincipalIsAWSService"})) serviceCheck = true;
        if (c.op == "Null" && (isSourcePerimeterKey(c.key) || isAny(c.key, {"aws:SourceArn"}))) nullCheck = true;
      }
      const std::string where = " in " + st.label() + " of the " + p.label();
      if (principalKey && !serviceCheck)
        context.report(principalKey->keyNode, "`" + principalKey->key + "`" + where +
                                                  " is not paired with `aws:PrincipalIsAWSService`: AWS services "
                                                  "calling with their own service principal have no `" +
                                                  principalKey->key + "`, so the Deny blocks them too")
            .help("add `\"Bool\": {\"aws:PrincipalIsAWSService\": \"false\"}` to the statement's condition");
      if (sourceKey && !serviceCheck)
        context.report(sourceKey->keyNode, "`" + sourceKey->key + "`" + where +
                                               " is not paired with `aws:PrincipalIsAWSService`: the Deny meant for "
                                               "AWS service principals applies to every other caller too")
            .help("add `\"Bool\": {\"aws:PrincipalIsAWSService\": \"true\"}` to the statement's condition");
      if (sourceKey && !nullCheck)
        context.report(sourceKey->keyNode, "`" + sourceKey->key + "`" + where +
                                               " has no `Null` check: a service request without `aws:SourceAccount` "
                                               "(a service acting on its own behalf) is denied as well")
            .help("add `\"Null\": {\"aws:SourceAccount\": \"false\"}` so the Deny applies only where the key is sent");
    }
  }
}

}  // namespace

extern const Rule kRcpMissingConditionKey{
    {"IAM110", "rcp-missing-condition-key", Level::Warning,
     "A resource control policy's perimeter condition lacks the companion key that keeps AWS services working",
     R"md(## What it does
Reports a `Deny` statement of a resource control policy (RCP) whose data-perimeter condition
misses its companion:
- a condition on `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths` or `aws:PrincipalAccount` with
  no `aws:PrincipalIsAWSService` condition;
- a condition on `aws:SourceOrgID`, `aws:SourceOrgPaths` or `aws:SourceAccount` with no
  `aws:PrincipalIsAWSService` condition, or with no `Null` check on the source keys.

## Why is this bad?
An RCP applies to every account it is attached to. Requests that AWS services make with their
own service principal carry no `aws:PrincipalOrgID`, and some carry no `aws:SourceAccount`:
`StringNotEqualsIfExists` holds when the key is absent, so without the companion condition the
Deny blocks the services (CloudTrail delivery, S3 replication, log delivery) as well. AWS's own
RCP examples pair the keys this way.

## Example
```json
{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
 "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
```

## Use instead
```json
{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
 "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"},
               "Bool": {"aws:PrincipalIsAWSService": "false"}}}
```

## Known limitations
IAM Access Analyzer's exact trigger for these warnings is not published; this rule follows the
pairing of AWS's RCP examples. Only the statement's own conditions are read.

## References
- https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html
- https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkRcpConditions,
    "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY "
    "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK"};

}  // namespace iamlint
