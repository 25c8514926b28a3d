// Reads policy documents out of nodes, for every input format.
#pragma once

#include "iamlint/analysis.h"

namespace iamlint {

class Resolver;
struct ManagedPolicyInfo;

// Parses one policy document node into `policy` (statements, elements, resolved values).
void readPolicyDocument(const Node& document, Policy& policy, Resolver& resolver,
                        std::vector<ModelNote>& notes);

// True when a document's root looks like an IAM policy.
bool looksLikePolicy(const Node& root);

// A policy written as a JSON string inside the input (`RepositoryPolicyText: |`, a plan's
// `policy` attribute): parsed as its own document kept in `analysis.embeddedDocuments`, with
// its ranges moved to where the string sits in the file. Returns `node` itself when the string
// does not hold a JSON object; `error` is set when it does but does not parse.
const Node& embeddedDocument(Analysis& analysis, const Node& node, std::string& error);

// Expands an AWS managed policy from the bundled data, once per file; null when the data has
// no document for it.
const Policy* awsManagedPolicy(Analysis& analysis, const ManagedPolicyInfo& info);

}  // namespace iamlint
