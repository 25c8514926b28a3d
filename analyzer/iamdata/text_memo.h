// A small open-addressing table from texts to answers, for the per-thread memos of the catalog's
// lookups: one probe of a cheap hash instead of a node-based map's hash and bucket walk.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint::iamdata {

// A hash of bytes eight at a time, chained through `seed`; never 0.
inline uint64_t hashText(std::string_view s, uint64_t seed = 0x9E3779B97F4A7C15ull) {
  uint64_t h = seed ^ (s.size() * 0xC2B2AE3D27D4EB4Full);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  // The last bytes: the final eight (overlapping the loop's) when there are eight, else the
  // first and last four, else three of them; the length, mixed in above, tells them apart.
  uint64_t tail = 0;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  if (i < n) {
    if (n >= 8) {
      std::memcpy(&tail, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      tail = (uint64_t{hi} << 32) | lo;
    } else {
      tail = (uint64_t{p[0]} << 16) | (uint64_t{p[n / 2]} << 8) | p[n - 1];
    }
  }
  h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  return h | 1;
}

// Answers by the text asked, in two parts (a service and a name): the parts are hashed and
// compared in place, and stored joined with the place they meet. At `limit` entries the table starts over,
// which bounds its memory whatever the input.
template <typename V>
class TextMemo {
 public:
  explicit TextMemo(size_t limit) : limit_(limit) {}

  // The answer remembered for `a` followed by `b`, or nullptr.
  const V* find(std::string_view a, std::string_view b, uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return nullptr;
      if (s.hash == hash && s.split == a.size() && s.key.size() == a.size() + b.size() &&
          (a.empty() || std::memcmp(s.key.data(), a.data(), a.size()) == 0) &&
          (b.empty() || std::memcmp(s.key.data() + a.size(), b.data(), b.size()) == 0))
        return &s.value;
    }
  }
  void insert(std::string_view a, std::string_view b, uint64_t hash, V value) {
    if (count_ >= limit_) slots_.assign(slots_.size(), Slot()), count_ = 0;
    if ((count_ + 1) * 2 > slots_.size()) grow();
    size_t i = hash & (slots_.size() - 1);
    while (slots_[i].hash != 0) i = (i + 1) & (slots_.size() - 1);
    Slot& s = slots_[i];
    s.hash = hash;
    s.key.assign(a.data() ? a : std::string_view("")).append(b.data() ? b : std::string_view(""));
    s.split = a.size();
    s.value = std::move(value);
    ++count_;
  }
  void clear() {
    slots_.clear();
    count_ = 0;
  }

 private:
  struct Slot {
    uint64_t hash = 0;  // 0: empty
    std::string key;
    size_t split = 0;  // where `a` ends in key
    V value{};
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot());
    for (Slot& s : old) {
      if (s.hash == 0) continue;
      size_t i = s.hash & (slots_.size() - 1);
      while (slots_[i].hash != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = std::move(s);
    }
  }
  std::vector<Slot> slots_;
  size_t count_ = 0;
  size_t limit_;
};

}  // namespace iamlint::iamdata
