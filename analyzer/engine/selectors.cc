#include "analyzer/engine/selectors.h"

#include <set>

#include "analyzer/iamdata/text_match.h"
#include "iamlint/rule.h"

namespace iamlint {

std::string ruleSelectorError(std::string_view selector) {
  if (selector == "ALL" || findRule(selector)) return {};
  bool looksLikeId = selector.size() >= 3 && selector.substr(0, 3) == "IAM";
  if (looksLikeId)
    for (const Rule* r : allRules())
      if (r->info.id.substr(0, selector.size()) == selector) return {};
  // Candidates: every id, every id prefix as long as the selector, and every name.
  std::set<std::string> candidates;
  for (const Rule* r : allRules()) {
    candidates.emplace(r->info.id);
    candidates.emplace(r->info.name);
    if (selector.size() < r->info.id.size()) candidates.emplace(r->info.id.substr(0, selector.size()));
  }
  std::string best;
  size_t bestDistance = 3, ties = 0;
  size_t limit = selector.size() <= 4 ? 1 : 2;
  for (const std::string& c : candidates) {
    size_t d = iamdata::editDistance(selector, c, limit);
    if (d > limit) continue;
    if (d < bestDistance) bestDistance = d, best = c, ties = 1;
    else if (d == bestDistance) ++ties;
  }
  std::string message = "`";
  message.append(selector).append("` is not a rule id, id prefix or rule name");
  if (ties == 1) message += "; did you mean `" + best + "`?";
  else message += " (`iamlint rules` lists them)";
  return message;
}

}  // namespace iamlint
