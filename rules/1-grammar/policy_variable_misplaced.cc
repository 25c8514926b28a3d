#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"
#include "rules/lib/variables.h"

namespace iamlint {

// The first well-formed policy variable (not an escape) of a value, with its alternative.
static const Resolved* variableIn(const Value& v, PolicyVariable& out) {
  for (const Resolved& alt : v.alts)
    for (PolicyVariable& var : policyVariables(alt))
      if (!var.special() && var.problem == VariableProblem::None && namesIamKey(var.key)) {
        out = std::move(var);
        return &alt;
      }
  return nullptr;
}

static void checkVariablePlaces(RuleContext& context) {
  forEachPolicyDocument(context.analysis(), [&](const Policy& p) {
    if (p.synthesized) return;
    bool modern = p.version && p.version->isScalar() && p.version->text == "2012-10-17";
    for (const Statement& st : p.statements) {
      const std::string where = " in " + st.label() + " of the " + p.label();
      PolicyVariable var;
      for (const Value& v : st.actions)
        if (const Resolved* alt = variableIn(v, var))
          context.report(at(v, st.node), "the action " + quoted(alt->text) + " holds the policy variable " +
                                             quoted(var.written) + where + "; IAM substitutes variables only in "
                                             "`Resource` and in condition values, never in `" +
                                             (st.notAction ? "NotAction" : "Action") + "`");
      for (const PrincipalEntry& e : st.principals)
        for (const Value& v : e.values)
          if (const Resolved* alt = variableIn(v, var))
            context.report(at(v, st.node), "the principal " + quoted(alt->text) + " holds the policy variable " +
                                               quoted(var.written) + where + "; IAM substitutes variables only in "
                                               "`Resource` and in condition values, never in `" +
                                               (st.notPrincipal ? "NotPrincipal" : "Principal") + "`");
      // Under 2008-10-17 `${...}` is text, compared as text (IAM104 reports it).
      if (!modern) continue;
      for (const ConditionEntry& c : st.conditions) {
        ConditionOperator op;
        if (!parseConditionOperator(c.op, op)) continue;  // IAM501
        // The pages of the IAM guide disagree on Bool; String and Arn take variables.
        if (op.family == OperatorFamily::String || op.family == OperatorFamily::Arn ||
            op.family == OperatorFamily::Bool)
          continue;
        for (const Value& v : c.values)
          if (const Resolved* alt = variableIn(v, var)) {
            context.report(at(v, c.keyNode), "the `" + c.op + "` condition on `" + c.key + "` compares with " +
                                                 (alt->text == var.written ? "the policy variable " + quoted(var.written)
                                                                           : quoted(alt->text) + ", which holds the policy variable " +
                                                                                 quoted(var.written)) +
                                                 where + "; IAM takes policy variables only "
                                                 "with String and Arn operators, not " + std::string(familyName(op.family)) +
                                                 " ones");
            break;
          }
      }
    }
  });
}

extern const Rule kPolicyVariableMisplaced{
    {"IAM107", "policy-variable-misplaced", Level::Error,
     "A policy variable is used where IAM does not substitute it: `Action`, `Principal`, or a non-string operator",
     R"md(## What it does
Reports a policy variable (`${aws:username}`, `${aws:PrincipalTag/team}`) written
- in `Action`/`NotAction` or in `Principal`/`NotPrincipal`, or
- as the value of a condition whose operator is a `Numeric`, `Date`, `Binary`, `IpAddress` or
  `Null` one (in a `Version: "2012-10-17"` policy).

## Why is this bad?
IAM substitutes policy variables only in `Resource`/`NotResource` and in the values of string
and ARN conditions. Anywhere else the text stays as written: an action or principal that
matches nothing, or a number, date or address IAM cannot parse. IAM Access Analyzer reports both
as errors (VARIABLE_UNSUPPORTED_IN_ELEMENT, INVALID_VARIABLE_FOR_OPERATOR).

## Example
```json
{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
 "Condition": {"NumericLessThan": {"s3:max-keys": "${aws:PrincipalTag/max-keys}"}}}
```

## Use instead
Compare numbers, dates and addresses with fixed values, and name actions and principals
literally; put per-user parts in `Resource` (`arn:aws:s3:::home/${aws:username}/*`) or in a
string condition.

## Known limitations
`Bool` conditions are not reported: one page of the IAM guide says `Bool` takes variables,
another that it does not. The escapes `${*}`, `${?}` and `${$}` are not variables. A
CloudFormation `${Name}` in an `Fn::Sub` is a template value, not a policy variable, and a
`${...}` whose key does not start with `aws:` or an IAM service prefix is another tool's
placeholder (`${self:custom.account}`, `${account}`): neither is reported.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
)md",
     "correctness"},
    checkVariablePlaces,
    "INVALID_VARIABLE_FOR_OPERATOR VARIABLE_UNSUPPORTED_IN_ELEMENT"};

}  // namespace iamlint
