#include <map>

#include "rules/helpers.h"

namespace iamlint {

static void checkSids(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    std::map<std::string, const Node*> seen;
    for (const Statement& st : p.statements) {
      if (!st.sid) continue;
      if (!st.sid->isScalar()) {
        context.report(st.sid, "`Sid` must be a string");
        continue;
      }
      const std::string& sid = st.sid->text;
      // Identity policies take only ASCII letters and digits; resource policies of some
      // services accept more, so there only duplicates are reported.
      if (p.kind != PolicyKind::Resource) {
        size_t bad = sid.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
        if (bad != std::string::npos) {
          std::string fixed;
          for (char c : sid)
            if (isalnum(static_cast<unsigned char>(c))) fixed += c;
          context.report(st.sid, "`Sid` " + quoted(sid) + " contains " + quoted(sid.substr(bad, 1)) +
                                     "; IAM accepts only letters A-Z, a-z and digits 0-9 here")
              .suggest(fixed);
        }
      }
      auto [it, inserted] = seen.emplace(sid, st.sid);
      if (!inserted)
        context.report(st.sid, "`Sid` " + quoted(sid) + " is used twice in the " + p.label())
            .related(it->second, "first used here");
    }
  }
}

extern const Rule kDuplicateSid{
    {"IAM105", "duplicate-sid", Level::Error, "A `Sid` is repeated in a policy or has characters IAM rejects",
     R"md(## What it does
Reports a statement id used twice in one policy, and, in identity and trust policies, a `Sid`
with characters other than ASCII letters and digits (spaces, dashes, underscores).

## Why is this bad?
IAM rejects both (`MalformedPolicyDocument`). Resource policies of some services (S3, SQS, SNS)
accept spaces and dashes, so for them only duplicates are reported.

## Example
```yaml
- Sid: S3-Bucket-Access
```

## Use instead
```yaml
- Sid: S3BucketAccess
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
)md",
     "correctness"},
    checkSids};

}  // namespace iamlint
