// Action lookup, IAM action-pattern expansion and "did you mean" for actions.
#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>

#include "analyzer/iamdata/catalog_impl.h"
#include "analyzer/iamdata/text_match.h"
#include "analyzer/iamdata/text_memo.h"

namespace iamlint {

using namespace iamdata;

namespace {

// Heterogeneous lookup: a memo keyed by std::string, asked with a string_view.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

// The action `name` of `service` by bisecting the service's actions, sorted ignoring case.
const ActionInfo* lookupAction(const Catalog::Impl& impl, std::string_view service, std::string_view name) {
  const LoadedService* s = impl.load(service);
  if (!s) return nullptr;
  const auto& actions = s->info.actions;
  auto it = std::lower_bound(actions.begin(), actions.end(), name,
                             [](const ActionInfo& a, std::string_view n) { return lessIgnoreCase(a.name, n); });
  if (it == actions.end() || !equalsIgnoreCase(it->name, name)) return nullptr;
  return &*it;
}

}  // namespace

const ActionInfo* Catalog::findAction(std::string_view service, std::string_view name) const {
  // The rules ask for the same few hundred names again and again, across statements and files:
  // each thread remembers its answers (misses too) by the text asked, within a bound.
  thread_local const Impl* owner = nullptr;
  thread_local TextMemo<const ActionInfo*> memo(1u << 16);
  if (owner != impl_.get()) memo.clear(), owner = impl_.get();
  const uint64_t hash = hashText(name, hashText(service));
  if (const ActionInfo* const* known = memo.find(service, name, hash)) return *known;
  const ActionInfo* found = lookupAction(*impl_, service, name);
  memo.insert(service, name, hash, found);
  return found;
}

const ActionInfo* Catalog::findAction(std::string_view serviceColonName) const {
  size_t colon = serviceColonName.find(':');
  if (colon == std::string_view::npos) return nullptr;
  return findAction(serviceColonName.substr(0, colon), serviceColonName.substr(colon + 1));
}

std::vector<const ActionInfo*> Catalog::expandPattern(std::string_view pattern) const {
  // Several rules expand each pattern of a policy, and a corpus repeats its patterns (`s3:Get*`,
  // `ec2:Describe*`): each thread remembers the expansions it made, within bounds on entries
  // and on the lengths of those kept (the longest are a cheap run of one service anyway).
  constexpr size_t kMaxKept = 512;
  thread_local const Impl* owner = nullptr;
  thread_local TextMemo<std::vector<const ActionInfo*>> memo(2048);  // at most 8 MB a thread
  if (owner != impl_.get()) memo.clear(), owner = impl_.get();
  const uint64_t hash = hashText(pattern);
  if (const std::vector<const ActionInfo*>* known = memo.find(pattern, {}, hash)) return *known;
  std::vector<const ActionInfo*> out = expandUncached(pattern);
  if (out.size() <= kMaxKept) memo.insert(pattern, {}, hash, out);
  return out;
}

std::vector<const ActionInfo*> Catalog::expandUncached(std::string_view pattern) const {
  std::vector<const ActionInfo*> out;
  std::string_view servicePart, actionPart;
  size_t colon = pattern.find(':');
  if (colon == std::string_view::npos) {
    // IAM accepts a bare "*" for every action; any other colon-less text is malformed.
    if (pattern.empty() || pattern.find_first_not_of('*') != std::string_view::npos) return out;
    servicePart = actionPart = "*";
  } else {
    servicePart = pattern.substr(0, colon);
    actionPart = pattern.substr(colon + 1);
    if (actionPart.find(':') != std::string_view::npos) return out;
  }
  auto addService = [&](size_t index) {
    const auto& actions = impl_->load(index)->info.actions;
    if (!hasWildcard(actionPart)) {
      if (const ActionInfo* a = findAction(impl_->prefixes[index], actionPart)) out.push_back(a);
      return;
    }
    const bool all = actionPart.find_first_not_of('*') == std::string_view::npos;
    // The actions are sorted ignoring case, so those a literal prefix (`Describe` of
    // `Describe*`) can match are one run of them, found by bisection.
    const std::string_view prefix = actionPart.substr(0, findAny(actionPart, "*?"));
    // `Describe*`: every action of the run matches.
    const bool tailStar = actionPart.find_first_not_of('*', prefix.size()) == std::string_view::npos;
    auto from = actions.begin();
    if (!prefix.empty())
      from = std::lower_bound(actions.begin(), actions.end(), prefix,
                              [](const ActionInfo& a, std::string_view p) { return lessIgnoreCase(a.name, p); });
    for (auto it = from; it != actions.end(); ++it) {
      const ActionInfo& a = *it;
      if (!prefix.empty() && !(a.name.size() >= prefix.size() && equalsIgnoreCase(a.name.substr(0, prefix.size()), prefix)))
        break;
      if (all || tailStar || wildcardMatch(actionPart, a.name)) out.push_back(&a);
    }
  };
  if (!hasWildcard(servicePart)) {
    size_t index = impl_->slotOf(servicePart);
    if (index != Impl::npos) addService(index);
    return out;
  }
  for (size_t i = 0; i < impl_->prefixes.size(); ++i)
    if (wildcardMatch(servicePart, impl_->prefixes[i])) addService(i);
  return out;
}

namespace {

// Allow roughly one typo per four characters, at least two.
size_t typoBudget(std::string_view s) { return std::max<size_t>(2, s.size() / 4); }

struct Ranked {
  size_t distance;
  std::string text;
  bool operator<(const Ranked& o) const {
    return distance != o.distance ? distance < o.distance : text < o.text;
  }
};

std::vector<std::string> best(std::vector<Ranked> ranked, size_t max) {
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (auto& r : ranked) {
    if (out.size() >= max) break;
    if (std::find(out.begin(), out.end(), r.text) == out.end()) out.push_back(std::move(r.text));
  }
  return out;
}

// Catalog actions within the typo budget of `unknown` (its colon at `colon`), best first.
std::vector<std::string> rankActions(const Catalog::Impl& impl, std::string_view unknown, size_t colon, size_t max) {
  std::string_view servicePart = unknown.substr(0, colon), namePart = unknown.substr(colon + 1);
  const size_t limit = typoBudget(unknown);
  const size_t prefixLimit = std::min(limit, std::max<size_t>(1, servicePart.size() / 3));
  std::vector<Ranked> ranked;
  // Scoring the whole "service:Name" string lets one fix cover a typo in either part
  // ("ecs:DescribeVolumes" is one letter from "ec2:DescribeVolumes"). Services whose
  // prefix alone is already too far away cannot produce a candidate and are skipped,
  // so only a handful of services are ever parsed; a service prefix gets a smaller
  // budget than the whole name because short prefixes are all near one another.
  for (size_t i = 0; i < impl.prefixes.size(); ++i) {
    std::string_view prefix = impl.prefixes[i];
    size_t prefixDistance = editDistance(servicePart, prefix, prefixLimit);
    if (prefixDistance > prefixLimit) continue;
    for (const ActionInfo& a : impl.load(i)->info.actions) {
      size_t d = prefixDistance + editDistance(namePart, a.name, limit - prefixDistance);
      if (d <= limit) ranked.push_back({d, a.fullName()});
    }
  }
  return best(std::move(ranked), max);
}

}  // namespace

std::vector<std::string> Catalog::suggestServices(std::string_view unknown, size_t max) const {
  std::vector<Ranked> ranked;
  const size_t limit = std::max<size_t>(1, unknown.size() / 3);
  for (std::string_view p : impl_->prefixes) {
    size_t d = editDistance(unknown, p, limit);
    if (d <= limit) ranked.push_back({d, std::string(p)});
  }
  return best(std::move(ranked), max);
}

std::vector<std::string> Catalog::suggestActions(std::string_view unknown, size_t max) const {
  size_t colon = unknown.find(':');
  if (colon == std::string_view::npos || max == 0) return {};
  // The same unknown name recurs across statements and files; each thread keeps its answers.
  thread_local const Impl* owner = nullptr;
  thread_local std::unordered_map<std::string, std::vector<std::string>, TextHash, std::equal_to<>> memo;
  if (owner != impl_.get() || memo.size() >= 4096) memo.clear(), owner = impl_.get();
  std::string key = std::to_string(max) + ' ' + std::string(unknown);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  std::vector<std::string> out = rankActions(*impl_, unknown, colon, max);
  memo.emplace(std::move(key), out);
  return out;
}

}  // namespace iamlint
