// Parsing the typed values condition operators compare: numbers, dates, IP addresses and
// CIDR blocks. Each returns nothing on text AWS would not accept, which makes the
// comparison false rather than guessed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace iamlint::evalimpl {

std::optional<long double> parseNumber(std::string_view text);

// W3C ISO 8601 (`2024-01-02`, `2024-01-02T03:04:05Z`, fractions, `+01:00` offsets) or
// epoch seconds; returns seconds since the epoch.
std::optional<long double> parseDate(std::string_view text);

struct IpBlock {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
  int prefix = 0;  // bits
};
// `10.0.0.0/8`, `2001:db8::/32`; a bare address is a /32 or /128.
std::optional<IpBlock> parseCidr(std::string_view text);
bool ipInBlock(const IpBlock& address, const IpBlock& block);

}  // namespace iamlint::evalimpl
