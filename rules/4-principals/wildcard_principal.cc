#include <algorithm>

#include "rules/lib/statements.h"
#include "rules/lib/helpers.h"

namespace iamlint {

using namespace security;

// "; no condition restricts it", or which conditions the statement has that do not limit
// the caller (a policy variable, a wildcard account, `0.0.0.0/0`, an `IfExists`, a key about
// something other than the caller).
static bool isSearchDomain(const Policy& p) {
  return p.guarded == GuardedResource::SearchDomain;
}

static bool inVpc(const Analysis& analysis, const Policy& p) {
  auto it = analysis.tmpl.resourceIndex.find(p.resource);
  if (it == analysis.tmpl.resourceIndex.end()) return false;
  const Node* props = analysis.tmpl.resources[it->second].properties;
  const Node* vpc = props ? props->get("VPCOptions") : nullptr;
  return vpc && !vpc->isNull();
}

static void checkWildcardPrincipal(RuleContext& context) {
  for (const Policy& p : context.analysis().policies) {
    if (p.kind == PolicyKind::Identity || p.kind == PolicyKind::Endpoint || (p.kind == PolicyKind::Resource && hasPublicCheck(p))) continue;
    for (const Statement& st : p.statements) {
      std::optional<Alt> star = unrestrictedWildcardPrincipal(p, st);
      if (!star) continue;
      std::string who = p.kind == PolicyKind::Trust
                            ? "lets any principal in any AWS account assume " +
                                  (p.resource.empty() ? std::string("the role") : "`" + p.resource + "`")
                            : "grants its actions to everyone, in any account and anonymous";
      FindingBuilder b = context.report(star->node(st.principalNode), st.label() + " of the " + p.label() + " " +
                                                                          who + provenance(*star->alt) +
                                                                          unrestrictedNote(st));
      b.help("name the principals, or keep `*` and add a condition with fixed values on "
             "`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceVpce`, "
             "`aws:SourceAccount` or `aws:SourceArn`");
      // A domain in a VPC is reached only through its VPC endpoint: the open access policy
      // AWS documents for VPC domains leaves access to the network and the domain's own
      // fine-grained access control.
      if (isSearchDomain(p) && inVpc(context.analysis(), p)) {
        b.level(Level::Warning);
        b.help("the domain is in a VPC (`VPCOptions`), so only callers with network access reach it; "
               "AWS documents this open policy for VPC domains, with security groups and fine-grained access control");
      }
    }
  }
}

extern const Rule kWildcardPrincipal{
    {"IAM401", "wildcard-principal", Level::Error,
     "`Principal: \"*\"` or `{AWS: \"*\"}` without a condition that restricts it",
     R"md(## What it does
Reports an `Allow` whose `Principal` is `"*"` or `{"AWS": "*"}` (in any of its resolved values,
a parameter default or an `Fn::If` branch included) in a role trust policy or a resource
policy, unless a condition of the statement really restricts the caller — a positive operator
with fixed values (no `*` standing for an account) on `aws:PrincipalOrgID`,
`aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceVpce`,
`aws:SourceVpc`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOwner` or `kms:CallerAccount`
— or a `Deny` of the same policy removes access for everyone outside (`StringNotEquals
aws:PrincipalOrgID`). The string form `Principal: "*"` is checked too (checkov misses it).

S3 bucket, SQS queue, SNS topic, KMS key, Secrets Manager and Lambda permission policies are
reported by IAM407 (public-resource-policy), which says what the public can do.

## Why is this bad?
In a trust policy it lets anyone with an AWS account assume the role. In a resource policy it
opens the resource to every account and to anonymous callers.

## Example
```yaml
AssumeRolePolicyDocument:
  Statement:
    - Effect: Allow
      Principal: {AWS: "*"}
      Action: sts:AssumeRole
```

## Use instead
```yaml
    - Effect: Allow
      Principal: {AWS: "*"}
      Action: sts:AssumeRole
      Condition:
        StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}
```

## Known limitations
An `IpAddress` condition on `aws:SourceIp` counts as restricting when every range is /8 or
narrower (IPv4), /32 or narrower (IPv6), or inside the RFC 1918 private ranges — the rule S3's
Block Public Access applies.
`IfExists` and `ForAllValues:` operators do not restrict (they hold when the key is absent),
nor does a value that is a policy variable (`${aws:PrincipalAccount}` matches every caller).
An OpenSearch or Elasticsearch domain with `VPCOptions` is reached only from its VPC: the open
policy AWS documents for such domains is a warning there.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
- cfn_nag F2/F16, checkov CKV_AWS_60
)md",
     "security,principals", 8.6},
    checkWildcardPrincipal,
    "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"};

}  // namespace iamlint
