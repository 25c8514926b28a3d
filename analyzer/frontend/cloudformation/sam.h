// The AWS::Serverless-2016-10-31 transform, as far as IAM goes: the roles, permissions and
// resource policies SAM generates, added to the template model as the resources SAM would
// write, located at the SAM properties the user wrote (docs/sam.md).
#pragma once

#include "analyzer/frontend/cloudformation/resolver.h"
#include "iamlint/analysis.h"

namespace iamlint {

// Adds the generated resources to `analysis.tmpl.resources` (call before extraction). Under a
// Transform that is not SAM, or a SAM feature iamlint does not read, adds an IAM010 note.
void expandTransforms(Analysis& analysis, Resolver& resolver);

// Whether `type` is a SAM resource type (`AWS::Serverless::*`).
bool isSamType(std::string_view type);
// Whether SAM moves `property` of a resource of `type` to the resources it generates (the
// role, event source mappings and permissions, the deployment group, the stage, the custom
// domain; all of a connector): references written there belong to those resources.
bool samMovesProperty(std::string_view type, std::string_view property);

// The SAM policy template names, sorted (for messages and tests).
std::vector<std::string> samPolicyTemplateNames();

}  // namespace iamlint
