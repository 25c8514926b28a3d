// Reads policy documents out of nodes: templates' policy-bearing properties and policy files.
#pragma once

#include "analyzer/template/resolver.h"
#include "iamlint/analysis.h"

namespace iamlint {

// Parses one policy document node into `policy` (statements, elements, resolved values).
void readPolicyDocument(const Node& document, Policy& policy, Resolver& resolver,
                        std::vector<ModelNote>& notes);

// Every policy-bearing property of every resource, in document order.
void extractTemplatePolicies(Analysis& analysis, Resolver& resolver);

// A raw policy document file; the kind is detected unless given.
void extractPolicyFile(Analysis& analysis, Resolver& resolver, AnalysisOptions::PolicyFileKind kind);

// True when a document's root looks like an IAM policy.
bool looksLikePolicy(const Node& root);

}  // namespace iamlint
