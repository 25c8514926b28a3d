#include "analyzer/cli/freshness.h"

#include <chrono>
#include <cstdlib>

#include "analyzer/iamdata/data_dir.h"
#include "iamlint/catalog.h"

namespace iamlint {
namespace {

std::optional<std::chrono::sys_days> parseDay(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

}  // namespace

std::optional<int> dataAgeDays(std::string_view isoDate) {
  std::optional<std::chrono::sys_days> then = parseDay(isoDate);
  if (!then) return std::nullopt;
  std::chrono::sys_days today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  if (const char* fixed = std::getenv("IAMLINT_TODAY"); fixed && *fixed)
    if (std::optional<std::chrono::sys_days> d = parseDay(fixed)) today = *d;
  return static_cast<int>((today - *then).count());
}

std::vector<std::string> staleDataNotes() {
  DataVersions v = Catalog::instance().dataVersions();
  std::vector<std::string> notes;
  // The date is that of the data in use: a data directory's when one is given.
  const std::string& dir = iamdata::dataDirectoryInUse();
  auto check = [&](const std::string& what, const std::string& date, const std::string& consequence) {
    std::optional<int> age = dataAgeDays(date);
    if (age && *age > kStaleDataDays)
      notes.push_back("note: the " + (dir.empty() ? "bundled " + what : what + " in " + dir) + " is " +
                      std::to_string(*age) + " days old (" + date.substr(0, 10) + "): " + consequence +
                      (dir.empty() ? " (`iamlint version` shows the sources; `iamlint data update --data-dir DIR` fetches newer data, docs/iam-data.md)"
                                   : " (`iamlint data update --data-dir " + dir + "` refreshes it)"));
  };
  check("IAM catalog", v.iamDataDate,
        "actions, resource types and condition keys AWS added since may be reported as unknown");
  check("set of AWS managed policies", v.managedPoliciesDate,
        "managed policies AWS added or changed since are unknown to iamlint");
  return notes;
}

}  // namespace iamlint
