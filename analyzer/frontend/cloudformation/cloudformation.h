// The CloudFormation front end: a template becomes the template model, resolved values,
// policies and principals.
#pragma once

#include "analyzer/frontend/cloudformation/resolver.h"
#include "iamlint/analysis.h"

namespace iamlint {

// True when the document looks like a CloudFormation template rather than a policy.
bool looksLikeTemplate(const Node& root);
// Builds the model; never fails, shapes it does not understand are left for rules to report.
Template buildTemplate(const Document& document);

// Every policy-bearing property of every resource, in document order.
void extractTemplatePolicies(Analysis& analysis, Resolver& resolver);
// The ARNs of the template's resources (Analysis::arns), and which resource each resource
// and trust policy guards (Policy::guards).
void linkResourcePolicies(Analysis& analysis, Resolver& resolver);
// Roles, users and groups with what is attached to them in the template.
void buildPrincipals(Analysis& analysis, Resolver& resolver);

// The front end's entry point (a row of the engine's front-end table).
void analyzeCloudFormation(Analysis& analysis, const AnalysisOptions& options);

}  // namespace iamlint
