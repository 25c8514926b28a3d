#include "rules/lib/profiles.h"
#include "rules/lib/helpers.h"

namespace iamlint {

static void checkRequiredRoles(RuleContext& context) {
  const Analysis& analysis = context.analysis();
  if (analysis.input != InputFormat::CloudFormation && analysis.input != InputFormat::TerraformPlan) return;
  // A profile names the roles of one environment; when a directory is linted, templates that
  // define no IAM principal at all (buckets, networks, nested-stack roots) are not that
  // environment's IAM template, and saying each lacks every role would be noise.
  if (analysis.principals.empty()) return;
  const Node* resources = analysis.document.root.keyNode("Resources");
  if (!resources) resources = &analysis.document.root;
  for (const Profile* profile : context.options().profiles) {
    profilecheck::Binding binding = profilecheck::bind(analysis, *profile);
    for (const ProfileRole& role : profile->roles) {
      if (role.need == RoleNeed::Optional) continue;
      if (!profilecheck::findRoles(analysis, role, binding.eval).empty()) continue;
      std::string ways;
      for (const RoleMatcher& m : role.match) {
        std::string w;
        if (!m.trustsService.empty()) w += "that trusts `" + m.trustsService + "`";
        if (m.inInstanceProfile) w += std::string(w.empty() ? "that is" : " and is") + " in an instance profile";
        if (!m.logicalIdPattern.empty())
          w += std::string(w.empty() ? "" : " and ") + "whose logical id matches the pattern `" + m.logicalIdPattern + "`";
        ways += (ways.empty() ? "" : ", or one ") + w;
      }
      std::string msg = profile->page + " requires the " + role.title +
                        (role.need == RoleNeed::Conditional ? " " + role.when : "") +
                        "; no role in this " + std::string(analysis.input == InputFormat::TerraformPlan ? "plan" : "template") +
                        " is one: iamlint looked for a role " + ways;
      auto f = context.report(resources, msg);
      if (role.need == RoleNeed::Conditional) f.level(Level::Warning);
    }
  }
}

extern const Rule kRequiredRoleMissing{
    {"IAM701", "required-role-missing", Level::Error,
     "A role the requirement profile requires is not defined in the template",
     R"md(## What it does
With a requirement profile (`--profile`, see docs/profiles.md), reports each role the profile
marks `required` (or `conditional`, as a warning) that no role of the template matches. A role
matches when it satisfies one of the profile's `match` entries: its trust policy lets the named
service assume it (answered by the evaluation engine), it is in an instance profile, its
logical id matches a pattern.

## Why is this bad?
The environment the documentation describes cannot work without the role: AWS Batch cannot
launch instances without an instance role, nor manage the compute environment without its
service role.

## Example
A genomics IAM stack that defines the instance role but no role trusting `batch.amazonaws.com`,
checked with `--profile aws-batch-genomics-2019`.

## Use instead
Add the role the page documents, with the trust and policies it lists.

## Known limitations
Roles created in another stack (passed in as parameters) are not seen; check that stack.
Templates that define no role, user or group are not checked, so that linting a directory
does not report every bucket or network template as missing the environment's roles.

## References
- docs/profiles.md
)md",
     "requirements"},
    checkRequiredRoles};

}  // namespace iamlint
