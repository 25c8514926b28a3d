#include "rules/lib/helpers.h"

namespace iamlint {

static void checkVersion(RuleContext& context) {
  forEachPolicyDocument(context.analysis(), [&](const Policy& p) {
    if (!p.document || !p.document->isMapping() || p.synthesized) return;
    if (p.transformWritten) return;  // SAM writes it; the user cannot add a Version
    if (!p.version) {
      const Node* at = p.document->keyNode("Statement");
      context.report(at ? at : p.document, "the " + p.label() + " has no `Version`; IAM then uses 2008-10-17, "
                                           "which does not support policy variables")
          .level(Level::Warning)
          .help("add `Version: \"2012-10-17\"` to the policy document");
      return;
    }
    if (p.version->isScalar() && (p.version->text == "2012-10-17" || p.version->text == "2008-10-17")) return;
    std::string shown = p.version->isScalar() ? p.version->text : "a " + std::string(p.version->isMapping() ? "mapping" : "list");
    context.report(p.version, "`Version` is " + quoted(shown) + "; IAM accepts only \"2012-10-17\" or \"2008-10-17\"")
        .suggest("2012-10-17");
  });
}

extern const Rule kInvalidVersion{
    {"IAM101", "invalid-version", Level::Error, "Policy `Version` is missing or not `2012-10-17`/`2008-10-17`",
     R"md(## What it does
Reports a policy document whose `Version` is not one of the two values IAM accepts, and (as a
warning) one with no `Version` at all.

## Why is this bad?
Any other value makes IAM reject the policy (`MalformedPolicyDocument`). Without a `Version`,
IAM uses `2008-10-17`, where `${aws:username}` and other policy variables are plain text: a
statement meant for each user's own prefix silently matches nothing.

## Example
```json
{"Version": "2012-10-18", "Statement": [...]}
```

## Use instead
```json
{"Version": "2012-10-17", "Statement": [...]}
```

## Known limitations
An unquoted YAML `Version: 2012-10-17` is a date to some YAML libraries; CloudFormation reads it
as the string `2012-10-17`, and so does iamlint.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
)md",
     "correctness"},
    checkVersion,
    "INVALID_VERSION MISSING_VERSION"};

}  // namespace iamlint
