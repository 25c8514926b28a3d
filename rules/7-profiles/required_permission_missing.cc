#include <rapidjson/document.h>

#include "rules/lib/profiles.h"
#include "iamlint/catalog.h"
#include "rules/lib/helpers.h"
#include "rules/lib/statements.h"
#include "analyzer/iamdata/text_match.h"

namespace iamlint {

namespace {

// "managed policy `arn:...`" and "permissions boundary `arn:...`": the label outside the code span.
std::string describeSources(const std::vector<std::string>& sources) {
  std::string out;
  for (size_t i = 0; i < sources.size() && i < 2; ++i) {
    const std::string& s = sources[i];
    if (i) out += i + 1 == sources.size() ? " and " : ", ";
    size_t split = std::string::npos;
    for (std::string_view label : {"managed policy ", "permissions boundary "})
      if (s.rfind(label, 0) == 0) split = label.size();
    out += split == std::string::npos ? "`" + s + "`" : s.substr(0, split) + "`" + s.substr(split) + "`";
  }
  if (sources.size() > 2) out += " and " + std::to_string(sources.size() - 2) + " more";
  return out;
}

// The catalog's spelling of an action a profile names (`ec2:attachVolume` -> `ec2:AttachVolume`).
std::string catalogSpelling(const std::string& pattern) {
  if (iamdata::findAny(pattern, "*?") != std::string::npos) return pattern;
  const ActionInfo* a = Catalog::instance().findAction(pattern);
  return a ? a->fullName() : pattern;
}


using namespace profilecheck;
using security::listOf;

// What one (action pattern, resource) of a requirement comes to for a role.
struct Gap {
  std::vector<std::string> missing;  // implicitly denied
  std::vector<std::string> denied;   // explicitly denied
  StatementRef denyingStatement;
  size_t total = 0;
};

// `bucket/*` stands for every object: ask about one.
std::string concrete(std::string resource) {
  for (size_t i; (i = resource.find('*')) != std::string::npos;) resource.replace(i, 1, "example-key");
  return resource;
}

// Concrete resources the Allow statements that name `action` grant it on: wildcards and
// values known only at deploy time filled with example text.
std::vector<std::string> grantedResources(const PolicySet& set, const std::string& action) {
  std::vector<std::string> out;
  for (const Policy* p : set.identity)
    for (const Statement& st : p->statements) {
      if (st.effect != Effect::Allow || st.notResource) continue;
      bool names = st.notAction;
      for (const Value& v : st.actions)
        for (const Resolved& alt : v.alts) names = names || !alt.exact() || actionMatches(alt.text, action);
      if (!names) continue;
      for (const Value& v : st.resources)
        for (const Resolved& alt : v.alts) {
          std::string text;
          size_t at = 0;
          for (const Hole& h : alt.holes) {
            text += alt.text.substr(at, h.begin - at) + "example-value";
            at = h.end;
          }
          text += alt.text.substr(at);
          if (text != "*" && out.size() < 64) out.push_back(concrete(text));
        }
    }
  return out;
}

// Evaluates `action` on `resource` for the role as `query` would, with the template's
// resource policies guarding the resource.
EvalResult ask(const Analysis& analysis, const IamPrincipal& role, const std::string& action, const std::string& resource,
               const std::map<std::string, std::string>& contextKeys, const EvalOptions& options) {
  PreparedQuery q = prepareForRole(analysis, role, action, resource, options);
  for (const auto& [k, v] : contextKeys) q.request.context.set(k, v);
  return evaluate(q.policies, q.request, q.options);
}

Gap gapFor(const Analysis& analysis, const IamPrincipal& role, const std::vector<std::string>& actions,
           const std::string& resource, const std::map<std::string, std::string>& contextKeys,
           const EvalOptions& options) {
  Gap gap;
  PolicySet set = effectivePolicies(role);
  for (const std::string& action : actions) {
    ++gap.total;
    EvalResult result = ask(analysis, role, action, resource == "*" ? "*" : concrete(resource), contextKeys, options);
    if (result.mayAllow()) continue;
    // A page that asks for an action on `*` asks that the role can do it at all; a template
    // that grants it on the queues or secrets the workload uses meets that. Try the resources
    // the role's own Allow statements name.
    if (resource == "*" && result.decision == Decision::ImplicitDeny) {
      bool some = false;
      for (const std::string& candidate : grantedResources(set, action)) {
        EvalResult narrower = ask(analysis, role, action, candidate, contextKeys, options);
        if (narrower.mayAllow()) {
          some = true;
          break;
        }
        if (narrower.decision == Decision::ExplicitDeny) result = narrower;
      }
      if (some) continue;
    }
    if (result.decision == Decision::ExplicitDeny) {
      gap.denied.push_back(action);
      if (!gap.denyingStatement.statement && !result.deciding.empty()) gap.denyingStatement = result.deciding.front();
    } else {
      gap.missing.push_back(action);
    }
  }
  return gap;
}

// The Allow actions of an AWS managed policy's bundled document, as catalog actions.
std::vector<std::string> managedPolicyActions(const ManagedPolicyInfo& info) {
  std::vector<std::string> out;
  if (!info.document) return out;
  rapidjson::Document doc;
  doc.Parse(info.document->data(), info.document->size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("Statement")) return out;
  auto eachStatement = [&](const rapidjson::Value& st) {
    if (!st.IsObject() || !st.HasMember("Effect") || std::string_view(st["Effect"].GetString()) != "Allow") return;
    if (!st.HasMember("Action") || st.HasMember("Condition")) return;
    const rapidjson::Value& a = st["Action"];
    auto add = [&](const rapidjson::Value& v) {
      if (!v.IsString()) return;
      for (const std::string& name : actionsFor(v.GetString(), "*")) out.push_back(name);
    };
    if (a.IsArray())
      for (const auto& v : a.GetArray()) add(v);
    else
      add(a);
  };
  const rapidjson::Value& sts = doc["Statement"];
  if (sts.IsArray())
    for (const auto& st : sts.GetArray()) eachStatement(st);
  else
    eachStatement(sts);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void checkManagedPolicy(RuleContext& context, const Profile& profile, const ProfileRole& role,
                        const IamPrincipal& p, const Requirement& req, const Binding& binding) {
  const ManagedPolicyInfo* info = Catalog::instance().findManagedPolicy(req.managedPolicy);
  if (!info) return;
  for (const ManagedPolicyRef& m : p.managedPolicies)
    if (m.awsName == info->name) return;
  // Not attached: the role may still grant the same permissions another way.
  std::vector<std::string> actions = managedPolicyActions(*info);
  Gap gap = gapFor(context.analysis(), p, actions, "*", {}, binding.eval);
  if (gap.missing.empty() && gap.denied.empty() && !actions.empty()) return;
  std::vector<std::string> lacking = gap.missing;
  lacking.insert(lacking.end(), gap.denied.begin(), gap.denied.end());
  std::string msg = profile.page + " requires the AWS managed policy `" + std::string(info->name) + "` for the " +
                    role.title + " `" + p.logicalId + "`; it is not attached";
  if (!lacking.empty())
    msg += ", and " + std::to_string(lacking.size()) + " of its " + std::to_string(gap.total) +
           " actions are not allowed otherwise, e.g. " + listOf(lacking, 3);
  for (const ManagedPolicyRef& m : p.managedPolicies) {
    const ManagedPolicyInfo* other = m.awsName.empty() ? nullptr : Catalog::instance().findManagedPolicy(m.awsName);
    if (other && other->deprecated && other->replacement == info->name)
      msg += " (it attaches the deprecated `" + m.awsName + "` instead)";
  }
  if (!lacking.empty() && !p.unknownSources.empty())
    msg += "; the role's " + describeSources(p.unknownSources) + " could grant them, but its content is not known";
  context.report(roleNode(p), msg).resource(p.logicalId);
}

void checkActions(RuleContext& context, const Profile& profile, const ProfileRole& role, const IamPrincipal& p,
                  const Requirement& req, const Binding& binding) {
  const Analysis& analysis = context.analysis();
  for (const std::string& resourceText : req.resources) {
    std::string resource = substitute(resourceText, binding);
    for (const std::string& pattern : req.actions) {
      std::vector<std::string> actions = actionsFor(pattern, resource);
      Gap gap = gapFor(analysis, p, actions, resource, req.context, binding.eval);
      std::string head = profile.page + " requires `" + catalogSpelling(pattern) + "` on `" + resourceText + "` for the " + role.title +
                         " `" + p.logicalId + "`";
      std::string quote = req.quote.empty() ? "" : " (\"" + req.quote + "\")";
      bool several = actions.size() > 1;
      if (!gap.missing.empty()) {
        std::string what = several ? "; " + listOf(gap.missing) + " (" + std::to_string(gap.missing.size()) + " of " +
                                         std::to_string(gap.total) + " actions) " +
                                         (gap.missing.size() == 1 ? "is" : "are") + " not allowed"
                                   : "; no statement allows it";
        context.report(roleNode(p), head + quote + what).resource(p.logicalId);
      }
      if (!gap.denied.empty()) {
        std::string what = several ? "; " + listOf(gap.denied) + " " + (gap.denied.size() == 1 ? "is" : "are")
                                   : "; it is";
        auto f = context.report(roleNode(p), head + quote + what + " explicitly denied by " +
                                                 describe(analysis, p, gap.denyingStatement));
        f.resource(p.logicalId);
        if (const Node* n = statementNode(p, gap.denyingStatement)) f.related(n, "the denying statement");
      }
    }
  }
}

}  // namespace

static void checkRequiredPermissions(RuleContext& context) {
  forEachProfileRole(context, [&](const Profile& profile, const ProfileRole& role, const IamPrincipal& p,
                                   const Binding& binding) {
    for (const Requirement& req : role.allow) {
      if (!req.managedPolicy.empty()) checkManagedPolicy(context, profile, role, p, req, binding);
      else checkActions(context, profile, role, p, req, binding);
    }
  });
}

extern const Rule kRequiredPermissionMissing{
    {"IAM702", "required-permission-missing", Level::Error,
     "A profile role does not allow what the documentation requires of it",
     R"md(## What it does
With a requirement profile, evaluates every permission the profile requires of a role (`allow`:
actions on resources, or an AWS managed policy) against the role's effective policy set: inline
policies, policies attached in the template, AWS managed policies from the bundled data, and the
permissions boundary, together with the template's resource policies that guard the required
resource, as `iamlint query` combines them (docs/evaluation.md): a bucket policy's Deny of the
role counts, and a KMS key's policy must allow. A requirement fails when the engine finds the
request certainly not allowed; the message says whether nothing allows it or a statement
explicitly denies it, and which. An action pattern such as `s3:*` on a bucket ARN stands for every catalog action that
takes that resource type. A required managed policy that is not attached is accepted when the
role allows all its actions otherwise.

## Why is this bad?
The workload fails at run time: without `ec2:DeleteVolume` the EBS autoscale daemon leaves
volumes behind; without `ec2:DescribeVolumeStatus` it cannot see whether a new volume is ready.

## Example
An `Autoscale-EBS` policy listing `ec2:createVolume`, `ec2:attachVolume`,
`ec2:modifyInstanceAttribute` and `ec2:describeVolumes`, checked with
`--profile aws-batch-genomics-2019`: `ec2:deleteVolume` is missing.

## Use instead
Grant the missing action on the resources the page names.

## Known limitations
Requests are asked with an open context: a requirement allowed only under some condition counts
as met. Only certain answers are reported.

## References
- docs/profiles.md
)md",
     "requirements"},
    checkRequiredPermissions};

}  // namespace iamlint
