// A policy element is one of the alternatives the resolver found (Fn::If branches,
// AllowedValues), or absent when the guards of all of them may be false.
#include <algorithm>

#include "analyzer/eval/pattern.h"

namespace iamlint::evalimpl {

Tri overAlternatives(const Value& value, const EvalOptions& options, std::vector<std::string>* notes,
                     const std::function<Tri(const Resolved&)>& test) {
  bool any = false, sawYes = false, sawNo = false, alwaysPresent = false;
  std::vector<const Guard*> guards;
  for (const Resolved& alt : value.alts) {
    Tri guard = conditionTruth(alt.guard, options);
    if (guard == Tri::No) continue;
    if (guard == Tri::Yes) alwaysPresent = true;
    else guards.push_back(&alt.guard);
    Tri m = test(alt);
    any = true;
    if (m != Tri::No) sawYes = true;
    if (m != Tri::Yes) sawNo = true;
  }
  // `C` and `!C` together cover every case.
  for (const Guard* g : guards) {
    if (g->terms.size() != 1 || g->terms[0].negated) continue;
    Guard opposite;
    opposite.add({g->terms[0].condition, true});
    if (std::any_of(guards.begin(), guards.end(), [&](const Guard* o) { return *o == opposite; }))
      alwaysPresent = true;
  }
  if (!any) return Tri::No;
  if (!alwaysPresent) sawNo = true;
  Tri result = sawYes && sawNo ? Tri::Maybe : sawYes ? Tri::Yes : Tri::No;
  if (result == Tri::Maybe) {
    for (const Guard* g : guards) noteGuard(notes, *g, options);
    if (guards.empty() && value.alts.size() > 1)
      addNote(notes, "depends on which of its " + std::to_string(value.alts.size()) +
                         " possible values `" + value.alts[0].text + "` takes");
  }
  return result;
}

}  // namespace iamlint::evalimpl
