// iamlint_gen_tables ESCALATION PRINCIPALS SENSITIVE OUT: the build step that turns three of the
// hand-written fact tables (data/*.tsv, docs/data-tables.md) into constant C++ arrays, read in
// place by tables.cc. The rows are split, lower-cased and sorted here exactly as tables.cc did
// at run time before, with the same reader (table_text.cc).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "analyzer/iamdata/build_step.h"
#include "analyzer/iamdata/text_match.h"
#include "analyzer/security/tables.h"

using namespace iamlint::security;

namespace {

// A C++ string literal of the bytes; octal escapes are always three digits, so no digit that
// follows is taken into one.
std::string literal(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: iamlint_gen_tables ESCALATION PRINCIPALS SENSITIVE OUT\n";
    return 2;
  }
  try {
    std::ostringstream out;
    out << "// GENERATED at build time by iamlint_gen_tables from data/escalation-methods.tsv,\n"
           "// data/service-principals.tsv and data/sensitive-actions.tsv -- do not edit.\n\n";

    auto escalation = parseTable(iamlint::iamdata::readWholeFile(argv[1]), {"id", "name", "required_actions", "resource_note", "source"});
    auto principals = parseTable(iamlint::iamdata::readWholeFile(argv[2]), {"principal", "regional"});
    auto sensitive = parseTable(iamlint::iamdata::readWholeFile(argv[3]), {"action", "category", "why"});
    if (escalation.empty() || principals.empty() || sensitive.empty())
      throw std::runtime_error("a fact table has no rows");

    // Every action the methods name, sorted and without repeats: an action's number is its
    // place; then the numbers by lower-case name (names are matched ignoring case).
    std::vector<std::string> all;
    for (const auto& r : escalation)
      for (const std::string& a : splitFields(r[2], ',')) all.push_back(a);
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    if (all.size() > 65535) throw std::runtime_error("too many escalation actions for 16-bit numbers");
    for (const std::string& a : all)  // the rule narrows patterns to one service's run of them
      if (a.find(':') == std::string::npos || lower(a.substr(0, a.find(':'))) != a.substr(0, a.find(':')))
        throw std::runtime_error("an escalation action's service must be lower case: " + a);
    auto numberOf = [&](const std::string& a) {
      return static_cast<size_t>(std::lower_bound(all.begin(), all.end(), a) - all.begin());
    };
    out << "inline constexpr std::string_view kMethodActions[] = {\n";
    for (const std::string& a : all) out << "    " << literal(a) << ",\n";
    out << "};\n";
    // The numbers by a hash of the name ignoring case (names are matched so): 1 + the number, 0
    // for none, probed in turn; the same hash is asked at run time.
    size_t slots = 64;
    while (slots < all.size() * 3) slots *= 2;
    std::vector<size_t> table(slots, 0);
    for (size_t i = 0; i < all.size(); ++i) {
      for (size_t k = 0; k < all.size(); ++k)
        if (k != i && iamlint::iamdata::equalsIgnoreCase(all[k], all[i]))
          throw std::runtime_error("two escalation actions differ only in case: " + all[i]);
      size_t at = iamlint::iamdata::IgnoreCaseHash()(all[i]) & (slots - 1);
      while (table[at] != 0) at = (at + 1) & (slots - 1);
      table[at] = i + 1;
    }
    out << "inline constexpr uint16_t kMethodActionSlots[" << slots << "] = {";
    for (size_t i = 0; i < slots; ++i) out << (i % 16 == 0 ? "\n    " : " ") << table[i] << ",";
    out << "\n};\n";

    std::string actions, numbers, methods;
    size_t actionCount = 0;
    for (const auto& r : escalation) {
      const std::vector<std::string> list = splitFields(r[2], ',');
      const std::string at = std::to_string(actionCount), n = std::to_string(list.size());
      methods += "    {" + literal(r[0]) + ", " + literal(r[1]) + ", {kEscalationActions + " + at + ", " + n + "}, " +
                 literal(r[3]) + ", " + literal(r[4]) + ", {kEscalationActionNumbers + " + at + ", " + n + "}},\n";
      for (const std::string& a : list) {
        actions += "    " + literal(a) + ",\n";
        numbers += "    " + std::to_string(numberOf(a)) + ",\n";
      }
      actionCount += list.size();
    }
    out << "inline constexpr std::string_view kEscalationActions[] = {\n" << actions << "};\n";
    out << "inline constexpr uint16_t kEscalationActionNumbers[] = {\n" << numbers << "};\n";
    out << "inline constexpr EscalationMethod kEscalationMethods[] = {\n" << methods << "};\n\n";

    std::vector<std::pair<std::string, bool>> rows;
    for (const auto& r : principals) rows.push_back({lower(r[0]), r[1] == "yes"});
    std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.first < b.first; });
    out << "// Lower case, sorted.\ninline constexpr PrincipalRow kServicePrincipals[] = {\n";
    for (const auto& [p, regional] : rows) out << "    {" << literal(p) << ", " << (regional ? "true" : "false") << "},\n";
    out << "};\n\n";

    out << "inline constexpr SensitiveAction kSensitiveActions[] = {\n";
    std::vector<std::pair<std::string, size_t>> byName;
    for (const auto& r : sensitive) {
      const char* category = r[1] == "credential-exposure" ? "SensitiveCategory::CredentialExposure"
                             : r[1] == "resource-exposure" ? "SensitiveCategory::ResourceExposure"
                                                           : "SensitiveCategory::DataExfiltration";
      out << "    {" << literal(r[0]) << ", " << category << ", " << literal(r[2]) << "},\n";
      byName.push_back({lower(r[0]), byName.size()});
    }
    out << "};\n";
    // By lower-case name, then row: the first row of a name is the one a lookup finds, as the
    // scan in file order found it before.
    std::sort(byName.begin(), byName.end());
    out << "inline constexpr SensitiveKey kSensitiveByName[] = {\n";
    for (const auto& [name, row] : byName) out << "    {" << literal(name) << ", " << row << "},\n";
    out << "};\n";

    iamlint::iamdata::writeFileAtomically(argv[4], out.str());
  } catch (const std::exception& e) {
    std::cerr << "iamlint_gen_tables: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
