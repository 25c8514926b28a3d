// Reading the resolved alternatives of a policy value, for the rules that check values
// against the IAM catalog (categories 2, 3, 5 and 8). Holes are opaque: a rule never
// judges text it does not know.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "iamlint/rule.h"

namespace iamlint {

// A short list of alternatives, held in place up to four (most values have one).
class AltList {
 public:
  const Resolved* const* begin() const { return heap_.empty() ? inline_ : heap_.data(); }
  const Resolved* const* end() const { return begin() + size_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void push_back(const Resolved* r) {
    if (heap_.empty() && size_ < kInline) {
      inline_[size_++] = r;
      return;
    }
    if (heap_.empty()) heap_.assign(inline_, inline_ + size_);
    heap_.push_back(r);
    ++size_;
  }

 private:
  static constexpr size_t kInline = 4;
  const Resolved* inline_[kInline] = {};
  std::vector<const Resolved*> heap_;
  size_t size_ = 0;
};

// The alternatives of a value with distinct text, in order.
AltList distinctAlternatives(const Value& value);

// The text with every hole replaced by `fill` (e.g. "${?}" so that the catalog's ARN
// matcher reads it as any text).
std::string fillHoles(const Resolved& alt, std::string_view fill);

// A `{{resolve:...}}` left in the text (the resolver sees it only in plain strings; inside
// `Fn::Sub` it stays text) is a hole too: replaced by `fill`.
std::string maskDynamicReferences(std::string text, std::string_view fill);

// Does [begin, end) of the text overlap a hole?
bool touchesHole(const Resolved& alt, size_t begin, size_t end);

// " (when condition `IsProd` holds)" for an alternative that comes from a `Fn::If` branch.
std::string branchNote(const Resolved& alt);

// Adds "the value comes from here" when the text came from elsewhere (a parameter default).
void relateOrigin(FindingBuilder& finding, const Resolved& alt, const Node* useSite);

}  // namespace iamlint
