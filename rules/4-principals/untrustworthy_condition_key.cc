#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"

namespace iamlint {

using namespace security;

namespace {

void checkUntrustworthy(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    for (const Statement& st : p.statements) {
      if (st.effect == Effect::Invalid) continue;
      // A wildcard principal with nothing else restricting it is reported as public (IAM401,
      // IAM407), with these keys named in the message.
      if ((p.kind == PolicyKind::Trust || p.kind == PolicyKind::Resource) && unrestrictedWildcardPrincipal(p, st))
        continue;
      for (const ConditionEntry& c : st.conditions) {
        if (!isUntrustworthyKey(c.key) || !c.keyNode) continue;
        std::string header = c.key.size() > 4 && (c.key[4] == 'U' || c.key[4] == 'u') ? "User-Agent" : "Referer";
        std::string effect = st.effect == Effect::Allow
                                 ? "anyone who sends the expected value gets the access"
                                 : "a caller escapes the Deny by sending another value";
        context
            .report(c.keyNode, "`" + c.key + "` in " + st.label() + " of the " + p.label() + " tests the HTTP `" +
                                   header + "` header, which the caller sets itself: " + effect)
            .help("control access with keys AWS sets: `aws:PrincipalArn`, `aws:PrincipalOrgID`, `aws:SourceVpce`, "
                  "`aws:SourceIp`, `aws:SourceArn`; for a website, serve the bucket through CloudFront with origin "
                  "access control");
      }
    }
  }
}

}  // namespace

extern const Rule kUntrustworthyConditionKey{
    {"IAM412", "untrustworthy-condition-key", Level::Warning,
     "A condition tests `aws:Referer` or `aws:UserAgent`, which the caller sets",
     R"md(## What it does
Reports a condition on `aws:Referer` or `aws:UserAgent` in any policy. A statement that is
open to everyone with such a condition only is reported as public by IAM401/IAM407 instead.

## Why is this bad?
Both keys are copied from HTTP headers of the request, which any caller writes as it likes.
AWS documents that they must not be used to keep unauthorised parties out: an `Allow` that
depends on them admits anyone who sends the expected value, and a `Deny` that depends on them
is escaped by sending another one.

## Example
```json
{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*",
 "Condition": {"StringLike": {"aws:UserAgent": "internal-tool/*"}}}
```

## Use instead
```json
{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*",
 "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9"}}}
```

## Known limitations
A referer check kept on purpose as a light hotlinking guard for public content can be
suppressed with a reason.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-referer
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-useragent
)md",
     "security,conditions", 5.3},
    checkUntrustworthy,
    "UNTRUSTWORTHY_CONDITION_KEY"};

}  // namespace iamlint
