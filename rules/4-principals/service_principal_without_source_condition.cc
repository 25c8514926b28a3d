#include <strings.h>

#include <algorithm>

#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static bool sourceRestricted(const Statement& st) {
  for (std::string_view key : {"aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths",
                               "aws:SourceOwner"})
    if (positiveCondition(st, key)) return true;
  // KMS: CloudTrail and others bind the key use to their resource through the encryption context.
  for (const ConditionEntry& c : st.conditions)
    if (strncasecmp(c.key.c_str(), "kms:EncryptionContext:", 22) == 0 && isPositiveOperator(c.op)) return true;
  return false;
}

static void checkConfusedDeputy(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind != PolicyKind::Resource) continue;
    for (const Statement& st : p.statements) {
      if (st.effect != Effect::Allow || st.notPrincipal || sourceRestricted(st)) continue;
      for (const PrincipalEntry& e : st.principals) {
        if (e.type != "Service") continue;
        for (const Value& v : e.values) {
          if (v.alts.empty()) continue;
          const Resolved& r = v.alts[0];
          // Conditions on other keys (`aws:Referer`, `aws:SourceIp`, `aws:PrincipalOrgID`) do not
          // tell which customer's resource the service acts for.
          std::vector<std::string> others;
          for (const ConditionEntry& c : st.conditions)
            if ((isPrincipalRestrictingKey(c.key) || isUntrustworthyKey(c.key)) && strncasecmp(c.key.c_str(), "aws:", 4) == 0 &&
                std::find(others.begin(), others.end(), c.key) == others.end())
              others.push_back(c.key);
          std::string instead = others.empty() ? ""
                                               : "; its condition" + std::string(others.size() == 1 ? " on " : "s on ") +
                                                     listOf(others, 3) + " cannot tell which customer's resource `" +
                                                     r.text + "` acts for";
          context
              .report(v.node ? v.node : st.principalNode,
                      st.label() + " of the " + p.label() + " grants `" + r.text +
                          "` access without `aws:SourceArn` or `aws:SourceAccount`: `" + r.text +
                          "` acting for another account's resource can use this access too (confused deputy)" + instead)
              .help(p.synthesized
                        ? "set `SourceArn` (the bucket, rule or topic that invokes it) or `SourceAccount: !Ref AWS::AccountId`"
                        : "add `Condition: {StringEquals: {aws:SourceAccount: !Ref AWS::AccountId}}` or "
                          "`ArnLike: {aws:SourceArn: <the resource that sends>}`");
        }
      }
    }
  }
}

extern const Rule kServicePrincipalWithoutSourceCondition{
    {"IAM406", "service-principal-without-source-condition", Level::Warning,
     "A resource policy grants a service principal without `aws:SourceArn`/`aws:SourceAccount`",
     R"md(## What it does
Reports a `Service` principal in an `Allow` of a resource policy (S3 bucket, SQS, SNS, KMS,
Secrets Manager, ECR, EventBridge, and `AWS::Lambda::Permission`, whose `SourceArn` and
`SourceAccount` properties count as the conditions) when the statement has no positive
condition with fixed values on `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID`,
`aws:SourceOrgPaths` or `aws:SourceOwner` (or, for KMS, a `kms:EncryptionContext:*` key).
Role trust policies are not checked: the service assumes the role on your behalf there.
When the statement tests the caller with other keys (`aws:Referer`, `aws:SourceIp`,
`aws:PrincipalOrgID`), the message names them: none of them tells which customer's resource
the service acts for.

## Why is this bad?
A service principal stands for the service acting for any customer. Without a source
condition, someone else's S3 bucket notification, SNS topic or CloudTrail trail can be pointed
at your queue, function or bucket (the cross-service confused deputy).

## Example
```yaml
Permission:
  Type: AWS::Lambda::Permission
  Properties:
    Action: lambda:InvokeFunction
    FunctionName: !Ref Function
    Principal: s3.amazonaws.com
```

## Use instead
```yaml
    Principal: s3.amazonaws.com
    SourceArn: !GetAtt Bucket.Arn
    SourceAccount: !Ref AWS::AccountId
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
- Access Analyzer RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL; cfn-lint W3663; checkov CKV_AWS_364
)md",
     "security,principals", 5.3},
    checkConfusedDeputy,
    "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"};

}  // namespace iamlint
