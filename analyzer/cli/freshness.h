// How old the bundled IAM data is, for `iamlint version` and the note after a text report.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint {

// Data older than this many days earns a note.
inline constexpr int kStaleDataDays = 90;

// Days since `isoDate` (`YYYY-MM-DD...`), counted from today (UTC), or from IAMLINT_TODAY
// (`YYYY-MM-DD`) when that is set, which makes output reproducible. nullopt for a bad date.
std::optional<int> dataAgeDays(std::string_view isoDate);

// One line per bundled data set older than kStaleDataDays, each starting "note: ".
std::vector<std::string> staleDataNotes();

}  // namespace iamlint
