// prepareQuery with values given from the start for some of the template's symbols (a
// requirement profile's parameters, which the profile rules bind); the preparation adds its own.
#pragma once

#include "iamlint/analysis.h"
#include "iamlint/eval.h"

namespace iamlint {

PreparedQuery prepareQuery(const Analysis& analysis, const AccessQuery& query, const EvalOptions& initial);

}  // namespace iamlint
