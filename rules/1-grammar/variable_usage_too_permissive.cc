#include <strings.h>

#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"
#include "rules/lib/variables.h"

namespace iamlint {

static bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && strncasecmp(s.data(), prefix.data(), prefix.size()) == 0;
}

// Variables whose value the caller itself chooses: tags it puts on its own principal or
// session, and tags of its request.
static bool callerChosen(std::string_view key) {
  return startsWithNoCase(key, "aws:PrincipalTag/") || startsWithNoCase(key, "aws:RequestTag/");
}

static void checkVariableUsage(RuleContext& context) {
  forEachPolicyDocument(context.analysis(), [&](const Policy& p) {
    bool modern = p.version && p.version->isScalar() && p.version->text == "2012-10-17";
    if (!modern || p.synthesized) return;
    for (const Statement& st : p.statements) {
      bool anyone = security::wildcardPrincipal(st).has_value();
      for (const ConditionEntry& c : st.conditions) {
        bool positive = security::isPositiveOperator(c.op), negated = security::isNegatedOperator(c.op);
        if (!positive && !negated) continue;
        for (const Value& v : c.values) {
          bool reported = false;
          for (const Resolved& alt : v.alts) {
            std::vector<PolicyVariable> vars = policyVariables(alt);
            // The whole value is one variable: `${aws:PrincipalAccount}`.
            if (vars.size() != 1 || vars[0].problem != VariableProblem::None || vars[0].hasDefault ||
                vars[0].begin != 0 || vars[0].end != alt.text.size())
              continue;
            const std::string& var = vars[0].key;
            const std::string where = " of " + st.label() + " of the " + p.label();
            if (strcasecmp(var.c_str(), c.key.c_str()) == 0) {
              context.report(at(v, c.keyNode),
                             "the `" + c.op + "` condition" + where + " compares `" + c.key + "` with its own variable " +
                                 quoted(alt.text) +
                                 (positive ? "; it holds for every request that has the key, so it restricts nothing"
                                           : "; it never holds, so the statement never applies"));
              reported = true;
            } else if (positive && anyone && security::isPrincipalRestrictingKey(c.key) && callerChosen(var)) {
              context.report(at(v, c.keyNode),
                             "the `" + c.op + "` condition" + where + " compares `" + c.key + "` with " + quoted(alt.text) +
                                 ", a tag the caller sets on its own principal or request; with `Principal: \"*\"` "
                                 "anyone who tags accordingly passes it");
              reported = true;
            }
            if (reported) break;
          }
          if (reported) break;
        }
      }
    }
  });
}

extern const Rule kVariableUsageTooPermissive{
    {"IAM108", "variable-usage-too-permissive", Level::Warning,
     "A condition compares a key with its own policy variable, or pins the caller with a tag the caller sets",
     R"md(## What it does
Reports a condition whose value is a single policy variable that cannot restrict anything:
- the key's own variable (`"aws:PrincipalAccount": "${aws:PrincipalAccount}"`): with a positive
  operator it holds for every request that has the key; with a negated one
  (`StringNotEquals`) it never holds, so the statement never applies;
- in a statement with `Principal: "*"`, a key that pins the caller (`aws:PrincipalArn`,
  `aws:PrincipalAccount`, `aws:SourceArn`, ...) compared with `${aws:PrincipalTag/...}` or
  `${aws:RequestTag/...}`, values the caller chooses itself.

## Why is this bad?
The policy reads as restricted while it is not: a bucket policy open to `"*"` with
`aws:PrincipalAccount = ${aws:PrincipalAccount}` is public. IAM Access Analyzer reports such
variable use (VARIABLE_USAGE_TOO_PERMISSIVE). IAM401 and IAM407 do not count these conditions
as restricting.

## Example
```json
{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*",
 "Condition": {"StringEquals": {"aws:PrincipalAccount": "${aws:PrincipalAccount}"}}}
```

## Use instead
```json
{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*",
 "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}}
```
Comparing two different keys (`"aws:ResourceAccount": "${aws:PrincipalAccount}"`,
`"aws:ResourceTag/team": "${aws:PrincipalTag/team}"`) is the usual attribute-based pattern
and is not reported.

## Known limitations
Only a value that is exactly one variable is read; a variable inside a longer value
(`arn:aws:iam::${aws:PrincipalAccount}:role/x`) is not judged. Access Analyzer's exact trigger
for this code is not published; these are the cases where the condition provably restricts
nothing.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "security,conditions", 5.3},
    checkVariableUsage,
    "VARIABLE_USAGE_TOO_PERMISSIVE"};

}  // namespace iamlint
