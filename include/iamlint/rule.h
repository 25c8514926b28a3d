// The rule interface. A rule sees the analysed model, the catalog and the evaluator; it never
// parses files or prints. Each rule is one file under rules/<category>/ holding its metadata,
// its documentation and its check; rules/registry.cc lists them all.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "iamlint/analysis.h"
#include "iamlint/finding.h"

namespace iamlint {

struct RuleInfo {
  std::string_view id;       // `IAM201`
  std::string_view name;     // `unknown-action`
  Level level;               // default level
  std::string_view summary;  // one line
  // Markdown with the sections: What it does / Why is this bad? / Example / Use instead /
  // Known limitations / References.
  std::string_view docs;
  std::string_view tags = "";       // comma-separated, for SARIF `properties.tags`
  double securitySeverity = 0;      // CVSS-like 0.1-10 for security rules; 0 = not one
};

struct Profile;  // requirement profiles, analyzer/profile/

struct CheckOptions {
  std::vector<const Profile*> profiles;
};

class RuleContext;
using CheckFn = void (*)(RuleContext&);

struct Rule {
  RuleInfo info;
  CheckFn check;  // null for rules reported by the engine itself (IAM001)
  // The IAM Access Analyzer policy-validation codes this rule reports, each with a message that
  // names that problem, space-separated (`MISSING_VERSION INVALID_VERSION`). Each has a firing
  // fixture `aa-<CODE>.*` and a near miss `aa-<CODE>-near.*` in the rule's testdata folder.
  std::string_view accessAnalyzer = "";
};

// Gathers findings for one rule on one file.
class FindingBuilder {
 public:
  explicit FindingBuilder(Finding& finding) : finding_(finding) {}
  FindingBuilder& suggest(std::string text) {
    finding_.suggestion = std::move(text);
    return *this;
  }
  FindingBuilder& help(std::string text) {
    finding_.help.push_back(std::move(text));
    return *this;
  }
  FindingBuilder& related(const Node* node, std::string message);
  FindingBuilder& related(std::string path, Range range, std::string message);
  FindingBuilder& level(Level level) {
    finding_.level = level;
    return *this;
  }
  FindingBuilder& resource(std::string logicalId) {
    finding_.resource = std::move(logicalId);
    return *this;
  }

 private:
  friend class RuleContext;
  Finding& finding_;
  const Analysis* analysis_ = nullptr;
};

class RuleContext {
 public:
  RuleContext(const Rule& rule, const Analysis& analysis, const CheckOptions& options,
              std::vector<Finding>& out)
      : rule_(rule), analysis_(analysis), options_(options), out_(out) {}

  const Analysis& analysis() const { return analysis_; }
  const CheckOptions& options() const { return options_; }
  const Rule& rule() const { return rule_; }

  // Reports at a node; the finding's resource is the template resource the node is under.
  FindingBuilder report(const Node* at, std::string message);
  // Reports at a range with no node of its own (a load note): `within` is the node it lies in
  // (the offending key), which names the resource; `pointer` is the finding's pointer.
  FindingBuilder report(Range range, const Node* within, std::string pointer, std::string message);

 private:
  const Rule& rule_;
  const Analysis& analysis_;
  const CheckOptions& options_;
  std::vector<Finding>& out_;
};

// The one way to make a finding: the rule's id, name and default level, at `range` of `path`.
Finding makeFinding(const Rule& rule, std::string path, Range range, std::string message);

// Rules the engine itself reports, outside any rule's check: a file that cannot be read or
// understood, input cut short by a budget, and the two suppression findings.
extern const Rule kParseError;
extern const Rule kInputNotFullyRead;
// Rules whose findings `check --fix` can repair (analyzer/fix/).
extern const Rule kYamlNullKey, kInvalidVersion, kUnknownAction, kDeprecatedManagedPolicy;
extern const Rule kUnusedSuppression;
extern const Rule kInvalidSuppression;

// The registry: every rule, sorted by id.
const std::vector<const Rule*>& allRules();
const Rule* findRule(std::string_view idOrName);

}  // namespace iamlint
