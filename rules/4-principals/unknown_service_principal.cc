#include <algorithm>
#include <cctype>
#include <strings.h>

#include "rules/lib/statements.h"
#include "analyzer/security/tables.h"
#include "iamlint/catalog.h"
#include "rules/lib/helpers.h"
#include "analyzer/iamdata/text_match.h"

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

// The service part of `<name>.amazonaws.com` (or `.amazonaws.com.cn`), or "" when the text has another shape.
static std::string servicePart(const std::string& text) {
  for (std::string_view suffix : {".amazonaws.com", ".amazonaws.com.cn"})
    if (text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0)
      return text.substr(0, text.size() - suffix.size());
  return "";
}

static bool knownPrincipal(const std::string& text) {
  if (findServicePrincipal(text)) return true;
  std::string head = servicePart(text);
  if (head.empty()) return false;
  // <prefix>.amazonaws.com where <prefix> is a service prefix of the IAM catalog: the common
  // shape of a service principal (secretsmanager, transcribe, codecommit, qbusiness, ...).
  const auto& prefixes = Catalog::instance().servicePrefixes();
  std::string lowered = head;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::binary_search(prefixes.begin(), prefixes.end(), std::string_view(lowered))) return true;
  // <name>.<region>.amazonaws.com(.cn): CDK documents the regional form for every service.
  size_t dot = head.rfind('.');
  if (dot == std::string::npos || !isRegion(std::string_view(head).substr(dot + 1))) return false;
  return knownPrincipal(head.substr(0, dot) + ".amazonaws.com");
}

// `<label>(.<label>)*.amazonaws.com(.cn)` with DNS labels of lower-case letters, digits and
// inner hyphens: the shape every AWS service principal has.
static bool wellFormed(const std::string& text) {
  std::string head = servicePart(text);
  if (head.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t end = head.find('.', start);
    std::string_view label = std::string_view(head).substr(start, end == std::string::npos ? end : end - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '\x01')) return false;
    if (end == std::string::npos) return true;
    start = end + 1;
  }
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

// Condition keys whose values are service principals: `kms:ViaService` takes the regional
// endpoint form `<service>.<region>.amazonaws.com`, `aws:PrincipalServiceName(sList)` the
// principal `<service>.amazonaws.com`.
// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalservicename
static void checkServiceConditionValues(RuleContext& context, const Policy& p, const Statement& st) {
  for (const ConditionEntry& c : st.conditions) {
    bool via = strcasecmp(c.key.c_str(), "kms:ViaService") == 0;
    bool name = strcasecmp(c.key.c_str(), "aws:PrincipalServiceName") == 0 ||
                strcasecmp(c.key.c_str(), "aws:PrincipalServiceNamesList") == 0;
    // Only string comparisons take a service name (`Null` takes true/false).
    if ((!via && !name) || c.op.find("String") == std::string::npos) continue;
    for (const Value& v : c.values)
      for (const Resolved& r : v.alts) {
        if (!r.exact() || r.text.empty() || iamdata::findAny(r.text, "*?$") != std::string::npos) continue;
        std::string head = servicePart(r.text);
        bool ok = !head.empty() && wellFormed(r.text);
        if (ok && via) {
          size_t dot = head.rfind('.');
          ok = dot != std::string::npos && isRegion(std::string_view(head).substr(dot + 1));
        }
        if (ok) continue;
        std::string message = quoted(r.text) + " in the `" + c.key + "` condition of " + st.label() + " of the " +
                              p.label() + " is not " +
                              (via ? "a regional service endpoint (`<service>.<region>.amazonaws.com`)"
                                   : "a service principal (`<service>.amazonaws.com`)") +
                              provenance(r);
        auto f = context.report(v.node ? v.node : c.keyNode, message);
        if (via)
          f.help("kms:ViaService names the endpoint the request came through, e.g. `s3.us-east-1.amazonaws.com` "
                 "(`!Sub s3.${AWS::Region}.amazonaws.com` in a template, `s3.*.amazonaws.com` with StringLike)");
        else if (name && head.empty() && r.text.find('.') == std::string::npos)
          f.suggest(r.text + ".amazonaws.com");
      }
  }
}

static void checkServicePrincipals(RuleContext& context) {
  for (const Policy& p : context.analysis().policies)
    for (const Statement& st : p.statements) {
      checkServiceConditionValues(context, p, st);
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
            // A near miss of a known principal (`lamda.amazonaws.com`) or a malformed shape is an
            // error; a well-formed name iamlint does not know may be a service newer than its list.
            std::string head = servicePart(text);
            size_t allowed = head.size() >= 8 ? 2 : 1;
            bool nearMiss = !best.empty() && bestDistance <= allowed;
            bool shaped = wellFormed(text);
            std::string message = "`" + r.text + "` in " + st.label() + " of the " + p.label();
            if (nearMiss)
              message += " is not a known AWS service principal" + provenance(r);
            else if (shaped)
              message += " is not a service principal iamlint knows" + provenance(r);
            else
              message += " does not have the shape of a service principal (`<service>.amazonaws.com`)" + provenance(r);
            auto f = context.report(v.node ? v.node : st.principalNode, message);
            if (shaped && !nearMiss) f.level(Level::Note);
            if (!best.empty() && (nearMiss || !shaped)) f.suggest(best);
            if (shaped && !nearMiss)
              f.help("it has the shape of a service principal; if the service is newer than iamlint's list of " +
                     std::to_string(servicePrincipals().size()) + " principals and the catalog's service prefixes, "
                     "this note can be ignored");
            else
              f.help("service principals look like `lambda.amazonaws.com`; `iamlint` knows " +
                     std::to_string(servicePrincipals().size()) + " and every `<service prefix>.amazonaws.com`");
          }
      }
    }
}

extern const Rule kUnknownServicePrincipal{
    {"IAM403", "unknown-service-principal", Level::Error, "A `Service` principal is not a known AWS service",
     R"md(## What it does
Reports a `Principal: {Service: ...}` value (and a Lambda permission's service principal) that
is not a known AWS service principal, with a did-you-mean. Known means: in the bundled list of
service principals, or `<service prefix>.amazonaws.com` for a service prefix of the IAM catalog.
A near miss of a known principal (`lamda.amazonaws.com`) or a value that does not have the shape
`<name>.amazonaws.com` is an error; a well-formed name that is simply not known is a note,
because AWS adds service principals faster than any list. Regional forms
(`states.us-east-1.amazonaws.com`, `logs.${AWS::Region}.amazonaws.com`) and
`${AWS::URLSuffix}` are understood; values that are unknown parameters are not judged.

The values of `kms:ViaService` (a regional endpoint, `s3.us-east-1.amazonaws.com`) and of
`aws:PrincipalServiceName`/`aws:PrincipalServiceNamesList` (`sns.amazonaws.com`) are checked
for their shape too; values with wildcards or parameters are left alone.

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
documentation; a brand-new service may be missing, and is then reported as a note.
A typo that is itself a real principal (`sns` for `sqs`) is not found.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services
)md",
     "correctness,principals", 3.0},
    checkServicePrincipals,
    "INVALID_SERVICE_PRINCIPAL_FORMAT"};

}  // namespace iamlint
