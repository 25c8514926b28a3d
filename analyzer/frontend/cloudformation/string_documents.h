// A policy document written as JSON text inside `Fn::Sub` or `Fn::Join`.
#pragma once

#include "analyzer/frontend/cloudformation/resolver.h"
#include "iamlint/analysis.h"

namespace iamlint {

// The parsed document (kept in `analysis.embeddedDocuments`), or `node` itself when it is not
// such an intrinsic or its text is not a JSON object; `error` is set when the JSON is invalid.
const Node& intrinsicStringDocument(Analysis& analysis, Resolver& resolver, const Node& node, std::string& error);

}  // namespace iamlint
