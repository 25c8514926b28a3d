#include <re2/re2.h>

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rules/5-conditions/operators.h"
#include "rules/lib/helpers.h"
#include "rules/lib/values.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (tolower(static_cast<unsigned char>(a[i])) != tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool fullMatch(std::string_view v, const RE2& re) { return RE2::FullMatch(re2::StringPiece(v.data(), v.size()), re); }

bool hasWildcard(std::string_view v) { return iamdata::findAny(v, "*?") != std::string_view::npos; }

// ---- IP ranges -------------------------------------------------------------------------

// An address or CIDR block: 16 bytes (IPv4 in the last 4) and the prefix length in bits.
struct Cidr {
  std::array<uint8_t, 16> bytes{};
  int prefix = 0;
  bool v4 = true;
};

std::optional<Cidr> parseV4(std::string_view addr, Cidr c) {
  static const RE2 re("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
  int a, b, d, e;
  if (!RE2::FullMatch(re2::StringPiece(addr.data(), addr.size()), re, &a, &b, &d, &e)) return std::nullopt;
  for (int x : {a, b, d, e})
    if (x > 255) return std::nullopt;
  c.bytes[12] = static_cast<uint8_t>(a), c.bytes[13] = static_cast<uint8_t>(b);
  c.bytes[14] = static_cast<uint8_t>(d), c.bytes[15] = static_cast<uint8_t>(e);
  return c;
}

std::optional<Cidr> parseV6(std::string_view addr, Cidr c) {
  if (addr.find('.') != std::string_view::npos) return std::nullopt;  // embedded IPv4: not judged
  std::vector<uint16_t> head, tail;
  bool gap = false;
  size_t pos = 0;
  if (addr.starts_with("::")) gap = true, pos = 2;
  while (pos < addr.size()) {
    size_t end = addr.find(':', pos);
    std::string_view group = addr.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (group.empty() || group.size() > 4) return std::nullopt;
    uint16_t value = 0;
    for (char ch : group) {
      int digit = isdigit(static_cast<unsigned char>(ch)) ? ch - '0'
                  : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
                  : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10
                                             : -1;
      if (digit < 0) return std::nullopt;
      value = static_cast<uint16_t>(value * 16 + digit);
    }
    (gap ? tail : head).push_back(value);
    if (end == std::string_view::npos) break;
    pos = end + 1;
    if (pos < addr.size() && addr[pos] == ':') {
      if (gap) return std::nullopt;
      gap = true;
      ++pos;
    }
  }
  if (head.size() + tail.size() > 8 || (!gap && head.size() != 8)) return std::nullopt;
  std::vector<uint16_t> groups = head;
  groups.resize(8 - tail.size(), 0);
  groups.insert(groups.end(), tail.begin(), tail.end());
  for (size_t i = 0; i < 8; ++i) {
    c.bytes[2 * i] = static_cast<uint8_t>(groups[i] >> 8);
    c.bytes[2 * i + 1] = static_cast<uint8_t>(groups[i] & 0xff);
  }
  c.v4 = false;
  return c;
}

std::optional<Cidr> parseCidr(std::string_view text) {
  Cidr c;
  std::string_view addr = text;
  int maxPrefix = text.find(':') != std::string_view::npos ? 128 : 32;
  c.prefix = maxPrefix;
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    addr = text.substr(0, slash);
    std::string_view bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3) return std::nullopt;
    int n = 0;
    for (char ch : bits) {
      if (!isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
      n = n * 10 + (ch - '0');
    }
    if (n > maxPrefix) return std::nullopt;
    c.prefix = n;
  }
  return maxPrefix == 32 ? parseV4(addr, c) : parseV6(addr, c);
}

// The bit offset of the first address bit in `bytes` (IPv4 addresses live in the last 4 bytes).
int firstBit(const Cidr& c) { return c.v4 ? 96 : 0; }

bool bitAt(const Cidr& c, int bit) { return (c.bytes[bit / 8] >> (7 - bit % 8)) & 1; }

// Is block `c` inside block `outer` (same family)?
bool within(const Cidr& c, const Cidr& outer) {
  if (c.v4 != outer.v4 || c.prefix < outer.prefix) return false;
  int base = firstBit(c);
  for (int i = 0; i < outer.prefix; ++i)
    if (bitAt(c, base + i) != bitAt(outer, base + i)) return false;
  return true;
}

// Private address space, which `aws:SourceIp` never holds: RFC 1918 and IPv6 unique local
// addresses. https://www.rfc-editor.org/rfc/rfc1918 , https://www.rfc-editor.org/rfc/rfc4193
bool isPrivate(const Cidr& c) {
  static const std::vector<Cidr> ranges = [] {
    std::vector<Cidr> out;
    for (const char* r : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"}) out.push_back(*parseCidr(r));
    return out;
  }();
  for (const Cidr& r : ranges)
    if (within(c, r)) return true;
  return false;
}

// The block with its host bits cleared, as text, when some are set; else empty.
std::string networkIfHostBitsSet(const Cidr& c) {
  int base = firstBit(c), width = c.v4 ? 32 : 128;
  bool set = false;
  Cidr n = c;
  for (int i = c.prefix; i < width; ++i) {
    int bit = base + i;
    if (bitAt(c, bit)) set = true;
    n.bytes[bit / 8] = static_cast<uint8_t>(n.bytes[bit / 8] & ~(1 << (7 - bit % 8)));
  }
  if (!set) return {};
  std::string out;
  if (c.v4) {
    for (int i = 12; i < 16; ++i) out += (i > 12 ? "." : "") + std::to_string(n.bytes[i]);
  } else {
    // RFC 5952 form: lower-case groups without leading zeros, the longest zero run as `::`.
    static const char* hex = "0123456789abcdef";
    unsigned groups[8];
    for (int g = 0; g < 8; ++g) groups[g] = (n.bytes[2 * g] << 8) | n.bytes[2 * g + 1];
    int runStart = -1, runLength = 0;
    for (int g = 0; g < 8;) {
      int e = g;
      while (e < 8 && groups[e] == 0) ++e;
      if (e - g > runLength && e - g > 1) runStart = g, runLength = e - g;
      g = e == g ? g + 1 : e;
    }
    for (int g = 0; g < 8; ++g) {
      if (g == runStart) {
        out += "::";
        g += runLength - 1;
        continue;
      }
      if (!out.empty() && !out.ends_with(":")) out += ":";
      std::string group;
      for (int s = 12; s >= 0; s -= 4)
        if (!group.empty() || ((groups[g] >> s) & 0xf) || s == 0) group += hex[(groups[g] >> s) & 0xf];
      out += group;
    }
  }
  return out + "/" + std::to_string(c.prefix);
}

struct Literal {
  const Value* value;
  const Resolved* alt;
};

// The exact values of an entry, without policy variables (those are judged nowhere here).
std::vector<Literal> literals(const ConditionEntry& c) {
  std::vector<Literal> out;
  for (const Value& v : c.values)
    for (const Resolved* alt : distinctAlternatives(v))
      if (alt->exact() && alt->text.find("${") == std::string::npos) out.push_back({&v, alt});
  return out;
}

void checkIp(RuleContext& context, const ConditionEntry& c, const ConditionOperator& op) {
  bool negated = op.base == "NotIpAddress";
  bool sourceIp = iequals(c.key, "aws:SourceIp");
  std::vector<Literal> privates;
  size_t judged = 0;
  for (const Literal& l : literals(c)) {
    std::optional<Cidr> cidr = parseCidr(l.alt->text);
    if (!cidr) continue;  // IAM503
    ++judged;
    const Node* node = at(*l.value, c.keyNode);
    if (std::string network = networkIfHostBitsSet(*cidr); !network.empty()) {
      FindingBuilder b = context.report(node, quoted(l.alt->text) + " has host bits set: the /" +
                                                  std::to_string(cidr->prefix) + " block it names is " +
                                                  quoted(network) + ", which IAM matches as a whole" +
                                                  branchNote(*l.alt));
      b.level(Level::Note).suggest(network);
      relateOrigin(b, *l.alt, node);
    }
    if (sourceIp && isPrivate(*cidr)) privates.push_back(l);
  }
  if (privates.empty()) return;
  if (privates.size() == judged && judged == c.values.size()) {
    // Every value is private: the condition never (IpAddress) or always (NotIpAddress) holds.
    const Node* node = at(*privates.front().value, c.keyNode);
    std::string list = quoted(privates.front().alt->text) + (privates.size() > 1 ? " and the others" : "");
    context.report(node, quoted(c.op) + " compares " + quoted(c.key) + " with private ranges only (" + list +
                             "), but `aws:SourceIp` never holds a private address (requests through a VPC "
                             "endpoint carry `aws:VpcSourceIp` instead), so the condition " +
                             (negated ? "always holds" : "never holds") +
                             "; compare `aws:VpcSourceIp` for addresses inside a VPC" + branchNote(*privates.front().alt));
    return;
  }
  for (const Literal& l : privates) {
    const Node* node = at(*l.value, c.keyNode);
    context.report(node, quoted(l.alt->text) + " is a private range, which `aws:SourceIp` never holds: under " +
                             quoted(c.op) + " it " + (negated ? "excludes" : "admits") +
                             " nothing; the public ranges next to it do the work" + branchNote(*l.alt))
        .level(Level::Note);
  }
}

// ---- identifiers -------------------------------------------------------------------------

struct IdFormat {
  std::string_view key;     // the condition key, compared without case
  std::string_view prefix;  // "vpc-"
  std::string_view what;    // "a VPC id"
};

// VPC and VPC endpoint ids: the prefix and 8 or 17 hexadecimal digits (alphanumerics
// accepted). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpc
constexpr IdFormat kIdFormats[] = {
    {"aws:SourceVpc", "vpc-", "a VPC id (`vpc-` and 8 or 17 hexadecimal digits, `vpc-1a2b3c4d`)"},
    {"aws:SourceVpce", "vpce-", "a VPC endpoint id (`vpce-` and 8 or 17 hexadecimal digits, `vpce-1a2b3c4d`)"},
};

void checkIds(RuleContext& context, const ConditionEntry& c) {
  static const RE2 body("[0-9A-Za-z]{8}|[0-9A-Za-z]{17}");
  for (const IdFormat& f : kIdFormats) {
    if (!iequals(c.key, f.key)) continue;
    for (const Literal& l : literals(c)) {
      const std::string& v = l.alt->text;
      if (hasWildcard(v)) continue;  // a pattern: judged by what it matches, not here
      if (v.size() > f.prefix.size() && v.starts_with(f.prefix) && fullMatch(std::string_view(v).substr(f.prefix.size()), body))
        continue;
      const Node* node = at(*l.value, c.keyNode);
      std::string hint;
      if (f.prefix == "vpc-" && v.starts_with("vpce-")) hint = "; a `vpce-` id is compared with `aws:SourceVpce`";
      else if (f.prefix == "vpce-" && v.starts_with("vpc-")) hint = "; a `vpc-` id is compared with `aws:SourceVpc`";
      FindingBuilder b = context.report(node, quoted(v) + " is not " + std::string(f.what) + ", the only value " +
                                                  quoted(c.key) + " holds, so it never matches" + hint + branchNote(*l.alt));
      relateOrigin(b, *l.alt, node);
    }
  }
}

// KMS key values: S3 compares the KMS key of a request by its key ARN; KMS alias keys hold
// alias names. https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html ,
// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-request-alias
void checkKms(RuleContext& context, const ConditionEntry& c) {
  bool s3Key = iequals(c.key, "s3:x-amz-server-side-encryption-aws-kms-key-id");
  bool aliasKey = iequals(c.key, "kms:RequestAlias") || iequals(c.key, "kms:ResourceAliases");
  if (!s3Key && !aliasKey) return;
  static const RE2 keyArn("arn:[^:]+:kms:[^:]*:[^:]*:key/.+");
  for (const Literal& l : literals(c)) {
    const std::string& v = l.alt->text;
    if (v == "*" || v.starts_with("*")) continue;
    const Node* node = at(*l.value, c.keyNode);
    std::string message;
    if (s3Key && !fullMatch(v, keyArn)) {
      message = quoted(v) + (v.starts_with("alias/") || v.find(":alias/") != std::string::npos
                                 ? " is a KMS alias"
                                 : v.starts_with("arn:") ? " is not a KMS key ARN" : " is a KMS key id, not a key ARN") +
                ", but S3 sets " + quoted(c.key) +
                " to the key ARN (`arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`), "
                "so the value never matches";
    } else if (aliasKey && !v.starts_with("alias/")) {
      message = quoted(v) + " is not an alias name: " + quoted(c.key) +
                " holds names like `alias/ExampleAlias`, so the value never matches";
    }
    if (message.empty()) continue;
    FindingBuilder b = context.report(node, message + branchNote(*l.alt));
    relateOrigin(b, *l.alt, node);
  }
}

void checkValueFormats(RuleContext& context) {
  std::set<const Node*> seenKeys;  // statement variants share key nodes: each is judged once
  forEachStatement(context.analysis(), [&](const Policy&, const Statement& st) {
    for (const ConditionEntry& c : st.conditions) {
      ConditionOperator op;
      if (c.key.empty() || !parseConditionOperator(c.op, op)) continue;
      if (c.keyNode && !seenKeys.insert(c.keyNode).second) continue;
      if (op.family == OperatorFamily::IpAddress) checkIp(context, c, op);
      if (op.family == OperatorFamily::String) {
        checkIds(context, c);
        checkKms(context, c);
      }
    }
  });
}

}  // namespace

extern const Rule kConditionValueFormat{
    {"IAM504", "condition-value-format", Level::Warning,
     "A condition value cannot be what its key holds: a private source IP, a malformed VPC or KMS value",
     R"md(## What it does
Checks condition values against what their key can hold:

- `aws:SourceIp` under `IpAddress`/`NotIpAddress` with private ranges (RFC 1918
  `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`, IPv6 `fc00::/7`): with only private
  ranges the condition never holds (`IpAddress`) or always holds (`NotIpAddress`); a private
  range among public ones is reported as a note;
- an IP block with host bits set (`203.0.113.5/24`), as a note suggesting the block it names
  (`203.0.113.0/24`);
- `aws:SourceVpc` values that are not a VPC id (`vpc-` and 8 or 17 hexadecimal digits) and
  `aws:SourceVpce` values that are not a VPC endpoint id (`vpce-`...);
- `s3:x-amz-server-side-encryption-aws-kms-key-id` values that are not a KMS key ARN (a key
  id or an alias), and `kms:RequestAlias`/`kms:ResourceAliases` values that are not alias
  names (`alias/...`).

Access Analyzer reports these as `PRIVATE_IP_ADDRESS`, `PRIVATE_NOT_IP_ADDRESS`,
`PRIVATE_IP_ADDRESS_SUBSET`, `PRIVATE_NOT_IP_ADDRESS_SUBSET`, `IMPROVE_IP_RANGE`,
`INVALID_VPC_FORMAT`, `INVALID_VPCE_FORMAT` and `INVALID_KMS_KEY_VALUE`.

## Why is this bad?
IAM accepts these values, but the request never carries them: `aws:SourceIp` is the public
address a request comes from (a request through a VPC endpoint has `aws:VpcSourceIp`
instead), S3 names the KMS key of a request by its ARN, VPC ids have one shape. A condition
that can never match makes an Allow grant nothing and a Deny protect nothing (or, negated,
deny or allow everything), with no error at deploy time.

## Example
```yaml
Condition:
  IpAddress:
    aws:SourceIp: 10.0.0.0/8
  StringEquals:
    s3:x-amz-server-side-encryption-aws-kms-key-id: 1234abcd-12ab-34cd-56ef-1234567890ab
```

## Use instead
```yaml
Condition:
  IpAddress:
    aws:VpcSourceIp: 10.0.0.0/8
  StringEquals:
    s3:x-amz-server-side-encryption-aws-kms-key-id: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
```

## Known limitations
Values with wildcards, policy variables or parts only known at deploy time are not judged.
IPv6 addresses with an embedded IPv4 part are not judged.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpc
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html
- https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
)md",
     "correctness"},
    checkValueFormats,
    "IMPROVE_IP_RANGE INVALID_KMS_KEY_VALUE INVALID_VPCE_FORMAT INVALID_VPC_FORMAT PRIVATE_IP_ADDRESS "
    "PRIVATE_IP_ADDRESS_SUBSET PRIVATE_NOT_IP_ADDRESS PRIVATE_NOT_IP_ADDRESS_SUBSET"};

}  // namespace iamlint
