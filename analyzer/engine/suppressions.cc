#include "analyzer/engine/suppressions.h"

namespace iamlint {
namespace {

struct Suppression {
  std::string rule;      // id, id prefix or name
  std::string reason;
  std::string resource;  // empty: the whole template
  const Node* node = nullptr;
  bool used = false;
};

void read(const Node* metadata, const std::string& resource, std::vector<Suppression>& out,
          std::vector<std::pair<const Node*, std::string>>& invalid) {
  if (!metadata || !metadata->isMapping()) return;
  const Node* mine = metadata->get("iamlint");
  if (!mine) return;
  const Node* ignore = mine->isMapping() ? mine->get("ignore") : nullptr;
  if (!ignore || !ignore->isSequence()) {
    invalid.push_back({mine, "`Metadata.iamlint` must be a mapping with `ignore:` holding a list of {rule, reason}"});
    return;
  }
  for (const Node& entry : ignore->items) {
    const Node* rule = entry.isMapping() ? entry.get("rule") : nullptr;
    const Node* reason = entry.isMapping() ? entry.get("reason") : nullptr;
    if (!rule || !rule->isScalar() || rule->text.empty()) {
      invalid.push_back({&entry, "a suppression needs `rule:` (a rule id such as IAM607, or its name)"});
      continue;
    }
    if (!reason || !reason->isScalar() || reason->text.find_first_not_of(" \t") == std::string::npos) {
      invalid.push_back({&entry, "the suppression of " + rule->text + " needs a `reason:` saying why it is safe"});
      continue;
    }
    if (!findRule(rule->text)) {
      invalid.push_back({rule, "`" + rule->text + "` is not an iamlint rule id or name"});
      continue;
    }
    out.push_back({rule->text, reason->text, resource, &entry, false});
  }
}

bool covers(const Suppression& s, const Finding& f) {
  if (!s.resource.empty() && s.resource != f.resource) return false;
  return s.rule == f.id() || s.rule == f.name();
}

}  // namespace

void applySuppressions(const Analysis& analysis, std::vector<Finding>& findings,
                       const RuleSelection& selection) {
  if (analysis.input != InputFormat::CloudFormation) return;
  std::vector<Suppression> suppressions;
  std::vector<std::pair<const Node*, std::string>> invalid;
  read(analysis.tmpl.metadata, "", suppressions, invalid);
  for (const TemplateResource& r : analysis.tmpl.resources) read(r.metadata, r.logicalId, suppressions, invalid);
  for (Finding& f : findings) {
    for (Suppression& s : suppressions) {
      if (!covers(s, f)) continue;
      s.used = true;
      f.suppressed = true;
      f.suppressionReason = s.reason;
      break;
    }
  }
  auto add = [&](const Rule& rule, const Node* node, std::string message) {
    if (!selection.enabled(rule.info)) return;
    Finding f = makeFinding(rule, analysis.document.source.path(), node->range, std::move(message));
    if (auto it = selection.levels.find(f.id()); it != selection.levels.end()) f.level = it->second;
    f.pointer = node->pointer();
    f.fingerprint = fingerprintOf(f, f.message);
    findings.push_back(std::move(f));
  };
  for (auto& [node, message] : invalid) add(kInvalidSuppression, node, message);
  for (const Suppression& s : suppressions) {
    if (s.used) continue;
    const Rule* rule = findRule(s.rule);
    // A suppression of a rule that is switched off cannot be known to be unused.
    if (rule && !selection.enabled(rule->info)) continue;
    add(kUnusedSuppression, s.node,
        "this suppression of " + s.rule + (s.resource.empty() ? " for the template" : " on `" + s.resource + "`") +
            " matches no finding; remove it");
  }
}

}  // namespace iamlint
