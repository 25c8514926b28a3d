// The AWS managed policy ARNs an input names for its principals (`ManagedPolicyArns` and
// `PermissionsBoundary` of roles, users and groups; a plan's `managed_policy_arns`,
// attachments' `policy_arn` and `permissions_boundary`). Shared by IAM801 and IAM802.
#pragma once

#include <functional>
#include <string>

#include "iamlint/rule.h"

namespace iamlint {

struct ManagedPolicyArn {
  const IamPrincipal* principal = nullptr;
  std::string property;  // as the input names it: `ManagedPolicyArns`, `permissions_boundary`, ...
  const Value* value = nullptr;
  const Resolved* alt = nullptr;
  const Node* node = nullptr;  // the use site
  // `arn:aws:iam::aws:policy/...` for lookups (a partition hole read as `aws`), and the
  // text before `:iam::aws:policy/` as written, to build suggestions in the same form.
  std::string lookup;
  std::string head;
};

// Calls `f` for every alternative that names an AWS managed policy with known text.
void forEachManagedPolicyArn(const Analysis& analysis, const std::function<void(const ManagedPolicyArn&)>& f);

}  // namespace iamlint
