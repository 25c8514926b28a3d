#include "analyzer/frontend/policy_file/policy_file.h"

#include <strings.h>

#include "analyzer/frontend/cloudformation/resolver.h"
#include "analyzer/policy/document.h"

namespace iamlint {
namespace {

void readPolicyFile(Analysis& analysis, Resolver& resolver, AnalysisOptions::PolicyFileKind kind) {
  using K = AnalysisOptions::PolicyFileKind;
  // An organisation policy: a service control policy reads like an identity policy, a
  // resource control policy like a resource policy, and neither grants anything.
  std::deque<Policy>& into = kind == K::Scp   ? analysis.serviceControlPolicies
                             : kind == K::Rcp ? analysis.resourceControlPolicies
                                              : analysis.policies;
  Policy& p = into.emplace_back();
  p.property = "";
  p.name = analysis.document.source.path();
  readPolicyDocument(analysis.document.root, p, resolver, analysis.notes);
  if (kind == K::Identity || kind == K::Scp) p.kind = PolicyKind::Identity;
  else if (kind == K::Trust) p.kind = PolicyKind::Trust;
  else if (kind == K::Resource || kind == K::Rcp) p.kind = PolicyKind::Resource;
  else {
    // With a Principal it is a trust or resource policy; sts:AssumeRole* makes it a trust policy.
    bool principal = false, assume = false;
    for (const Statement& st : p.statements) {
      if (st.principalNode) principal = true;
      for (const Value& a : st.actions)
        for (const Resolved& r : a.alts)
          if (r.text.size() >= 14 && strncasecmp(r.text.c_str(), "sts:AssumeRole", 14) == 0) assume = true;
    }
    p.kind = !principal ? PolicyKind::Identity : assume ? PolicyKind::Trust : PolicyKind::Resource;
  }
}

}  // namespace

bool looksLikePolicyFile(const Node& root) { return looksLikePolicy(root); }

void analyzePolicyFile(Analysis& analysis, const AnalysisOptions& options) {
  // Without a template only literals resolve; intrinsics and dynamic references are unknown.
  Resolver resolver(nullptr, options.parameters, analysis.notes);
  readPolicyFile(analysis, resolver, options.policyKind);
  if (!analysis.policies.empty() && analysis.policies.front().kind == PolicyKind::Identity) {
    IamPrincipal& pr = analysis.principals.emplace_back();
    pr.logicalId = "policy";
    pr.kind = PrincipalKind::PolicyFile;
    pr.type = "policy file";
    pr.policies.push_back(&analysis.policies.front());
  }
}

}  // namespace iamlint
