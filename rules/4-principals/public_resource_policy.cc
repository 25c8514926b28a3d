#include <algorithm>

#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

// "; no condition restricts it", or which conditions the statement has that do not limit
// the caller (a policy variable, a wildcard account, `0.0.0.0/0`, an `IfExists`, a key about
// something other than the caller).
static void checkPublic(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind != PolicyKind::Resource || !hasPublicCheck(p)) continue;
    for (const Statement& st : p.statements) {
      std::optional<Alt> star = unrestrictedWildcardPrincipal(p, st);
      if (!star) continue;
      std::vector<std::string> actions, resources;
      for (const Value& v : st.actions)
        for (const Resolved& r : v.alts) actions.push_back(r.text);
      for (const Value& v : st.resources)
        for (const Resolved& r : v.alts) resources.push_back(r.text);
      std::string what = (st.notAction ? "every action but " : "") + (actions.empty() ? "its actions" : listOf(actions, 4));
      std::string on = resources.empty() ? "" : (st.notResource ? " on everything but " : " on ") + listOf(resources, 3);
      context
          .report(star->node(st.principalNode),
                  "the " + p.label() + " is public: " + st.label() +
                      " lets anyone, in any account or anonymous, call " + what + on + provenance(*star->alt) +
                      unrestrictedNote(st))
          .help("name the accounts or services, or add a condition with fixed values on `aws:PrincipalOrgID`, "
                "`aws:SourceVpce`, `aws:SourceAccount` or `aws:SourceArn`; for S3, keep Block Public Access on");
    }
  }
}

extern const Rule kPublicResourcePolicy{
    {"IAM407", "public-resource-policy", Level::Error,
     "An S3, SQS, SNS, KMS, Secrets Manager or Lambda resource policy is open to everyone",
     R"md(## What it does
Reports an `Allow` of a resource policy of S3 (`AWS::S3::BucketPolicy`, access points and
Multi-Region Access Points), SQS (`QueuePolicy`, `QueueInlinePolicy`), SNS (`TopicPolicy`,
`TopicInlinePolicy`), KMS (`AWS::KMS::Key` and `ReplicaKey` key policies), Secrets Manager
(`AWS::SecretsManager::ResourcePolicy`) or Lambda (`AWS::Lambda::Permission`,
`LayerVersionPermission`, a SAM function URL with `AuthType: NONE`) whose principal is everyone (`"*"`, `{"AWS": "*"}`, a Lambda
permission's `Principal: "*"`), with no statement condition that restricts the caller to fixed
accounts, organisations, VPC endpoints or source resources, and no `Deny` that removes access
for everyone outside them. The message lists what the public can do and on what. The
restricting conditions follow S3's definition of a non-public policy.

## Why is this bad?
Public buckets, queues, topics and secrets are the most common cause of data exposure in AWS.
A public Lambda permission lets anyone invoke the function; a public key policy lets any
account use the key.

## Example
```yaml
BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: "*"
          Action: s3:GetObject
          Resource: !Sub "${Bucket.Arn}/*"
```

## Use instead
```yaml
        - Effect: Allow
          Principal: {Service: cloudfront.amazonaws.com}
          Action: s3:GetObject
          Resource: !Sub "${Bucket.Arn}/*"
          Condition:
            StringEquals: {aws:SourceArn: !Sub "arn:aws:cloudfront::${AWS::AccountId}:distribution/${Distribution}"}
```

## Known limitations
An `IpAddress` condition on `aws:SourceIp` counts as restricting when every range is /8 or
narrower (IPv4), /32 or narrower (IPv6), or inside the RFC 1918 private ranges — the rule S3's
Block Public Access applies.
A condition whose value is a policy variable (`${aws:PrincipalOrgID}`) matches every caller
and does not restrict; nor does a wildcard value on a caller key (`aws:PrincipalOrgID: o-*`)
or `aws:Referer`/`aws:UserAgent` (headers the caller sets): the message names them. A `Deny` restricts the `Allow`s whose actions and resources it covers.
A website bucket that is meant to be public should say so with a suppression and a reason.

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
- cfn_nag F16/F18/F21/F76, checkov CKV_AWS_33/CKV_AWS_364
)md",
     "security,public-access", 8.2},
    checkPublic,
    "WILDCARD_USAGE_TOO_PERMISSIVE"};

}  // namespace iamlint
