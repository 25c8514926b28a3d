#include <algorithm>
#include <map>

#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

// Typical lengths of pseudo parameters; other holes count as written (`${BucketName}`).
size_t holeLength(const Hole& h) {
  if (h.symbol == "AWS::AccountId") return 12;
  if (h.symbol == "AWS::Partition") return 3;
  if (h.symbol == "AWS::Region") return 9;
  if (h.symbol == "AWS::URLSuffix") return 13;
  return h.end - h.begin;
}

size_t resolvedLength(const Resolved& r) {
  size_t n = r.text.size();
  for (const Hole& h : r.holes) n = n - (h.end - h.begin) + holeLength(h);
  return n;
}

// The length IAM counts: the policy as minified JSON, with template values resolved.
class SizeCounter {
 public:
  explicit SizeCounter(const Policy& p) {
    for (const Statement& st : p.statements) {
      for (const Value& v : st.actions) add(v);
      for (const Value& v : st.resources) add(v);
      for (const PrincipalEntry& e : st.principals)
        for (const Value& v : e.values) add(v);
      for (const ConditionEntry& c : st.conditions)
        for (const Value& v : c.values) add(v);
    }
  }

  size_t count(const Node& n) const {
    if (auto it = values_.find(&n); it != values_.end()) {
      size_t total = 0;
      for (const Value* v : it->second) {
        size_t longest = 0;
        for (const Resolved& r : v->alts) longest = std::max(longest, resolvedLength(r));
        total += longest + 2 + 1;  // quotes and a comma
      }
      return it->second.size() > 1 ? total + 1 : total - 1;  // brackets, or no comma
    }
    // An intrinsic that is not a policy value (a whole statement under `Fn::If`): its
    // argument approximates it. A tagged node (`!Ref X`) is its own argument.
    if (n.isIntrinsic() && n.intrinsicArg() && n.intrinsicArg() != &n) return count(*n.intrinsicArg());
    switch (n.kind) {
      case NodeKind::Null: return 4;
      case NodeKind::Scalar:
        return n.text.size() + (n.style == ScalarStyle::JsonNumber || n.style == ScalarStyle::JsonBool ? 0 : 2);
      case NodeKind::Sequence: {
        size_t total = 2 + (n.items.empty() ? 0 : n.items.size() - 1);
        for (const Node& item : n.items) total += count(item);
        return total;
      }
      case NodeKind::Mapping: {
        size_t total = 2 + (n.items.empty() ? 0 : n.items.size() - 1);
        for (size_t i = 0; i < n.items.size(); ++i) total += n.keys[i].text.size() + 3 + count(n.items[i]);
        return total;
      }
    }
    return 0;
  }

 private:
  void add(const Value& v) {
    if (v.node) values_[v.node].push_back(&v);
  }
  std::map<const Node*, std::vector<const Value*>> values_;
};

size_t policySize(const Policy& p) { return p.document ? SizeCounter(p).count(*p.document) : 0; }

std::string thousands(size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

bool inlineOf(const Policy& p, const IamPrincipal& pr) {
  if (p.awsManaged || p.kind != PolicyKind::Identity || p.customerManaged) return false;
  return std::find(p.attachedTo.begin(), p.attachedTo.end(), pr.logicalId) != p.attachedTo.end();
}

// The size quotas of the resource policies a template can hold, per guarded resource (the
// model names the policy: "bucket policy").
struct ResourceQuota {
  GuardedResource resource;
  size_t limit;
};
constexpr ResourceQuota kResourceQuotas[] = {
    // https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html (32 KB)
    {GuardedResource::Key, 32768},
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html (20 KB)
    {GuardedResource::Bucket, 20480},
    // https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html (30 KB)
    {GuardedResource::Topic, 30720},
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-policies.html (8,192 bytes)
    {GuardedResource::Queue, 8192},
    // https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html (20,480 characters)
    {GuardedResource::Secret, 20480},
};

// A policy file: its destination is unknown, but a trust policy meets the trust-policy quota
// wherever it goes. (An identity policy file may be an AWS managed policy, which the managed
// policy quota does not bind, or an inline policy, which shares its principal's quota.)
void checkPolicyFile(RuleContext& context, const Analysis& a) {
  for (const Policy& p : a.policies) {
    if (p.kind != PolicyKind::Trust) continue;
    size_t n = policySize(p);
    if (n > 2048)
      context
          .report(p.document, "this trust policy is " + thousands(n) +
                                  " characters, over IAM's default quota of 2,048 for a role's trust policy")
          .level(Level::Warning)
          .help("the quota can be raised to 4,096 with Service Quotas");
  }
}

void checkSizes(RuleContext& context) {
  const Analysis& a = context.analysis();
  if (a.input == InputFormat::PolicyFile) return checkPolicyFile(context, a);
  for (const IamPrincipal& pr : a.principals) {
    size_t quota = pr.kind == PrincipalKind::Role ? 10240 : pr.kind == PrincipalKind::User ? 2048 : pr.kind == PrincipalKind::Group ? 5120 : 0;
    if (!quota) continue;
    std::vector<std::pair<const Policy*, size_t>> parts;
    size_t total = 0;
    for (const Policy* p : pr.policies)
      if (inlineOf(*p, pr)) {
        size_t n = policySize(*p);
        parts.emplace_back(p, n);
        total += n;
      }
    if (total > quota) {
      std::string list;
      for (const auto& [p, n] : parts) list += (list.empty() ? "" : ", ") + quoted(p->name) + " " + thousands(n);
      FindingBuilder b = context.report(
          pr.resource ? pr.resource->node : nullptr,
          "the inline policies of " + quoted(pr.logicalId) + " total " + thousands(total) +
              " characters, over IAM's quota of " + thousands(quota) + " for a " + (pr.kind == PrincipalKind::Role ? "role" : pr.kind == PrincipalKind::User ? "user" : "group") +
              " (" + list + ")");
      for (const auto& [p, n] : parts) b.related(p->document, "inline policy " + quoted(p->name) + ": " + thousands(n) + " characters");
      b.help("move statements into an `AWS::IAM::ManagedPolicy` (6,144 characters each, up to 10 per principal by default)");
    }
    // Managed policies attached to one principal: 10 by default, 20 at most
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entities).
    if (size_t attached = pr.managedPolicies.size(); attached > 10) {
      std::string what = pr.kind == PrincipalKind::Role ? "role" : pr.kind == PrincipalKind::User ? "user" : "group";
      FindingBuilder b = context.report(
          pr.resource ? pr.resource->node : nullptr,
          quoted(pr.logicalId) + " has " + std::to_string(attached) + " managed policies attached, over IAM's " +
              (attached > 20 ? "maximum of 20 per " + what : "default quota of 10 per " + what +
                                                                  " (it can be raised to 20 with Service Quotas)"));
      if (attached <= 20) b.level(Level::Warning);
      b.help("merge policies into fewer customer managed policies, or move statements inline");
    }
    if (pr.trust) {
      size_t n = policySize(*pr.trust);
      if (n > 2048)
        context.report(pr.trust->document, "the trust policy of " + quoted(pr.logicalId) + " is " + thousands(n) +
                                               " characters, over IAM's default quota of 2,048 (it can be raised to 4,096 " +
                                               "with Service Quotas)");
    }
  }
  for (const Policy& p : a.policies) {
    if (p.kind != PolicyKind::Resource || p.synthesized || p.transformWritten) continue;
    for (const ResourceQuota& q : kResourceQuotas) {
      if (p.guarded != q.resource) continue;
      size_t n = policySize(p);
      std::string_view what = guardedResourceInfo(q.resource).policy;
      if (n > q.limit)
        context.report(p.document, "the " + std::string(what) + " of " + quoted(p.resource) + " is " + thousands(n) +
                                       " characters, over the quota of " + thousands(q.limit) + " for a " +
                                       std::string(what));
    }
  }
  for (const Policy& p : a.policies) {
    if (!p.customerManaged) continue;
    size_t n = policySize(p);
    if (n > 6144)
      context.report(p.document, "the managed policy " + quoted(p.name) + " is " + thousands(n) +
                                     " characters, over IAM's quota of 6,144 for a managed policy");
  }
}

}  // namespace

extern const Rule kPolicySizeExceeded{
    {"IAM803", "policy-size-exceeded", Level::Error, "A policy, or a principal's inline policies together, exceed IAM's size quota",
     R"md(## What it does
Measures policies as IAM does, as JSON without whitespace, after resolving the template's
values (pseudo parameters at their usual length: an account id is 12 characters), and
reports:

- a role's inline policies together over 10,240 characters, a user's over 2,048 and a
  group's over 5,120 (inline `Policies` and `AWS::IAM::Policy`/`RolePolicy` resources
  attached to it; the message lists each policy and its size);
- an `AWS::IAM::ManagedPolicy` over 6,144 characters;
- a trust policy over 2,048 characters (the default quota; it can be raised to 4,096);
- more than 10 managed policies attached to a role, user or group (a warning: the default quota,
  which can be raised to 20), or more than 20 (an error: the maximum);
- a resource policy over its service's quota: an S3 bucket policy over 20,480 characters, an
  SQS queue policy over 8,192, an SNS topic policy over 30,720, a KMS key policy over 32,768, a
  Secrets Manager resource policy over 20,480.

A trust policy file is measured too, as a warning: over 2,048 characters it exceeds the default
quota of any role it is given to.

## Why is this bad?
CloudFormation fails the stack with `LimitExceeded: Maximum policy size ... exceeded`,
after the resources before it were created, and rolls everything back. Templates grow
one statement at a time, so the failure comes as a surprise on an innocent change.

## Example
A role with three inline policies of 4,000 characters each (12,000 in total).

## Use instead
Move statements into customer managed policies (`AWS::IAM::ManagedPolicy`, 6,144
characters each) and attach them, or merge statements with wildcards or lists.

## Known limitations
Values only known at deploy time count with their written length, and for `Fn::If` the
longer branch counts, so a policy close to the quota may be judged either way. A
raised trust-policy quota is not known. Identity and resource policy files are not measured:
an identity policy file may be an inline policy (sharing its principal's quota) or an AWS
managed policy (which the 6,144 quota does not bind), and a resource policy file's service is
unknown. Resource policies of other services (Lambda, ECR,
OpenSearch...) are not measured.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
- https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-policies.html
- https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html
- https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html
)md",
     "correctness"},
    checkSizes,
    "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA "
    "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA"};

}  // namespace iamlint
