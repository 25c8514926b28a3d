#include "analyzer/eval/scalar.h"

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

namespace iamlint::evalimpl {

std::optional<long double> parseNumber(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::string s(text);
  char* end = nullptr;
  long double v = std::strtold(s.c_str(), &end);
  if (end != s.c_str() + s.size() || std::isnan(v) || std::isinf(v)) return std::nullopt;
  // strtold also reads hex and `inf`; IAM numbers are decimal.
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return std::nullopt;
  }
  return v;
}

static bool digits(std::string_view s, size_t at, size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
static long long daysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::optional<long double> parseDate(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool allDigits = true;
  for (char c : s) allDigits = allDigits && c >= '0' && c <= '9';
  if (allDigits) return parseNumber(s);
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  size_t at = 10;
  long double frac = 0;
  long long offset = 0;
  if (at < s.size()) {
    if (s[at] != 'T' && s[at] != 't') return std::nullopt;
    if (!digits(s, at + 1, 2, h) || at + 3 >= s.size() || s[at + 3] != ':' || !digits(s, at + 4, 2, mi))
      return std::nullopt;
    at += 6;
    if (at < s.size() && s[at] == ':') {
      if (!digits(s, at + 1, 2, sec)) return std::nullopt;
      at += 3;
      if (at < s.size() && s[at] == '.') {
        long double scale = 0.1L;
        ++at;
        while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
          frac += (s[at] - '0') * scale;
          scale /= 10;
          ++at;
        }
      }
    }
    if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
      ++at;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
      int oh, om = 0;
      if (!digits(s, at + 1, 2, oh)) return std::nullopt;
      size_t next = at + 3;
      if (next < s.size() && s[next] == ':') ++next;
      if (next < s.size() && !digits(s, next, 2, om)) return std::nullopt;
      if (next < s.size()) next += 2;
      offset = (s[at] == '+' ? 1 : -1) * (oh * 3600LL + om * 60LL);
      at = next;
    }
    if (at != s.size() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  }
  long long days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return static_cast<long double>(days * 86400LL + h * 3600LL + mi * 60LL + sec - offset) + frac;
}

static bool parseV4(std::string_view s, uint8_t* out) {
  int part = 0;
  size_t i = 0;
  while (part < 4) {
    int v = 0, n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && n < 4) v = v * 10 + (s[i++] - '0'), ++n;
    if (n == 0 || n > 3 || v > 255) return false;
    out[part++] = static_cast<uint8_t>(v);
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

static bool parseV6(std::string_view s, uint8_t* out) {
  std::vector<uint16_t> head, tail;
  bool gap = false;
  size_t i = 0;
  if (s.substr(0, 2) == "::") gap = true, i = 2;
  while (i < s.size()) {
    size_t end = s.find(':', i);
    std::string_view group = s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    if (group.find('.') != std::string_view::npos) {  // embedded IPv4 tail
      uint8_t v4[4];
      if (!parseV4(group, v4)) return false;
      auto& dst = gap ? tail : head;
      dst.push_back(static_cast<uint16_t>(v4[0] << 8 | v4[1]));
      dst.push_back(static_cast<uint16_t>(v4[2] << 8 | v4[3]));
      i = s.size();
      break;
    }
    if (group.empty() || group.size() > 4) return false;
    uint16_t v = 0;
    for (char c : group) {
      int x = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (x < 0) return false;
      v = static_cast<uint16_t>(v * 16 + x);
    }
    (gap ? tail : head).push_back(v);
    if (end == std::string_view::npos) { i = s.size(); break; }
    i = end + 1;
    if (i < s.size() && s[i] == ':') {
      if (gap) return false;
      gap = true;
      ++i;
    } else if (i == s.size()) {
      return false;  // trailing single colon
    }
  }
  size_t total = head.size() + tail.size();
  if ((gap && total > 7) || (!gap && total != 8)) return false;
  std::vector<uint16_t> all = head;
  all.resize(8 - tail.size(), 0);
  all.insert(all.end(), tail.begin(), tail.end());
  for (int g = 0; g < 8; ++g) out[2 * g] = static_cast<uint8_t>(all[g] >> 8), out[2 * g + 1] = static_cast<uint8_t>(all[g]);
  return true;
}

std::optional<IpBlock> parseCidr(std::string_view text) {
  IpBlock b;
  size_t slash = text.find('/');
  std::string_view addr = text.substr(0, slash);
  if (addr.find(':') != std::string_view::npos) {
    b.v6 = true;
    if (!parseV6(addr, b.bytes.data())) return std::nullopt;
  } else if (!parseV4(addr, b.bytes.data())) {
    return std::nullopt;
  }
  int max = b.v6 ? 128 : 32;
  b.prefix = max;
  if (slash != std::string_view::npos) {
    std::string_view p = text.substr(slash + 1);
    if (p.empty() || p.size() > 3) return std::nullopt;
    int v = 0;
    for (char c : p) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    if (v > max) return std::nullopt;
    b.prefix = v;
  }
  return b;
}

bool ipInBlock(const IpBlock& a, const IpBlock& block) {
  if (a.v6 != block.v6) return false;
  for (int bit = 0; bit < block.prefix; ++bit) {
    int byte = bit / 8, shift = 7 - bit % 8;
    if (((a.bytes[byte] >> shift) & 1) != ((block.bytes[byte] >> shift) & 1)) return false;
  }
  return true;
}

}  // namespace iamlint::evalimpl
