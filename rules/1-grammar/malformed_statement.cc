#include "rules/lib/helpers.h"

namespace iamlint {

static bool isPolicyKey(const std::string& k) { return k == "Version" || k == "Statement" || k == "Id"; }

static bool isStatementKey(const std::string& k) {
  static const char* keys[] = {"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
                               "Resource", "NotResource", "Condition"};
  for (const char* key : keys)
    if (k == key) return true;
  return false;
}

static void checkElementValues(RuleContext& context, const Node* element, const char* name) {
  if (!element || element->isIntrinsic()) return;
  if (element->isSequence()) {
    if (element->items.empty())
      context.report(element, std::string("`") + name + "` is an empty list; IAM rejects it");
    for (const Node& item : element->items)
      if (item.isMapping() && !item.isIntrinsic())
        context.report(&item, std::string("an element of `") + name + "` is a mapping; IAM expects a string");
  } else if (element->isMapping() && std::string(name).find("Principal") == std::string::npos) {
    context.report(element, std::string("`") + name + "` is a mapping; IAM expects a string or a list of strings");
  }
}

// In a policy file nothing resolves CloudFormation intrinsics: `{"Fn::Sub": "..."}` reaches IAM
// as a mapping where a string belongs. Reports the outermost intrinsic of each branch.
static void reportIntrinsics(RuleContext& context, const Node& n) {
  if (n.isIntrinsic()) {
    context.report(&n, "`" + n.intrinsicName() + "` is a CloudFormation intrinsic function, but this is a policy file: "
                       "nothing resolves it, and IAM rejects a mapping where it expects a string");
    return;
  }
  for (const Node& item : n.items) reportIntrinsics(context, item);
}

static void checkStatements(RuleContext& context) {
  forEachPolicyDocument(context.analysis(), [&](const Policy& p) {
    if (p.synthesized || !p.document || !p.document->isMapping()) return;
    for (size_t i = 0; i < p.document->keys.size(); ++i) {
      const Node& key = p.document->keys[i];
      if (key.isScalar() && !isPolicyKey(key.text))
        context.report(&key, "unknown policy element " + quoted(key.text) + "; a policy has `Version`, `Id` and `Statement`");
    }
    if (context.analysis().input == InputFormat::PolicyFile && !p.document->isIntrinsic())
      reportIntrinsics(context, *p.document);
    const OrganizationPolicy org = organizationPolicyKind(context.analysis(), p);
    for (const Statement& st : p.statements) {
      const std::string where = st.label() + " of the " + p.label();
      if (!st.node->isMapping() || st.node->isIntrinsic()) {
        if (!st.node->isIntrinsic()) context.report(st.node, where + " is not a mapping");
        continue;
      }
      for (const Node& key : st.node->keys)
        if (key.isScalar() && !isStatementKey(key.text))
          context.report(&key, "unknown statement element " + quoted(key.text) + " in " + where);
      auto both = [&](const char* a, const char* b) {
        if (st.node->get(a) && st.node->get(b))
          context.report(st.node->keyNode(b), where + " has both `" + a + "` and `" + b + "`; IAM allows one");
      };
      both("Action", "NotAction");
      both("Resource", "NotResource");
      both("Principal", "NotPrincipal");
      if (!st.actionNode) context.report(st.node, where + " has no `Action` or `NotAction`");
      if (org != OrganizationPolicy::None) {
        // Principals of organisation policies are IAM109's; an RCP, like a resource policy,
        // needs no `Resource` in IAM's grammar, an SCP does.
        if (org == OrganizationPolicy::ServiceControl && !st.resourceNode)
          context.report(st.node, where + " has no `Resource` or `NotResource`");
      } else if (p.kind == PolicyKind::Identity) {
        if (st.principalNode)
          context.report(st.node->keyNode(st.notPrincipal ? "NotPrincipal" : "Principal"),
                         where + " has a `Principal`; identity policies apply to the principal they are "
                                 "attached to and must not name one");
        if (!st.resourceNode) context.report(st.node, where + " has no `Resource` or `NotResource`");
      } else if (!st.principalNode) {
        context.report(st.node, where + " has no `Principal`; " + policyKindName(p.kind) +
                                    " policies must say whom they apply to");
      }
      checkElementValues(context, st.actionNode, st.notAction ? "NotAction" : "Action");
      checkElementValues(context, st.resourceNode, st.notResource ? "NotResource" : "Resource");
    }
  });
}

extern const Rule kMalformedStatement{
    {"IAM103", "malformed-statement", Level::Error,
     "A statement is missing a required element, has conflicting ones or unknown ones",
     R"md(## What it does
Reports statements IAM rejects or reads differently than intended:
- no `Action`/`NotAction`; both `Action` and `NotAction`, `Resource` and `NotResource`, or
  `Principal` and `NotPrincipal`;
- in a policy file (not a template), a CloudFormation intrinsic function such as
  `{"Fn::Sub": "..."}`: nothing resolves it there;
- an identity policy statement with `Principal`, or without `Resource`;
- a trust or resource policy statement without `Principal`;
- an element IAM does not know (`Actions`, `Resources`, `Conditions`, ...) at statement or policy
  level; empty lists; mappings where strings belong.

## Why is this bad?
IAM rejects the policy document (`MalformedPolicyDocument`) when the stack is deployed, or, for
a misspelt element, the statement does something else than it appears to.

## Example
```yaml
- Effect: Allow
  Actions: [s3:GetObject]      # `Actions` is not an element
  Resource: "*"
```

## Use instead
```yaml
- Effect: Allow
  Action: [s3:GetObject]
  Resource: "*"
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
)md",
     "correctness"},
    checkStatements,
    "DATA_TYPE_MISMATCH EMPTY_ARRAY_ACTION EMPTY_ARRAY_RESOURCE INVALID_POLICY_ELEMENT MISSING_ACTION MISSING_PRINCIPAL MISSING_RESOURCE UNSUPPORTED_ELEMENT_COMBINATION UNSUPPORTED_PRINCIPAL"};

}  // namespace iamlint
