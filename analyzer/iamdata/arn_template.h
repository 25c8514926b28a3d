// Matching a policy's Resource ARN (with wildcards) against the catalog's ARN formats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/catalog.h"

namespace iamlint::iamdata {

// A policy's Resource text compiled once for matching against many formats: literal characters,
// `?` (one character) and runs (`*`, or an unresolved `${...}`).
class ArnPattern {
 public:
  explicit ArnPattern(std::string_view text);

 private:
  friend class ArnTemplate;
  enum class Kind : unsigned char { Literal, AnyOne, AnyRun };
  struct Token {
    Kind kind;
    char c;
  };
  std::vector<Token> tokens_;
  // The literal characters that open the resource part (after the fifth colon), up to the first
  // wildcard; `prefixKnown` is false when a wildcard comes before the fifth colon (it may span
  // colons, so the resource part has no fixed start).
  std::string_view resourcePrefix_;
  bool prefixKnown_ = false;
  // The literal colons, and the literal characters after the fifth of them up to the next
  // wildcard: with five literal colons, in the strict reading, they open the resource part
  // whatever wildcards come before (a wildcard may take a colon, but no variable does).
  int literalColons_ = 0;
  std::string_view afterFifthColon_;
};

// A Resource pattern read for ArnTemplate::reach. A partition, region or account field written
// as one literal word (`aws`, `us-east-1`, `111122223333`) or as its pseudo parameter is one
// token of that field's kind; any other `${...}` is Opaque (one value nobody knows).
enum class ReachKind : unsigned char { Literal, AnyOne, AnyRun, Partition, Region, Account, Opaque };
struct ReachToken {
  ReachKind kind;
  char c;
};

// The service field of an ARN pattern; `wild` when it is not a plain literal (then any
// service may fit), `isArn` false when the text does not start with "arn:".
struct ArnServiceField {
  std::string_view service;
  bool wild = false;
  bool isArn = false;
};
ArnServiceField arnServiceField(std::string_view pattern);

// A policy's Resource text read once for both of ArnTemplate's questions, asked of many formats.
// It keeps views into `text`, which must outlive it.
class ResourcePattern {
 public:
  explicit ResourcePattern(std::string_view text);
  size_t size() const { return text_.size(); }
  const ArnPattern& forMatching() const { return matching_; }

 private:
  friend class ArnTemplate;
  std::string_view text_;
  ArnPattern matching_;
  ArnServiceField field_;
  bool star_;
  std::vector<ReachToken> reach_;
};

// An ARN format such as "arn:${Partition}:s3:::${BucketName}/${ObjectName}", compiled
// into literal characters and variables. A variable stands for one or more characters.
class ArnTemplate {
 public:
  // `bitSets` false answers every question by the searches alone, whatever the format's length
  // (the tests compare the two).
  explicit ArnTemplate(std::string_view format, bool bitSets = true);

  // Could some concrete ARN both fit this format and match `pattern`? In the pattern,
  // * and ${...} stand for any text and ? for one character.
  //
  // Two readings of a variable are tried. The strict one keeps each variable inside its
  // path segment (no ':' or '/'), except that the last variable of a format whose
  // resource part already uses '/' may span '/' (object keys, IAM paths, SSM parameter
  // names). That tells "arn:aws:s3:::b" (bucket) from "arn:aws:s3:::b/*" (object).
  // Only when no format of the service fits strictly does the caller fall back to the
  // loose reading, where resource variables may hold '/' and the last one also ':'
  // (log group names such as "/aws/lambda/f", "log-group:/aws/lambda/f:*").
  bool matches(std::string_view pattern, bool loose) const { return matches(ArnPattern(pattern), loose); }
  bool matches(const ArnPattern& pattern, bool loose) const;

  std::string_view serviceField() const { return service_; }

  // How much of this format a policy's Resource pattern covers (see ArnReach). The pattern is
  // the text of `arnText`: `*` and `?` are wildcards, `${AWS::Partition}`, `${AWS::Region}` and
  // `${AWS::AccountId}` are the pseudo parameters, and any other `${...}` (a policy variable, a
  // value only known at deploy time) is one value nobody knows, so it covers nothing.
  ArnReach reach(std::string_view pattern) const { return reach(ResourcePattern(pattern)); }
  ArnReach reach(const ResourcePattern& pattern) const;

 private:
  // Which ARN field a variable fills: they decide how a literal may stand in for it.
  enum class Field : unsigned char { Partition, Region, Account, Other };
  struct Token {
    char literal;  // '\0' for a variable
    bool resourcePart;
    bool last;
    Field field = Field::Other;  // of a variable
  };
  bool covers(const std::vector<ReachToken>& pattern, bool scoped) const;
  bool prefixesAgree(const ArnPattern& pattern, bool loose) const;
  // `matches` by a search over (pattern, format, inside-variable) states, for formats too long
  // for the bit sets.
  bool matchesBySearch(const ArnPattern& pattern, bool loose) const;
  // The format's positions 0..size() as bits of one number, for formats of at most 127 tokens
  // (all but one of the catalog's): the literal positions holding each ASCII character, the
  // variables, and the variables that may take '/' or ':' in each reading.
  __extension__ typedef unsigned __int128 Wide;
  struct Bits {
    unsigned char charSlot[128] = {};  // 1 + index into byChar, 0 for a character no literal holds
    std::vector<Wide> byChar;
    Wide literals = 0, variables = 0;
    Wide slashStrict = 0, slashLoose = 0, colonLoose = 0;
  };
  template <typename Word>
  bool matchesByBits(const ArnPattern& pattern, bool loose) const;
  Bits bits_;
  bool bitParallel_ = false;
  bool mayCover(const std::vector<ReachToken>& pattern) const;
  std::vector<Token> tokens_;
  std::string resourcePrefix_;  // the literal characters that open the resource part
  bool resourceHasSlash_ = false;
  int colons_ = 0;  // the format's colons, all literal
  std::string_view service_;
  uint64_t id_;  // unique to this format in the process: the key of its remembered answers
};

}  // namespace iamlint::iamdata
