#include <set>

#include "analyzer/iamdata/text_match.h"
#include "iamlint/catalog.h"
#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"

namespace iamlint {

namespace {

// `aws:ResourceTag/<k>`, `aws:RequestTag/<k>`, `aws:TagKeys`: the global tag keys, which only
// services with tag-based access control put in their requests.
bool isGlobalTagKey(const std::string& key) {
  return (key.rfind("aws:resourcetag/", 0) == 0 && key.size() > 16) ||
         (key.rfind("aws:requesttag/", 0) == 0 && key.size() > 15) || key == "aws:tagkeys";
}

// Services without tag-based access control, as examples for a `NotAction` statement that
// covers them (each is checked against the catalog before it is named).
constexpr std::string_view kUntaggedExamples[] = {"support", "health", "ce", "pricing", "trustedadvisor"};

void checkTagKeys(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    if (st.effect == Effect::Invalid || !st.actionNode) return;
    std::set<const Node*> reported;
    for (const ConditionEntry& c : st.conditions) {
      if (c.key.empty() || c.op == "Null" || c.op.ends_with("IfExists")) continue;
      std::string key = iamdata::toLower(c.key);
      if (!isGlobalTagKey(key) || !reported.insert(c.keyNode).second) continue;
      const Node* node = c.keyNode ? c.keyNode : st.conditionNode;
      bool allow = st.effect == Effect::Allow;
      std::string truth = security::isNegatedOperator(c.op) ? "always true" : "never true";
      std::vector<std::string> lacking;
      if (st.notAction) {
        std::set<std::string> excluded;
        for (const Value& v : st.actions)
          for (const Resolved& alt : v.alts)
            if (size_t colon = alt.text.find(':'); colon != std::string::npos)
              excluded.insert(iamdata::toLower(alt.text.substr(0, colon)));
        for (std::string_view s : kUntaggedExamples)
          if (!excluded.count(std::string(s)) && catalog.hasService(s) && !catalog.serviceDefinesConditionKey(s, c.key)) {
            lacking.push_back(std::string(s));
            break;
          }
        if (lacking.empty()) continue;
        FindingBuilder b = context.report(
            node, std::string(allow ? "this Allow" : "this Deny") + " with `NotAction` covers services whose requests carry no " +
                      quoted(c.key) + " (" + quoted(lacking.front()) + ", for one): for their actions the condition is " +
                      truth + (allow ? "" : ", so the Deny does not apply as meant") +
                      "; list the actions of services with tag-based access control in `Action` instead");
        if (allow) b.level(Level::Note);
        continue;
      }
      std::set<std::string> seen;
      bool any = false;
      for (const Value& v : st.actions)
        for (const Resolved& alt : v.alts) {
          size_t colon = alt.text.find(':');
          if (!alt.exact() || colon == std::string::npos) continue;
          std::string service = iamdata::toLower(alt.text.substr(0, colon));
          if (iamdata::findAny(service, "*?") != std::string::npos) {
            any = true;
            continue;
          }
          // The Resource Groups Tagging API (`tag:TagResources`) acts on the resources of other
          // services, which evaluate the tag keys of the call.
          if (service == "tag" || !catalog.hasService(service) || !seen.insert(service).second) continue;
          if (!catalog.serviceDefinesConditionKey(service, c.key)) lacking.push_back(service);
        }
      if (lacking.empty() || any) continue;
      FindingBuilder b = context.report(
          node, security::listOf(lacking) + (lacking.size() == 1 ? " does" : " do") +
                    " not support tag-based access control with " + quoted(c.key) +
                    ": its requests never carry the key, so for the actions of " +
                    (lacking.size() == 1 ? "that service" : "those services") + " the condition is " + truth +
                    (allow ? (truth == "never true" ? " and this Allow grants them nothing" : " and this Allow grants them unconditionally")
                           : (truth == "never true" ? " and this Deny never takes them away" : " and this Deny takes them away from everyone")));
      if (allow) b.level(Level::Note);
    }
  });
}

}  // namespace

extern const Rule kTagKeyUnsupportedByService{
    {"IAM511", "tag-key-unsupported-by-service", Level::Warning,
     "A global tag condition key is used on actions of a service that does not support it",
     R"md(## What it does
For each condition on `aws:ResourceTag/<key>`, `aws:RequestTag/<key>` or `aws:TagKeys`,
checks in the catalog whether each service of the statement's actions documents the
key: only services with tag-based access control (ABAC) put it in their requests.
Reports the services that do not (`support:*` under an `aws:ResourceTag` condition),
and a `NotAction` statement with such a condition, which covers services without tag
support. A Deny is a warning (it protects less, or more, than meant); an Allow is a note
(it grants nothing for those actions). Keys tested with `...IfExists` or `Null` are not
judged.

## Why is this bad?
A key absent from the request makes `StringEquals` never true and `StringNotEquals`
always true. A Deny meant to protect tagged resources then does not apply to the
actions of services without tag support; an Allow limited to tagged resources grants
those actions nothing.

## Example
```yaml
- Effect: Deny
  Action: ["ec2:TerminateInstances", "support:*"]
  Resource: "*"
  Condition:
    StringEquals:
      aws:ResourceTag/protected: "true"
```

## Use instead
```yaml
- Effect: Deny
  Action: ec2:TerminateInstances
  Resource: "*"
  Condition:
    StringEquals:
      aws:ResourceTag/protected: "true"
```
and restrict the other service's actions by other means (resource ARNs, a separate
statement).

## Known limitations
The catalog's per-service key lists are those of the Service Authorization Reference; a
service that adds tag support after the bundled snapshot is reported. Action patterns
with a wildcard in the service part are not judged, nor the Resource Groups Tagging API
(`tag:TagResources`), whose calls the tagged resource's own service authorizes too.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness,security", 4.0},
    checkTagKeys,
    "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE "
    "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"};

}  // namespace iamlint
