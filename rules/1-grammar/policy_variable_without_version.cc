#include "rules/lib/helpers.h"

namespace iamlint {

static bool hasPolicyVariable(const std::string& s) {
  for (size_t i = s.find("${"); i != std::string::npos; i = s.find("${", i + 2)) {
    size_t colon = s.find(':', i);
    size_t close = s.find('}', i);
    if (colon != std::string::npos && close != std::string::npos && colon < close) return true;
  }
  return false;
}

static void checkPolicyVariables(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    bool modern = p.version && p.version->isScalar() && p.version->text == "2012-10-17";
    if (modern || p.synthesized) continue;
    for (const Statement& st : p.statements) {
      auto scan = [&](const std::vector<Value>& values) {
        for (const Value& v : values)
          for (const Resolved& alt : v.alts) {
            // Holes are template values, not policy variables: look only at literal text.
            if (alt.exact() && hasPolicyVariable(alt.text)) {
              context.report(v.node, quoted(alt.text) + " uses an IAM policy variable, but the " + p.label() +
                                         " is not `Version: \"2012-10-17\"`; IAM reads it as literal text")
                  .help("add `Version: \"2012-10-17\"` to the policy document");
              return;
            }
          }
      };
      scan(st.resources);
      for (const ConditionEntry& c : st.conditions) scan(c.values);
    }
  }
}

extern const Rule kPolicyVariableWithoutVersion{
    {"IAM104", "policy-variable-without-version", Level::Error,
     "A policy variable (`${aws:username}`) is used without `Version: 2012-10-17`",
     R"md(## What it does
Reports a `Resource` or condition value that uses an IAM policy variable such as
`${aws:username}` or `${aws:PrincipalTag/team}` in a policy whose `Version` is missing or
`2008-10-17`.

## Why is this bad?
Policy variables exist only in version `2012-10-17`. Under the old version the text
`${aws:username}` is matched literally, so the statement matches nothing (an Allow grants
nothing, a Deny protects nothing).

## Example
```json
{"Statement": [{"Effect": "Allow", "Action": "s3:*",
  "Resource": "arn:aws:s3:::home/${aws:username}/*"}]}
```

## Use instead
```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*",
  "Resource": "arn:aws:s3:::home/${aws:username}/*"}]}
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
)md",
     "correctness"},
    checkPolicyVariables,
    "VARIABLE_UNSUPPORTED_IN_VERSION"};

}  // namespace iamlint
