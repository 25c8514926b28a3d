#include <algorithm>
#include <strings.h>

#include "rules/lib/helpers.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace {

// The services whose resources resource control policies apply to, from the AWS Organizations
// User Guide, "Resource control policies (RCPs)", list of supported services:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
// Sorted; an action of another service in an RCP is rejected.
constexpr std::string_view kRcpServices[] = {"aoss", "cognito-idp", "dynamodb", "ecr", "kms",
                                             "logs", "s3",         "secretsmanager", "sqs", "sts"};

// Maximum size of a service or resource control policy, in characters (AWS Organizations
// User Guide, "Quotas and service limits"):
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
constexpr size_t kOrganizationPolicyQuota = 5120;

bool rcpService(std::string_view service) {
  std::string lower(service);
  for (char& c : lower) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return std::binary_search(std::begin(kRcpServices), std::end(kRcpServices), std::string_view(lower));
}

// The length of a node written as minified JSON (as CloudFormation sends a YAML `Content`).
size_t minifiedLength(const Node& n) {
  switch (n.kind) {
    case NodeKind::Null: return 4;
    case NodeKind::Scalar:
      return n.text.size() + (n.style == ScalarStyle::JsonNumber || n.style == ScalarStyle::JsonBool ? 0 : 2);
    case NodeKind::Sequence: {
      size_t total = 2 + (n.items.empty() ? 0 : n.items.size() - 1);
      for (const Node& item : n.items) total += minifiedLength(item);
      return total;
    }
    case NodeKind::Mapping: {
      size_t total = 2 + (n.items.empty() ? 0 : n.items.size() - 1);
      for (size_t i = 0; i < n.items.size(); ++i) total += n.keys[i].text.size() + 3 + minifiedLength(n.items[i]);
      return total;
    }
  }
  return 0;
}

// Organisations count every character of the policy text, white space included: the file
// or the JSON string as written, or the minified JSON CloudFormation makes of a mapping.
size_t organizationPolicySize(const Analysis& a, const Policy& p) {
  if (p.document == &a.document.root) return a.document.source.text().size();
  for (const Document& d : a.embeddedDocuments)
    if (p.document == &d.root) return d.source.text().size();
  return minifiedLength(*p.document);
}

std::string thousands(size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

void checkSize(RuleContext& context, const Policy& p, const char* noun) {
  if (!p.document) return;
  size_t size = organizationPolicySize(context.analysis(), p);
  if (size <= kOrganizationPolicyQuota) return;
  context.report(p.document, "the " + p.label() + " is " + thousands(size) + " characters long; a " + noun +
                                 " may have at most " + thousands(kOrganizationPolicyQuota) +
                                 ", white space included")
      .help("remove white space outside strings, or split the statements into several policies");
}

void checkServiceControlPolicy(RuleContext& context, const Policy& p) {
  checkSize(context, p, "service control policy");
  for (const Statement& st : p.statements)
    if (st.principalNode)
      context.report(st.node->keyNode(st.notPrincipal ? "NotPrincipal" : "Principal"),
                     st.label() + " of the " + p.label() + " has a `" + (st.notPrincipal ? "NotPrincipal" : "Principal") +
                         "`; a service control policy applies to the accounts it is attached to and names no principal");
}

void checkResourceControlPolicy(RuleContext& context, const Policy& p) {
  checkSize(context, p, "resource control policy");
  for (const Statement& st : p.statements) {
    if (!st.node || !st.node->isMapping()) continue;
    const std::string where = st.label() + " of the " + p.label();
    if (st.effect == Effect::Allow)
      context.report(st.effectNode, where + " is an `Allow`; resource control policies take only `Deny` statements "
                                            "(the one `Allow` is AWS's own `RCPFullAWSAccess`)")
          .suggest("Deny");
    if (st.notPrincipal) {
      context.report(st.node->keyNode("NotPrincipal"),
                     where + " has a `NotPrincipal`; a resource control policy takes only `Principal: \"*\"` and "
                             "narrows callers with conditions");
    } else if (!st.principalNode) {
      context.report(st.node, where + " has no `Principal`; a resource control policy statement needs `Principal: \"*\"`")
          .suggest("Principal: \"*\"");
    } else if (!st.principalNode->isIntrinsic() && !(st.principalNode->isScalar() && st.principalNode->text == "*")) {
      context.report(st.principalNode, where + " names principals; a resource control policy takes only "
                                               "`Principal: \"*\"` and narrows callers with conditions "
                                               "(`aws:PrincipalOrgID`, `aws:PrincipalAccount`, ...)");
    }
    if (st.notAction) {
      context.report(st.node->keyNode("NotAction"), where + " has a `NotAction`; resource control policies take "
                                                            "only `Action`");
      continue;
    }
    for (const Value& v : st.actions)
      for (const Resolved& alt : v.alts) {
        if (!alt.exact() || alt.text == "*") continue;
        size_t colon = alt.text.find(':');
        if (colon == std::string::npos) continue;  // IAM201
        std::string_view service = std::string_view(alt.text).substr(0, colon);
        if (iamdata::findAny(service, "*?") != std::string_view::npos || rcpService(service)) continue;
        context.report(at(v, st.node), "the action " + quoted(alt.text) + " in " + where + " is of `" +
                                           std::string(service) + "`, a service resource control policies do not "
                                           "apply to; they cover s3, sts, sqs, secretsmanager, kms, ecr, aoss, "
                                           "cognito-idp, dynamodb and logs");
        break;
      }
  }
}

void checkOrganizationPolicies(RuleContext& context) {
  for (const Policy& p : context.analysis().serviceControlPolicies) checkServiceControlPolicy(context, p);
  for (const Policy& p : context.analysis().resourceControlPolicies) checkResourceControlPolicy(context, p);
}

}  // namespace

extern const Rule kOrganizationPolicyGrammar{
    {"IAM109", "organization-policy-grammar", Level::Error,
     "A service or resource control policy breaks the grammar or size quota AWS Organizations enforces",
     R"md(## What it does
Checks AWS Organizations policies: the `Content` of an `AWS::Organizations::Policy` of type
`SERVICE_CONTROL_POLICY` or `RESOURCE_CONTROL_POLICY`, and policy files linted with
`--policy-kind scp` or `--policy-kind rcp`. It reports
- a service control policy (SCP) with `Principal` or `NotPrincipal`;
- a resource control policy (RCP) with an `Allow` statement, with `NotAction`, with
  `NotPrincipal`, without `Principal`, or with a `Principal` other than `"*"`;
- an RCP action of a service RCPs do not apply to (they cover `s3`, `sts`, `sqs`,
  `secretsmanager`, `kms`, `ecr`, `aoss`, `cognito-idp`, `dynamodb` and `logs`);
- either policy longer than 5,120 characters. Organizations counts every character, white
  space included: the file or JSON string as written, or the minified JSON CloudFormation
  makes of a YAML `Content`.

The rest of the grammar (Version, Effect, elements, Sids, policy variables) is checked by the
other IAM1xx rules, as for any policy.

## Why is this bad?
AWS Organizations rejects the policy (`MalformedPolicyDocumentException`,
`ConstraintViolationException`) when the stack creates it, so the guardrail it was meant to
set is never attached.

## Example
```yaml
OrgPerimeter:
  Type: AWS::Organizations::Policy
  Properties:
    Type: RESOURCE_CONTROL_POLICY
    Content:
      Version: "2012-10-17"
      Statement:
        - Effect: Deny
          Principal: {AWS: "arn:aws:iam::111122223333:root"}
          NotAction: s3:GetObject
          Resource: "*"
```

## Use instead
```yaml
      Statement:
        - Effect: Deny
          Principal: "*"
          Action: s3:*
          Resource: "*"
          Condition:
            StringNotEqualsIfExists: {aws:PrincipalOrgID: o-a1b2c3d4e5}
            Bool: {aws:PrincipalIsAWSService: "false"}
```

## Known limitations
SCPs now accept the full IAM policy language (conditions, `NotAction` with `Allow`, wildcards
anywhere in an action), so none of that is reported. The list of services RCPs cover grows;
it is the one of the AWS Organizations User Guide when this version was made.

## References
- https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
- https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
- https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
- https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
)md",
     "correctness"},
    checkOrganizationPolicies,
    "POLICY_SIZE_EXCEEDS_RCP_QUOTA POLICY_SIZE_EXCEEDS_SCP_QUOTA RCP_SYNTAX_ERROR_ACTION RCP_SYNTAX_ERROR_ALLOW "
    "RCP_SYNTAX_ERROR_NOTACTION RCP_SYNTAX_ERROR_PRINCIPAL SCP_SYNTAX_ERROR_PRINCIPAL"};

}  // namespace iamlint
