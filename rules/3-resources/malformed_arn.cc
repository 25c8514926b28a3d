#include <cctype>
#include <re2/re2.h>


#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/3-resources/arn.h"
#include "rules/lib/helpers.h"

namespace iamlint {

namespace {

bool knownPartition(std::string_view p) {
  for (std::string_view known : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
                                 "aws-eusc"})
    if (p == known) return true;
  return false;
}

bool regionLike(std::string_view r) {
  // RE2, not std::regex: std::regex recurses per character and overflows the stack on a long region.
  static const RE2 region("[a-z]{2,4}(-[a-z]+)+-[0-9]+");
  return RE2::FullMatch(re2::StringPiece(r.data(), r.size()), region);
}

bool accountLike(std::string_view a) {
  if (a == "aws") return true;  // AWS-owned resources: managed policies, public parameters
  if (a.size() != 12) return false;
  for (char c : a)
    if (c < '0' || c > '9') return false;
  return true;
}

// A field that must be empty: holes other than pseudo parameters may be empty, a pure `*`
// matches the empty text.
bool nonEmptyField(std::string_view f) {
  if (f.empty() || f.find_first_not_of('*') == std::string_view::npos) return false;
  if (f == "${AWS::Region}" || f == "${AWS::AccountId}") return true;
  return !opaqueField(f);
}

// Resource parts of S3 types other than buckets and objects (`accesspoint/`, `job/`, ...):
// those take a region and an account.
bool s3TypedResource(std::string_view resource) {
  for (const ResourceTypeInfo& rt : Catalog::instance().resourceTypes("s3")) {
    std::string_view f = rt.arnFormat;
    size_t field = 0, pos = 0;
    while (field < 5 && (pos = f.find(':', pos)) != std::string_view::npos) ++field, ++pos;
    if (field < 5) continue;
    std::string_view keyword = f.substr(pos, f.find_first_of("$", pos) - pos);
    if (!keyword.empty() && resource.substr(0, keyword.size()) == keyword) return true;
  }
  return false;
}

std::string withoutS3Uri(std::string text) {
  if (size_t at = text.find("s3://"); at != std::string::npos) text.erase(at, 5);
  return text;
}

// What is wrong with an ARN, or empty. `suggestion` is set when the fix is certain.
std::string problem(const Resolved& alt, bool principal, std::string& suggestion) {
  const std::string& text = alt.text;
  if (text == "*") return {};
  ArnParts arn;
  bool split = splitArn(alt, arn);
  std::string_view t = arn.text;
  if (!split) {
    size_t unknown = t.find("${");
    std::string_view known = t.substr(0, unknown);
    // `${BucketArn}/*`: the ARN itself comes from elsewhere.
    if (unknown != std::string_view::npos && std::string_view("arn:").substr(0, known.size()) == known) return {};
    if (known.substr(0, 4) == "arn:") {
      if (unknown != std::string_view::npos) return {};  // a hole may stand for several fields
      // `arn:aws:sns:*:*`: a trailing `*` matches across colons, so the glob covers six fields.
      if (!t.empty() && t.back() == '*') return {};
      return "it has fewer than the six fields `arn:partition:service:region:account:resource`";
    }
    if (principal) {
      if (accountLike(t) || unknown != std::string_view::npos) return {};
      return "it is neither `*`, a 12-digit account id nor an ARN";
    }
    // An API Gateway resource policy may name its own API's methods as `execute-api:/stage/VERB/path`.
    if (!principal && t.substr(0, 13) == "execute-api:/") return {};
    if (t.substr(0, 5) == "s3://") {
      suggestion = "arn:aws:s3:::" + withoutS3Uri(text);
      return "it is an S3 URI, not an ARN";
    }
    return "it is neither `*` nor an ARN (`arn:partition:service:region:account:resource`)";
  }
  if (arn.partition.empty()) return "the partition is empty (`aws`, `aws-cn`, `aws-us-gov`, ...)";
  if (!opaqueField(arn.partition) && !wildcardField(arn.partition) && !knownPartition(arn.partition))
    return "the partition " + quoted(arn.partition) + " is not one of `aws`, `aws-cn`, `aws-us-gov`, `aws-iso*`, `aws-eusc`";
  if (arn.service.empty()) return "the service field is empty";
  if (!opaqueField(arn.service) &&
      arn.service.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-.*?") != std::string_view::npos)
    return "the service field " + quoted(arn.service) + " is not a service name (lower-case letters, digits, `-`)";
  if (!arn.region.empty() && !opaqueField(arn.region) && !wildcardField(arn.region) && !regionLike(arn.region))
    return "the region " + quoted(arn.region) + " is not a region name such as `us-east-1`";
  // A legacy CloudFront origin access identity, as AWS documents it for bucket policies:
  // `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E15MNIMTCFKK4C`.
  if (principal && arn.service == "iam" && arn.account == "cloudfront" &&
      arn.resource.substr(0, 38) == "user/CloudFront Origin Access Identity")
    return {};
  if (!arn.account.empty() && !opaqueField(arn.account) && !wildcardField(arn.account) && !accountLike(arn.account))
    return "the account " + quoted(arn.account) + " is not a 12-digit account id";
  if (arn.resource.empty()) return "the resource part is empty";
  if (arn.resource.find("s3://") != std::string_view::npos) {
    suggestion = withoutS3Uri(text);
    return "the resource part holds an S3 URI (`s3://`); an S3 ARN names the bucket alone";
  }
  if (arn.resource.substr(0, 4) == "arn:") return "the resource part is itself an ARN";
  if (arn.service == "s3" && !s3TypedResource(arn.resource) &&
      (nonEmptyField(arn.region) || nonEmptyField(arn.account))) {
    suggestion = "arn:" + std::string(arn.partition) + ":s3:::" + std::string(arn.resource);
    if (arn.text != alt.text) suggestion.clear();  // a hole's own text would be lost
    return "S3 bucket and object ARNs have an empty region and account (`arn:aws:s3:::bucket/key`)";
  }
  if (arn.service == "iam" && nonEmptyField(arn.region)) return "IAM ARNs have an empty region (IAM is global)";
  if (arn.service == "iam" && arn.account.empty() && arn.resource != "*")
    return "IAM ARNs need the account id (`arn:aws:iam::123456789012:role/name`)";
  return {};
}

// A parameter default that only stands for a value to be given at deploy time: empty, or
// text such as `<<your-role>>`, `REPLACE_ME`, `CHANGEME`, `TODO`.
bool placeholderDefault(const Parameter& param) {
  if (!param.defaultValue || !param.defaultValue->isScalar()) return false;
  std::string d = param.defaultValue->text;
  if (d.empty() || d.find('<') != std::string::npos || d.find('>') != std::string::npos) return true;
  for (char& c : d) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::string_view word : {"REPLACE", "CHANGEME", "CHANGE_ME", "CHANGE-ME", "PLACEHOLDER", "TODO", "XXXX",
                                "YOUR-", "YOUR_"})
    if (d.find(word) != std::string::npos) return true;
  return false;
}

// Does the value as written refer to parameter `name` (`Ref`, `${name}` in `Fn::Sub`)?
bool refersTo(const Node* node, const std::string& name) {
  if (!node) return false;
  if (node->isScalar()) {
    if (node->text == name && (node->tag == "Ref" || (node->parent && node->parent->keyNode("Ref")))) return true;
    return node->text.find("${" + name + "}") != std::string::npos;
  }
  for (const Node& child : node->items)
    if (refersTo(&child, name)) return true;
  return false;
}

// The parameter with a placeholder default that the value is built from, or nullptr.
const Parameter* placeholderSource(const Analysis& analysis, const Value& v, const Resolved& alt) {
  if (analysis.input != InputFormat::CloudFormation) return nullptr;
  for (const auto& [name, param] : analysis.tmpl.parameters) {
    if (!placeholderDefault(param)) continue;
    if ((alt.origin.kind == OriginKind::ParameterDefault && alt.origin.name == name) || refersTo(v.node, name))
      return &param;
  }
  return nullptr;
}

void checkValue(RuleContext& context, const Value& v, const Node* element, bool principal) {
  for (const Resolved* alt : distinctAlternatives(v)) {
    std::string suggestion;
    std::string why = problem(*alt, principal, suggestion);
    if (why.empty()) continue;
    const Node* node = at(v, element);
    const Parameter* placeholder = placeholderSource(context.analysis(), v, *alt);
    FindingBuilder b = context.report(node, quoted(alt->text) + " is not a valid " +
                                                (principal ? "principal" : "resource") + ": " + why +
                                                branchNote(*alt));
    relateOrigin(b, *alt, node);
    if (!suggestion.empty()) b.suggest(suggestion);
    if (placeholder) {
      // The default is a placeholder that a deployment overrides; only a deployment that keeps
      // it gets this value.
      b.level(Level::Note);
      b.help("the value is built from the default of parameter " + quoted(placeholder->name) + " (" +
             quoted(placeholder->defaultValue->text) + "), a placeholder a deployment is expected to override");
    }
  }
}

void checkArns(RuleContext& context) {
  forEachStatement(context.analysis(), [&](const Policy& p, const Statement& st) {
    // A Lambda permission's "resource" is the function name, which need not be an ARN.
    if (!p.synthesized)
      for (const Value& v : st.resources) checkValue(context, v, st.resourceNode, false);
    for (const PrincipalEntry& e : st.principals)
      if (e.type == "AWS")
        for (const Value& v : e.values) {
          // A Lambda permission's principal that reads like a host name is a service
          // principal, which IAM403 judges.
          if (p.resourceType == "AWS::Lambda::Permission" && !v.alts.empty() &&
              v.alts[0].text.find('.') != std::string::npos && v.alts[0].text.rfind("arn:", 0) != 0)
            continue;
          // A wildcard inside a principal (IAM408) and a role or user unique id (IAM409) have rules of their own.
          if (!v.alts.empty() && v.alts[0].text != "*" &&
              (v.alts[0].text.find_first_of("*?") != std::string::npos ||
               v.alts[0].text.rfind("AROA", 0) == 0 || v.alts[0].text.rfind("AIDA", 0) == 0))
            continue;
          checkValue(context, v, e.typeNode, true);
        }
  });
}

}  // namespace

extern const Rule kMalformedArn{
    {"IAM301", "malformed-arn", Level::Error, "A `Resource` or principal is neither `*` nor a well-formed ARN",
     R"md(## What it does
Checks every value of `Resource`, `NotResource` and `Principal.AWS`: it must be `*` (or,
for principals, a 12-digit account id) or an ARN of six fields,
`arn:partition:service:region:account:resource`, with a known partition (`aws`,
`aws-cn`, `aws-us-gov`, `aws-iso*`, `aws-eusc`), a region that looks like one, an
account that is 12 digits (or `aws` for AWS-owned resources such as managed policies),
and a resource part. It knows two shapes that are easy to get wrong:

- an S3 URI inside an ARN (`arn:aws:s3:::s3://bucket`), or an S3 URI instead of an ARN;
- an S3 bucket or object ARN with a region or account (`arn:aws:s3:us-east-1:123456789012:bucket`),
  and an IAM ARN with a region.

Parts only known at deploy time (a parameter without default, `{{resolve:...}}`) and
policy variables (`${aws:username}`) are opaque: they are never reported themselves,
but the known text around them is checked.

## Why is this bad?
IAM accepts many malformed resources without complaint and then matches nothing with
them: a role granted `s3:GetObject` on `arn:aws:s3:::s3://my-bucket/*` can read no
object at all. A malformed ARN in a `Deny` denies nothing.

## Example
```yaml
Resource:
  - !Sub "arn:aws:s3:::s3://${Bucket}/*"
  - !Sub "arn:aws:s3:${AWS::Region}:${AWS::AccountId}:${Bucket}"
```

## Use instead
```yaml
Resource:
  - !Sub "arn:aws:s3:::${Bucket}/*"
  - !Sub "arn:aws:s3:::${Bucket}"
```

## Known limitations
The region is checked for shape only, not against the list of regions. A value built from a
parameter whose default is a placeholder (empty, `<...>`, `REPLACE_ME`, `TODO`) is reported
as a note: a deployment is expected to override it. A value with fewer than six fields that
ends in `*` (`arn:aws:sns:*:*`) is a glob and is accepted, and so is the principal AWS
documents for a legacy CloudFront origin access identity
(`arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID`). A resource built
entirely from a parameter without a default is not checked. The `Resource` of an
`AWS::Lambda::Permission` (its `FunctionName`) may be a plain name and is not checked.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html
)md",
     "correctness"},
    checkArns};

}  // namespace iamlint
