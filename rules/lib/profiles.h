// The rule toolkit for requirement profiles (IAM7xx): finding a profile's roles in a template,
// binding the profile's `${parameters}` to the template's, and naming statements the way a
// reviewer would.
#pragma once

#include <string>
#include <vector>

#include "iamlint/analysis.h"
#include "iamlint/eval.h"
#include "iamlint/profile.h"
#include "iamlint/rule.h"

namespace iamlint::profilecheck {

// The profile's parameters as seen from one template: their text, and evaluation options
// binding the template parameters to the same text, so `${bucket}` in the profile and
// `${S3BucketName}` in the template denote one bucket.
struct Binding {
  std::map<std::string, std::string> text;  // profile parameter -> value
  EvalOptions eval;
};
Binding bind(const Analysis& analysis, const Profile& profile);
std::string substitute(std::string_view text, const Binding& binding);

// Does the trust policy let `principal` (a service, or an ARN) assume the role?
EvalResult canAssume(const IamPrincipal& role, const std::string& principal, const EvalOptions& options);

// The request "`role` performs `action` on `resource`" as `iamlint query` asks it: the role's
// effective policies and the template's resource policies guarding the resource (a bucket
// policy's Deny counts, a key policy must allow), with the profile's parameters bound; the
// context is open.
PreparedQuery prepareForRole(const Analysis& analysis, const IamPrincipal& role, const std::string& action,
                             const std::string& resource, const EvalOptions& options);

// The template roles a profile role denotes: those satisfying any of its matchers.
std::vector<const IamPrincipal*> findRoles(const Analysis& analysis, const ProfileRole& role,
                                           const EvalOptions& options);

// Calls `f(profile, role, principal, binding)` for every template role that a role of one of
// the selected profiles denotes.
template <typename F>
void forEachProfileRole(const RuleContext& context, F&& f) {
  for (const Profile* profile : context.options().profiles) {
    Binding binding = bind(context.analysis(), *profile);
    for (const ProfileRole& role : profile->roles)
      for (const IamPrincipal* p : findRoles(context.analysis(), role, binding.eval)) f(*profile, role, *p, binding);
  }
}

// Where a statement lives: for AWS managed policies, the template line that attaches it.
const Node* statementNode(const IamPrincipal& principal, const StatementRef& ref);
// `Sid "X" of inline policy "Y" of R (path:line)`, or `AWS managed policy X (attached at line N)`.
std::string describe(const Analysis& analysis, const IamPrincipal& principal, const StatementRef& ref);
// The node to report a role finding at: the role's logical id.
const Node* roleNode(const IamPrincipal& principal);

// Concrete catalog actions of `pattern` that take a resource `resource` may denote (all of
// them for `*`); a pattern without wildcards is kept as written.
std::vector<std::string> actionsFor(std::string_view pattern, std::string_view resource);

}  // namespace iamlint::profilecheck
