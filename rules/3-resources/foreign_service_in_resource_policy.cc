#include <cctype>

#include "rules/3-resources/arn.h"
#include "rules/lib/helpers.h"
#include "rules/lib/values.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace {

// Resource policies whose service accepts only its own actions and ARNs, each with what the
// policy guards; the model gives the service prefix (which is also its ARN service field) and
// what the policy is called.
struct GuardedService {
  GuardedResource resource;
  std::string_view guards;
};
constexpr GuardedService kGuarded[] = {
    {GuardedResource::Key, "the key"},
    {GuardedResource::Bucket, "the bucket and its objects"},
    {GuardedResource::Topic, "the topic"},
    {GuardedResource::Queue, "the queue"},
    {GuardedResource::Secret, "the secret"},
};

const GuardedService* guardedBy(const Policy& p) {
  for (const GuardedService& g : kGuarded)
    if (p.guarded == g.resource) return &g;
  return nullptr;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void checkForeignServices(RuleContext& context) {
  forEachStatement(context.analysis(), [&](const Policy& p, const Statement& st) {
    if (p.kind != PolicyKind::Resource || p.synthesized || p.transformWritten) return;
    const GuardedService* found = guardedBy(p);
    if (!found) return;
    const GuardedResourceInfo* g = &guardedResourceInfo(found->resource);
    std::string article = std::string(g->policy.substr(0, 1) == "a" ? "an " : "a ");
    if (!st.notAction)
      for (const Value& v : st.actions)
        for (const Resolved* alt : distinctAlternatives(v)) {
          const std::string& text = alt->text;
          size_t colon = text.find(':');
          if (colon == std::string::npos || touchesHole(*alt, 0, colon + 1)) continue;
          std::string service = lower(std::string_view(text).substr(0, colon));
          if (service == g->service || iamdata::findAny(service, "*?") != std::string::npos) continue;
          const Node* node = at(v, st.actionNode);
          FindingBuilder b = context.report(
              node, quoted(text) + " is not an action of " + quoted(g->service) + ": " + article +
                        std::string(g->policy) + " grants only `" + std::string(g->service) + ":` actions on " +
                        std::string(found->guards) + branchNote(*alt));
          relateOrigin(b, *alt, node);
          b.help("grant " + quoted(text) + " in the policy of the resource it acts on, or in an identity policy");
        }
    if (!st.notResource)
      for (const Value& v : st.resources)
        for (const Resolved* alt : distinctAlternatives(v)) {
          ArnParts arn;
          if (alt->text == "*" || !splitArn(*alt, arn) || arn.service.empty() || opaqueField(arn.service) ||
              wildcardField(arn.service))
            continue;
          if (lower(arn.service) == g->service) continue;
          const Node* node = at(v, st.resourceNode);
          FindingBuilder b = context.report(node, quoted(alt->text) + " is not " + (g->service.size() <= 3 && g->service[0] == 's' ? "an" : "a") +
                                                      " " + quoted(g->service) + " ARN: " + article +
                                                      std::string(g->policy) + " can only name " +
                                                      std::string(found->guards) + branchNote(*alt));
          relateOrigin(b, *alt, node);
        }
  });
}

}  // namespace

extern const Rule kForeignServiceInResourcePolicy{
    {"IAM303", "foreign-service-in-resource-policy", Level::Error,
     "A resource policy names an action or a resource of another service",
     R"md(## What it does
Checks the resource policies whose service accepts only its own actions and resources: S3
bucket policies, SQS queue policies, SNS topic policies, KMS key policies and Secrets Manager
resource policies. It reports

- an action of another service (`kms:Decrypt` in a bucket policy);
- a `Resource` ARN of another service (an SQS queue ARN in a bucket policy).

## Why is this bad?
A resource policy only governs access to the resource it is attached to. An action of another
service can never be requested on that resource, and an ARN of another service never matches
it: the statement does not do what it reads as. S3 rejects such a bucket policy outright
(`MalformedPolicy: Policy has invalid action` / `invalid resource`), failing the deployment;
Access Analyzer reports both as errors.

## Example
```yaml
BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref Bucket
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:role/reader"}
          Action: [s3:GetObject, kms:Decrypt]
          Resource: [!Sub "${Bucket.Arn}/*", !GetAtt Queue.Arn]
```

## Use instead
```yaml
          Action: s3:GetObject
          Resource: !Sub "${Bucket.Arn}/*"
```
and grant `kms:Decrypt` in the key policy of the bucket's key.

## Known limitations
Only the five resource types above are checked; other services' resource policies (Lambda,
ECR, OpenSearch, EventBridge...) may name other services' resources in conditions or accept
them. Actions with a wildcard in the service part, `NotAction` and `NotResource` are not
checked.

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
- https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
)md",
     "correctness"},
    checkForeignServices,
    "UNSUPPORTED_ACTION_IN_POLICY UNSUPPORTED_RESOURCE_ARN_IN_POLICY"};

}  // namespace iamlint
