#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "analyzer/iamdata/arn_template.h"
#include "iamlint/catalog.h"

using iamlint::Catalog;
using iamlint::iamdata::ArnPattern;
using iamlint::iamdata::ArnTemplate;
using iamlint::iamdata::ResourcePattern;

namespace {

// A Resource pattern made from `format`: each variable becomes a word (which may hold '/' or
// ':'), a wildcard or a policy variable, and some literal characters are dropped, changed or
// replaced by wildcards, so that both matching and failing patterns come out.
std::string patternFrom(std::string_view format, std::mt19937& rng) {
  static const char* const words[] = {"a", "my-bucket", "x/y", "a:b", "/aws/lambda/f", "i-0abc", "123456789012",
                                      "us-east-1", "aws", "", "job/1", "é"};
  static const char* const wild[] = {"*", "?", "*/*", "${aws:username}", "a*", "*b", "?*", ":*", "/*"};
  std::string out;
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        out += pick(2) ? words[pick(std::size(words))] : wild[pick(std::size(wild))];
        i = close;
        continue;
      }
    }
    switch (pick(40)) {
      case 0: break;                                   // dropped
      case 1: out += static_cast<char>('a' + pick(26)); break;  // changed
      case 2: out += '*'; break;
      case 3: out += '?'; break;
      default: out += format[i];
    }
  }
  if (pick(8) == 0) out.resize(pick(out.size() + 1));
  if (pick(8) == 0) out += wild[pick(std::size(wild))];
  return out;
}

// `format` with its variables as wildcards, the partition as `aws` or its pseudo parameter, and
// with `scoped` the region and account as values or pseudo parameters too: patterns that reach
// every resource of the format, or every one of an account.
std::string starred(std::string_view format, std::mt19937& rng, bool scoped) {
  std::string out;
  int colons = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == ':') ++colons;
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        const bool coin = rng() % 2;
        if (colons == 1) out += coin ? "aws" : "${AWS::Partition}";
        else if (scoped && colons == 3) out += coin ? "us-east-1" : "${AWS::Region}";
        else if (scoped && colons == 4) out += coin ? "123456789012" : "${AWS::AccountId}";
        else out += "*";
        i = close;
        continue;
      }
    }
    out += format[i];
  }
  return out;
}

}  // namespace

TEST_CASE("ARN matching and reach by bit sets agree with the searches, on every format of the catalog") {
  std::vector<std::string_view> formats;
  for (std::string_view prefix : Catalog::instance().servicePrefixes())
    for (const auto& rt : Catalog::instance().resourceTypes(prefix)) formats.push_back(rt.arnFormat);
  REQUIRE(formats.size() > 2000);
  std::mt19937 rng(11);
  size_t matched = 0, compared = 0, reached = 0;
  for (std::string_view format : formats) {
    const ArnTemplate t(format), searched(format, false);
    // The format's own text, the same with every variable a `*`, and random variants; each
    // against this format and against a neighbour's.
    std::vector<std::string> patterns{std::string(format), starred(format, rng, false), starred(format, rng, true)};
    for (int k = 0; k < 12; ++k) patterns.push_back(patternFrom(format, rng));
    for (int k = 0; k < 3; ++k) patterns.push_back(patternFrom(starred(format, rng, true), rng));
    const std::string_view otherFormat = formats[std::uniform_int_distribution<size_t>(0, formats.size() - 1)(rng)];
    const ArnTemplate other(otherFormat), otherSearched(otherFormat, false);
    for (const std::string& text : patterns) {
      const ArnPattern p(text);
      const ResourcePattern r(text);
      for (auto [fast, slow] : {std::pair{&t, &searched}, std::pair{&other, &otherSearched}}) {
        for (bool loose : {false, true}) {
          const bool a = fast->matches(p, loose), b = slow->matches(p, loose);
          if (a != b) FAIL_CHECK(format << " / " << text << " loose=" << loose << ": " << a << " vs " << b);
          matched += a;
          ++compared;
        }
        const iamlint::ArnReach a = fast->reach(r), b = slow->reach(r);
        if (a != b) FAIL_CHECK(format << " / " << text << " reach: " << int(a) << " vs " << int(b));
        reached += a != iamlint::ArnReach::Partial;
      }
    }
  }
  // Both outcomes are well represented, so the agreement is not that of two constant answers.
  CHECK(matched > compared / 10);
  CHECK(matched < compared * 9 / 10);
  CHECK(reached > 1000);
}

TEST_CASE("ARN matching: stars, single characters and the strict reading of '/' and ':'") {
  const ArnTemplate object("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
  const ArnTemplate bucket("arn:${Partition}:s3:::${BucketName}");
  const ArnTemplate logGroup("arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}");
  CHECK(object.matches("arn:aws:s3:::b/k/deeper", false));
  CHECK_FALSE(bucket.matches("arn:aws:s3:::b/k", false));
  CHECK(bucket.matches("arn:aws:s3:::b/k", true));
  CHECK(bucket.matches("arn:aws:s3:::b?", false));
  CHECK_FALSE(bucket.matches("arn:aws:s3:::", false));
  CHECK(object.matches("arn:*", false));
  CHECK(object.matches("arn:aws:s3:::*", false));
  CHECK_FALSE(logGroup.matches("arn:aws:logs:us-east-1:1:log-group:/aws/f:*", false));
  CHECK(logGroup.matches("arn:aws:logs:us-east-1:1:log-group:/aws/f:*", true));
  CHECK_FALSE(logGroup.matches("arn:aws:logs:us-east-1:1:log-stream:x", false));
}
