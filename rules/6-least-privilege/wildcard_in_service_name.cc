#include <set>

#include "iamlint/catalog.h"
#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace {

void checkServiceWildcards(RuleContext& context) {
  const Catalog& catalog = Catalog::instance();
  forEachWrittenStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    for (const Value& v : st.actions) {
      const std::string* text = v.literal();
      if (!text) continue;
      size_t colon = text->find(':');
      if (colon == std::string::npos || iamdata::findAny(std::string_view(*text).substr(0, colon), "*?") == std::string::npos) continue;
      std::set<std::string> services;
      for (const ActionInfo* a : catalog.expandPattern(*text)) services.insert(std::string(a->service));
      if (services.empty()) continue;  // IAM202
      std::vector<std::string> names(services.begin(), services.end());
      context.report(at(v, st.actionNode),
                     quoted(*text) + " has a wildcard in the service prefix, so it matches the actions of " +
                         std::to_string(names.size()) + (names.size() == 1 ? " service (" : " services (") +
                         security::listOf(names) + ") and of any service AWS adds whose prefix fits; name the " +
                         (names.size() == 1 ? "service" : "services") + " instead");
    }
  });
}

}  // namespace

extern const Rule kWildcardInServiceName{
    {"IAM615", "wildcard-in-service-name", Level::Note, "An action pattern has a wildcard in the service prefix",
     R"md(## What it does
Reports an action pattern with `*` or `?` in its service prefix (`ec*:Describe*`,
`s?s:*`), naming the services it matches in the catalog. The bare `*` is left to the
full-access rules.

## Why is this bad?
A wildcard in the service prefix rarely means what it seems: `ec*:Describe*` matches
the actions of `ec2`, `ecr`, `ecs` and any service AWS adds later with a fitting prefix,
so the grant grows without a change to the policy.

## Example
```yaml
Action: ec*:Describe*
```

## Use instead
```yaml
Action: [ec2:Describe*, ecs:Describe*]
```

## Known limitations
The services named are those of the bundled catalog.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "security"},
    checkServiceWildcards,
    "WILDCARD_IN_SERVICE_NAME"};

}  // namespace iamlint
