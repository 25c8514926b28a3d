#include <strings.h>

#include "rules/lib/helpers.h"

namespace iamlint {

static void checkEffect(RuleContext& context) {
  forEachPolicyDocument(context.analysis(), [&](const Policy& p) {
    if (p.synthesized) return;
    for (const Statement& st : p.statements) {
      if (!st.node || !st.node->isMapping() || st.effect != Effect::Invalid) continue;
      if (!st.effectNode) {
        context.report(st.node, st.label() + " of the " + p.label() + " has no `Effect`")
            .suggest("Effect: Allow");
        continue;
      }
      if (st.effectNode->isIntrinsic()) continue;  // resolved elsewhere; a parameter may pick it
      std::string shown = st.effectNode->isScalar() ? st.effectNode->text : "a collection";
      std::string suggestion;
      if (strcasecmp(shown.c_str(), "allow") == 0) suggestion = "Allow";
      if (strcasecmp(shown.c_str(), "deny") == 0) suggestion = "Deny";
      FindingBuilder b = context.report(st.effectNode, "`Effect` is " + quoted(shown) +
                                                           "; IAM accepts exactly `Allow` or `Deny` (case matters)");
      if (!suggestion.empty()) b.suggest(suggestion);
    }
  });
}

extern const Rule kInvalidEffect{
    {"IAM102", "invalid-effect", Level::Error, "`Effect` is not exactly `Allow` or `Deny`",
     R"md(## What it does
Reports a statement whose `Effect` is missing or is anything but `Allow` or `Deny`, including
case variants such as `allow`.

## Why is this bad?
IAM rejects the policy. A reviewer reading `allow` may believe the statement works.

## Example
```yaml
- Effect: allow
  Action: s3:GetObject
```

## Use instead
```yaml
- Effect: Allow
  Action: s3:GetObject
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html
)md",
     "correctness"},
    checkEffect,
    "INVALID_EFFECT MISSING_EFFECT"};

}  // namespace iamlint
