#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <re2/re2.h>

#include "analyzer/iamdata/text_match.h"


#include "iamlint/catalog.h"
#include "rules/lib/values.h"
#include "rules/3-resources/arn.h"
#include "rules/lib/helpers.h"
#include "rules/lib/regions.h"

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

// Which check an ARN failed, where the finding's level or help depends on it.
struct ArnCheck {
  enum Code { Other, UnknownService, ResourcePart, UnknownRegion, RegionNotAllowed, MissingRegion, AccountNotAllowed, MissingAccount };
  Code code = Other;
  bool againstFormats = false;  // found by holding the ARN against its service's formats
};

// The region and account fields of an ARN format, and its resource part.
// Heterogeneous lookup: a cache keyed by std::string, asked with a string_view.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct FormatFields {
  std::string_view region, account, resource;
  size_t kindEnd = std::string_view::npos;  // where the resource's kind ends: its first `/`, `:` or `$`
};
FormatFields formatFields(std::string_view f) {
  FormatFields out;
  size_t pos[5], n = 0, at = 0;
  while (n < 5 && (at = f.find(':', at)) != std::string_view::npos) pos[n++] = at++;
  if (n < 5) return out;
  out.region = f.substr(pos[2] + 1, pos[3] - pos[2] - 1);
  out.account = f.substr(pos[3] + 1, pos[4] - pos[3] - 1);
  out.resource = f.substr(pos[4] + 1);
  out.kindEnd = iamdata::findAny(out.resource, "/:$");
  return out;
}

// ARNs of resources AWS publishes with an empty account field: public parameters
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters.html)
// and AWS-owned SSM documents and automation runbooks (`AWS-*`).
bool awsOwnedWithoutAccount(const ArnParts& arn) {
  if (arn.service != "ssm") return false;
  for (std::string_view prefix : {"parameter/aws/", "document/AWS", "automation-definition/AWS"})
    if (arn.resource.substr(0, prefix.size()) == prefix) return true;
  return false;
}

// The kind of resource a resource part names: the text before its first `/` or `:`
// (`table` of `table/Orders`); empty when it starts with a separator or a variable.
std::string_view resourceKind(std::string_view resource) {
  size_t end = iamdata::findAny(resource, "/:");
  std::string_view kind = resource.substr(0, end);
  if (end == std::string_view::npos || kind.empty() || iamdata::findAny(kind, "*?$") != std::string_view::npos) return {};
  return kind;
}

// A documented resource kind of the service within two edits of the ARN's own kind, when the
// ARN's kind is none of them; empty otherwise (also when some format takes any name).
std::string closestResourceKind(std::string_view resource, const std::vector<FormatFields>& formats) {
  std::string_view kind = resourceKind(resource);
  if (kind.size() < 4) return {};
  std::vector<std::string_view> kinds;
  for (const FormatFields& f : formats) {
    std::string_view part = f.resource;
    if (part.empty() || part[0] == '$' || part[0] == '*') return {};  // `${QueueName}`: any name
    const size_t end = f.kindEnd;
    if (end == std::string_view::npos || end == 0) continue;
    if (iamdata::equalsIgnoreCase(part.substr(0, end), kind)) return {};
    kinds.push_back(part.substr(0, end));
  }
  std::string best;
  size_t bestDistance = 3;
  for (std::string_view k : kinds) {
    size_t d = iamdata::editDistance(kind, k, bestDistance);
    if (d < bestDistance) bestDistance = d, best = std::string(k);
  }
  return best;
}

// The resource part of an ARN against the formats of its service: a part no format takes, a
// region or account where the formats have none, none where they all have one.
std::string formatProblem(const ArnParts& arn, ArnCheck& check) {
  check.againstFormats = true;
  if (opaqueField(arn.service) || wildcardField(arn.service)) return {};
  const Catalog& catalog = Catalog::instance();
  // What the service's formats say, worked out once per ARN service field.
  struct Own {
    std::vector<const ResourceTypeInfo*> types;
    std::vector<FormatFields> fields;  // of each type's format
  };
  thread_local std::unordered_map<std::string, Own, TextHash, std::equal_to<>> cache;
  auto it = cache.find(arn.service);
  if (it == cache.end()) {
    it = cache.try_emplace(std::string(arn.service)).first;
    it->second.types = catalog.resourceTypesOfArnService(arn.service);
    for (const ResourceTypeInfo* t : it->second.types) it->second.fields.push_back(formatFields(t->arnFormat));
  }
  const std::vector<const ResourceTypeInfo*>& own = it->second.types;
  const std::vector<FormatFields>& ownFields = it->second.fields;
  const std::string service = quoted(arn.service);
  if (own.empty()) {
    if (catalog.hasService(arn.service)) return {};  // a service without resource types
    check.code = ArnCheck::UnknownService;
    return "no AWS service has " + service + " as the service of its ARNs" +
           (catalog.suggestServices(arn.service, 1).empty()
                ? std::string()
                : " (did you mean " + quoted(catalog.suggestServices(arn.service, 1).front()) + "?)");
  }
  // The bundled formats lag behind some services (AWS's own managed policies name resource
  // kinds they lack), so only a resource kind one or two letters off a documented one is
  // reported: `tabel/x` next to `table/${TableName}`.
  if (std::string closest = closestResourceKind(arn.resource, ownFields); !closest.empty()) {
    check.code = ArnCheck::ResourcePart;
    return "the resource part " + quoted(arn.resource) + " fits no " + service + " ARN format: " +
           quoted(resourceKind(arn.resource)) + " is not a kind of " + service + " resource (did you mean " +
           quoted(closest) + "?)";
  }
  // Most ARNs agree with every format of their service of the same kind of resource (or of
  // any name: `${QueueName}`); only the others are matched.
  std::string_view kind = resourceKind(arn.resource);
  bool someRegion = false, someRegionless = false, someAccount = false, someAccountless = false;
  for (const FormatFields& f : ownFields) {
    if (!kind.empty() && !f.resource.empty() && f.resource[0] != '$' && f.resource[0] != '*') {
      if (!iamdata::equalsIgnoreCase(f.resource.substr(0, f.kindEnd), kind)) continue;
    }
    (f.region.empty() ? someRegionless : someRegion) = true;
    (f.account.empty() ? someAccountless : someAccount) = true;
  }
  bool regionDoubt = nonEmptyField(arn.region) ? someRegionless : arn.region.empty() && someRegion;
  bool accountDoubt = nonEmptyField(arn.account) ? someAccountless : arn.account.empty() && someAccount;
  if (!regionDoubt && !accountDoubt) return {};
  auto fitsOwn = [&](const std::string& probe) {
    for (const ResourceTypeInfo* t : catalog.matchResourceTypes(probe))
      if (std::find(own.begin(), own.end(), t) != own.end()) return true;
    return false;
  };
  // As written, the ARN fits a format (a wildcard may stand for a whole field): nothing to say.
  if (fitsOwn("arn:aws:" + std::string(arn.service) + ":" + std::string(arn.region) + ":" + std::string(arn.account) +
              ":" + std::string(arn.resource)))
    return {};
  // The formats whose resource part fits, whatever the region and account.
  // (A `*` in place of the region would match across the colons into the resource part.)
  std::vector<const ResourceTypeInfo*> fits;
  for (std::string_view region : {"", "us-east-1"})
    for (std::string_view account : {"", "123456789012"}) {
      std::string probe = "arn:aws:" + std::string(arn.service) + ":" + std::string(region) + ":" +
                          std::string(account) + ":" + std::string(arn.resource);
      for (const ResourceTypeInfo* t : catalog.matchResourceTypes(probe))
        if (std::find(own.begin(), own.end(), t) != own.end() && std::find(fits.begin(), fits.end(), t) == fits.end())
          fits.push_back(t);
    }
  if (fits.empty()) return {};
  auto all = [&](auto test) { return std::all_of(fits.begin(), fits.end(), test); };
  // The format of the one kind that fits, or the shared part of several: `arn:...:${Account}:...`.
  std::string shown = std::string(fits.front()->arnFormat);
  if (fits.size() > 1) shown = shown.substr(0, shown.size() - formatFields(shown).resource.size()) + "...";
  std::string ofKind = fits.size() > 1 ? " ARNs" : " ARNs of this kind";
  if (nonEmptyField(arn.region) && all([](const ResourceTypeInfo* t) { return formatFields(t->arnFormat).region.empty(); })) {
    check.code = ArnCheck::RegionNotAllowed;
    return service + ofKind + " have an empty region (the resource is global): `" + shown + "`";
  }
  if (arn.region.empty() && all([](const ResourceTypeInfo* t) { return !formatFields(t->arnFormat).region.empty(); })) {
    check.code = ArnCheck::MissingRegion;
    return "the region is empty, but " + service + ofKind + " name one: `" + shown + "`";
  }
  if (nonEmptyField(arn.account) && arn.account != "aws" &&
      all([](const ResourceTypeInfo* t) { return formatFields(t->arnFormat).account.empty(); })) {
    check.code = ArnCheck::AccountNotAllowed;
    return service + ofKind + " have an empty account: `" + shown + "`";
  }
  // Resources AWS owns have ARNs without an account: public SSM parameters and documents
  // (`arn:aws:ssm:us-east-1::parameter/aws/service/...`), the views AWS services create. Only an
  // ARN with a region written out is judged.
  if (arn.account.empty() && !arn.region.empty() && !wildcardField(arn.region) && !opaqueField(arn.region) &&
      !awsOwnedWithoutAccount(arn) && all([](const ResourceTypeInfo* t) { return !formatFields(t->arnFormat).account.empty(); })) {
    check.code = ArnCheck::MissingAccount;
    return "the account is empty, but " + service + ofKind + " name one: `" + shown + "`";
  }
  return {};
}

std::string withoutS3Uri(std::string text) {
  if (size_t at = text.find("s3://"); at != std::string::npos) text.erase(at, 5);
  return text;
}

// What is wrong with an ARN, or empty. `suggestion` is set when the fix is certain.
std::string problem(const Resolved& alt, bool principal, std::string& suggestion, ArnCheck& check) {
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
    // `aws:sqs:us-east-1:123456789012:jobs`: five fields of an ARN without its prefix.
    if (std::count(t.begin(), t.end(), ':') >= 4 && t.find(' ') == std::string_view::npos) {
      std::string_view partition = t.substr(0, t.find(':'));
      if (knownPartition(partition)) suggestion = "arn:" + text;
      return "it does not start with the prefix `arn:` (`arn:partition:service:region:account:resource`)";
    }
    return "it is neither `*` nor an ARN (`arn:partition:service:region:account:resource`)";
  }
  if (arn.partition.empty()) return "the partition is empty (`aws`, `aws-cn`, `aws-us-gov`, ...)";
  if (!opaqueField(arn.partition) && !wildcardField(arn.partition) && !knownPartition(arn.partition))
    return "the partition " + quoted(arn.partition) + " is not one of `aws`, `aws-cn`, `aws-us-gov`, `aws-iso*`, `aws-eusc`";
  if (arn.service.empty()) return "the service field is empty";
  if (!opaqueField(arn.service) &&
      arn.service.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-.*?") != std::string_view::npos) {
    std::string lower = iamdata::toLower(arn.service);
    if (lower.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-.*?") == std::string::npos &&
        (Catalog::instance().hasService(lower) || !Catalog::instance().resourceTypesOfArnService(lower).empty())) {
      if (arn.text == alt.text)
        suggestion = text.substr(0, arn.service.data() - arn.text.data()) + lower +
                     text.substr(arn.service.data() - arn.text.data() + arn.service.size());
      return "the service " + quoted(arn.service) + " must be written in lower case (" + quoted(lower) + ")";
    }
    return "the service field " + quoted(arn.service) + " is not a service name (lower-case letters, digits, `-`)";
  }
  if (!arn.region.empty() && !opaqueField(arn.region) && !wildcardField(arn.region) && !regionLike(arn.region))
    return "the region " + quoted(arn.region) + " is not a region name such as `us-east-1`";
  if (!arn.region.empty() && !opaqueField(arn.region) && !wildcardField(arn.region) && !knownRegion(arn.region)) {
    check.code = ArnCheck::UnknownRegion;
    std::string closest = closestKnownRegion(arn.region);
    if (!closest.empty() && arn.text == alt.text)
      suggestion = text.substr(0, arn.region.data() - arn.text.data()) + closest +
                   text.substr(arn.region.data() - arn.text.data() + arn.region.size());
    return "the region " + quoted(arn.region) + " is not an AWS region" +
           (closest.empty() ? std::string() : " (did you mean " + quoted(closest) + "?)");
  }
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
    if (!nonEmptyField(arn.region)) {
      check.code = ArnCheck::AccountNotAllowed;
      return "S3 bucket and object ARNs have no account (`arn:aws:s3:::bucket/key`): a bucket name is global";
    }
    if (!nonEmptyField(arn.account)) {
      check.code = ArnCheck::RegionNotAllowed;
      return "S3 bucket and object ARNs have no region (`arn:aws:s3:::bucket/key`): a bucket name is global";
    }
    return "S3 bucket and object ARNs have an empty region and account (`arn:aws:s3:::bucket/key`)";
  }
  if (arn.service == "iam" && nonEmptyField(arn.region)) {
    check.code = ArnCheck::RegionNotAllowed;
    return "IAM ARNs have an empty region (IAM is global)";
  }
  if (arn.service == "iam" && arn.account.empty() && arn.resource != "*") {
    check.code = ArnCheck::MissingAccount;
    return "IAM ARNs need the account id (`arn:aws:iam::123456789012:role/name`)";
  }
  if (principal) return {};  // `root`, `assumed-role/...` are principals, not resource types
  return formatProblem(arn, check);
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
    ArnCheck check;
    std::string why = problem(*alt, principal, suggestion, check);
    if (why.empty()) continue;
    const Node* node = at(v, element);
    const Parameter* placeholder = placeholderSource(context.analysis(), v, *alt);
    FindingBuilder b = context.report(node, quoted(alt->text) + " is not a valid " +
                                                (principal ? "principal" : "resource") + ": " + why +
                                                branchNote(*alt));
    relateOrigin(b, *alt, node);
    if (!suggestion.empty()) b.suggest(suggestion);
    if (check.code == ArnCheck::UnknownService) {
      // The formats come from AWS's Service Authorization Reference, which now and then lags
      // behind a service: a warning that says so, not a failed build.
      b.level(Level::Warning);
      b.help("the ARN formats are from the bundled IAM data (" + Catalog::instance().dataVersions().iamDataVersion +
             "); a service launched after it is not in it yet");
    } else if (check.againstFormats || check.code == ArnCheck::UnknownRegion) {
      // The ARN has the shape IAM requires, so the policy deploys; but it fits none of its
      // service's formats (or no region AWS has), so the statement never applies to it.
      b.level(Level::Warning);
      b.help("IAM accepts the policy, but no resource has this ARN: the statement's grant or deny never applies to it");
      if (check.code == ArnCheck::UnknownRegion)
        b.help("the known regions are from " + std::string(regionListSource()) +
               "; a region launched after it is not in the list yet");
    }
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
          if (p.guarded == GuardedResource::Function && !v.alts.empty() &&
              v.alts[0].text.find('.') != std::string::npos && v.alts[0].text.rfind("arn:", 0) != 0)
            continue;
          // A wildcard inside a principal (IAM408) and a role or user unique id (IAM409) have rules of their own.
          if (!v.alts.empty() && v.alts[0].text != "*" &&
              (iamdata::findAny(v.alts[0].text, "*?") != std::string::npos ||
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

A service written in upper case (`arn:aws:S3:::bucket`) is named as such. The region must be
one AWS has launched (`us-eest-1` gets a did-you-mean), and each ARN is held against the ARN
formats of its service in the bundled IAM catalog. These are warnings: IAM accepts such a
policy, and the statement just never applies to that ARN (and the bundled data may lag behind a
new service or region):

- a service field that no format has (`arn:aws:s4:::bucket`);
- a resource kind one or two letters off one of the service's (`dynamodb:...:tabel/Orders`);
- a region where the service's formats for that kind of resource have none (Route 53, CloudFront,
  WAF: `arn:aws:route53:us-east-1::hostedzone/Z1`), or none where they all have one
  (`arn:aws:sqs::123456789012:jobs`);
- an account where the formats have none, or none where they all have one
  (`arn:aws:sqs:us-east-1::jobs`).

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
The list of regions comes from cfn-lint's region table (`tools/gen-regions`); a region launched
after it is reported until the list is regenerated. The catalog's ARN formats lag behind some
services, so a resource kind that is far from every documented one (`recovery-point:*` of AWS
Backup, which the reference lacks) is not reported, nor is any resource part of a service that
has a format taking any name (`${QueueName}` of SQS). An empty account is judged only when
the region is written out, and never for resources AWS owns and publishes without one (public
SSM parameters `parameter/aws/...`, AWS SSM documents `document/AWS-*`). A value built from a
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
- https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkArns,
    "ARN_ACCOUNT_NOT_ALLOWED ARN_REGION_NOT_ALLOWED INVALID_ARN_ACCOUNT INVALID_ARN_PREFIX INVALID_ARN_REGION "
    "INVALID_ARN_RESOURCE INVALID_ARN_SERVICE_CASE INVALID_PARTITION INVALID_SERVICE MISSING_ARN_ACCOUNT "
    "MISSING_ARN_FIELD MISSING_ARN_REGION"};

}  // namespace iamlint
