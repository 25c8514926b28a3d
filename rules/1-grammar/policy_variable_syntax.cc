#include "rules/lib/helpers.h"
#include "rules/lib/variables.h"

namespace iamlint {

static std::string problemText(const PolicyVariable& v) {
  std::string fixed = "`${";
  fixed += v.key;  // `${key`, completed by the message
  switch (v.problem) {
    case VariableProblem::MissingBrace:
      return " has no closing `}` after its key";
    case VariableProblem::MissingQuote:
      return " has a default value that is not in single quotes; write it as " + fixed + ", 'value'}`";
    case VariableProblem::Space:
      return " has white space in its key; IAM variable keys have none (`${aws:username}`)";
    case VariableProblem::Empty:
      return " names no key; a policy variable is `${key}`, such as `${aws:username}`";
    case VariableProblem::None:
      break;
  }
  return {};
}

static void checkVariableSyntax(RuleContext& context) {
  forEachPolicyDocument(context.analysis(), [&](const Policy& p) {
    // Under 2008-10-17 `${...}` is plain text (IAM104 says so), not a variable to parse.
    bool modern = p.version && p.version->isScalar() && p.version->text == "2012-10-17";
    if (!modern || p.synthesized) return;
    for (const Statement& st : p.statements) {
      auto scan = [&](const std::vector<Value>& values, const std::string& element) {
        for (const Value& v : values) {
          bool reported = false;  // one finding per value
          for (const Resolved& alt : v.alts) {
            for (const PolicyVariable& var : policyVariables(alt)) {
              if (var.problem == VariableProblem::None) continue;
              // Other tools' `${...}` placeholders are not IAM's to judge.
              if (var.problem != VariableProblem::Empty && !namesIamKey(var.key)) continue;
              std::string value = alt.text == var.written ? "" : " value " + quoted(alt.text);
              context.report(at(v, st.node),
                             "the policy variable " + quoted(var.written) + " in " + element + value + problemText(var));
              reported = true;
              break;
            }
            if (reported) break;
          }
        }
      };
      scan(st.actions, st.notAction ? "the `NotAction`" : "the `Action`");
      scan(st.resources, st.notResource ? "the `NotResource`" : "the `Resource`");
      for (const PrincipalEntry& e : st.principals) scan(e.values, "a principal");
      for (const ConditionEntry& c : st.conditions) scan(c.values, "the `" + c.key + "` condition");
    }
  });
}

extern const Rule kPolicyVariableSyntax{
    {"IAM106", "policy-variable-syntax", Level::Error,
     "A policy variable (`${...}`) is malformed: no closing brace, an unquoted default, a space, or no key",
     R"md(## What it does
Reports a policy variable in a `Version: "2012-10-17"` policy that IAM cannot read:
- a `${` with no closing `}` (`${aws:username`);
- a default value that is not in single quotes (`${aws:PrincipalTag/team, none}`);
- white space inside the key (`${aws: username}`, `${aws:PrincipalTag/cost center}`);
- no key at all (`${}`).

## Why is this bad?
IAM Access Analyzer reports each of these as an error, and the text is no variable IAM can
substitute: the resource or condition value compares with a string nobody's request has, so
an Allow grants nothing and a Deny protects nothing.

## Example
```json
"Resource": "arn:aws:s3:::home/${aws:username/*",
"Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team, none}"}}
```

## Use instead
```json
"Resource": "arn:aws:s3:::home/${aws:username}/*",
"Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team, 'none'}"}}
```

## Known limitations
Only literal text is read: a CloudFormation `${Name}` of an `Fn::Sub` is a template value, not
a policy variable (write `${!aws:username}` in an `Fn::Sub` for the variable). Policies whose
`Version` is not `2012-10-17` are left to IAM104, as IAM reads `${...}` there as plain text.
The three escapes `${*}`, `${?}` and `${$}` are valid. A `${...}` whose key does not start with
`aws:` or an IAM service prefix is another tool's placeholder (`${self:custom.stage}` of the
Serverless Framework, `${opt:stage, dev}`) and is not read.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkVariableSyntax,
    "EMPTY_VARIABLE MISSING_BRACE_IN_VARIABLE MISSING_QUOTE_IN_VARIABLE UNSUPPORTED_SPACE_IN_VARIABLE"};

}  // namespace iamlint
