#include <algorithm>

#include "rules/lib/statements.h"
#include "analyzer/security/tables.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

static bool isRegion(std::string_view s) {
  // us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-4, or a ${AWS::Region} hole.
  if (s == "\x01") return true;
  size_t dash1 = s.find('-'), dashLast = s.rfind('-');
  if (dash1 == std::string_view::npos || dashLast == dash1 || dash1 != 2) return false;
  std::string_view tail = s.substr(dashLast + 1);
  return !tail.empty() && std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; });
}

static bool knownPrincipal(const std::string& text) {
  if (findServicePrincipal(text)) return true;
  // <name>.<region>.amazonaws.com(.cn): CDK documents the regional form for every service.
  for (std::string_view suffix : {".amazonaws.com", ".amazonaws.com.cn"}) {
    if (text.size() <= suffix.size() || text.compare(text.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    std::string head = text.substr(0, text.size() - suffix.size());
    size_t dot = head.rfind('.');
    if (dot == std::string::npos || !isRegion(std::string_view(head).substr(dot + 1))) continue;
    if (findServicePrincipal(head.substr(0, dot) + ".amazonaws.com")) return true;
  }
  return false;
}

static size_t distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

static void checkServicePrincipals(RuleContext& context) {
  for (const Policy& p : context.analysis().policies)
    for (const Statement& st : p.statements)
      for (const PrincipalEntry& e : st.principals) {
        // A Lambda permission's Principal is a plain string; one that reads like a host name is a service.
        bool lambdaService = p.synthesized && e.type == "AWS" && !e.values.empty() &&
                             !e.values[0].alts.empty() && e.values[0].alts[0].text.find('.') != std::string::npos &&
                             e.values[0].alts[0].text.rfind("arn:", 0) != 0;
        if (e.type != "Service" && !lambdaService) continue;
        for (const Value& v : e.values)
          for (const Resolved& r : v.alts) {
            // Pseudo parameters stand for their value; any other hole is unknown.
            std::string text;
            bool unknown = false;
            size_t at = 0;
            for (const Hole& h : r.holes) {
              text += r.text.substr(at, h.begin - at);
              if (h.symbol == "AWS::URLSuffix") text += "amazonaws.com";
              else if (h.symbol == "AWS::Region") text += "\x01";
              else unknown = true;
              at = h.end;
            }
            text += r.text.substr(std::min(at, r.text.size()));
            if (unknown || text.empty() || knownPrincipal(text)) continue;
            std::string best;
            size_t bestDistance = 4;
            for (const ServicePrincipal& sp : servicePrincipals())
              if (size_t d = distance(text, sp.principal); d < bestDistance) bestDistance = d, best = sp.principal;
            auto f = context.report(v.node ? v.node : st.principalNode,
                                    "`" + r.text + "` in the " + st.label() + " of the " + p.label() +
                                        " is not a known AWS service principal" + provenance(r) + ".");
            if (!best.empty()) f.suggest(best);
            f.help("service principals look like `lambda.amazonaws.com`; `iamlint` knows " +
                   std::to_string(servicePrincipals().size()) + " (data/service-principals.tsv)");
          }
      }
}

extern const Rule kUnknownServicePrincipal{
    {"IAM403", "unknown-service-principal", Level::Error, "A `Service` principal is not a known AWS service",
     R"md(## What it does
Reports a `Principal: {Service: ...}` value (and a Lambda permission's service principal) that
is not in the bundled list of AWS service principals, with a did-you-mean. Regional forms
(`states.us-east-1.amazonaws.com`, `logs.${AWS::Region}.amazonaws.com`) and
`${AWS::URLSuffix}` are understood; values that are unknown parameters are not judged.

## Why is this bad?
CloudFormation fails the deployment with `Invalid principal in policy` — or, for a typo that
happens to be a valid name, the role trusts the wrong service and the workload cannot assume it.

## Example
```yaml
Principal: {Service: ec2.amazonaws.co}
```

## Use instead
```yaml
Principal: {Service: ec2.amazonaws.com}
```

## Known limitations
The list (`data/service-principals.tsv`) is assembled from AWS managed policies and
documentation; a brand-new service may be missing.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services
)md",
     "correctness,principals", 3.0},
    checkServicePrincipals};

}  // namespace iamlint
