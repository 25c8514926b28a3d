// Turns CloudFormation intrinsics into symbolic values (iamlint/value.h).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "iamlint/analysis.h"
#include "iamlint/template.h"
#include "iamlint/value.h"

namespace iamlint {

class Resolver {
 public:
  // `tmpl` may be null for a policy file: then only literals resolve.
  Resolver(const Template* tmpl, const std::map<std::string, std::string, std::less<>>& overrides,
           std::vector<ModelNote>& notes);

  // Every value a scalar-producing node may take.
  std::vector<Resolved> resolve(const Node& node);
  // A list-producing node (a sequence, a CommaDelimitedList parameter, Fn::Split, Fn::If of
  // lists, ...) as its elements; a scalar is a list of one.
  std::vector<Value> resolveList(const Node& node);

  // What the condition `name` of `Conditions` evaluates to: from `--parameter` values alone
  // (`useDefaults` false: a fact of this run), or also from parameter defaults (what a
  // deployment that keeps them gets). nullopt when it depends on anything else.
  std::optional<bool> conditionValue(const std::string& name, bool useDefaults);

  // While alive, values resolve as inside `guard` (a resource's or a branch's conditions): a
  // parameter value that would make one of those conditions false is not used there.
  class Assuming {
   public:
    Assuming(Resolver& resolver, const Guard& guard);
    ~Assuming();
    Assuming(const Assuming&) = delete;
    Assuming& operator=(const Assuming&) = delete;

   private:
    Resolver& resolver_;
    size_t size_;
  };

  // Budgets (docs/limits.md): past each, what is left is one unknown value and an IAM011 note.
  static constexpr size_t kMaxAlternatives = 32;      // alternatives of one value
  static constexpr size_t kMaxTextLength = 64 << 10;  // bytes of one resolved string
  static constexpr size_t kMaxListLength = 1000;      // elements from one Fn::Split or list parameter
  static constexpr size_t kMaxDepth = 64;             // resources named after each other

 private:
  std::vector<Resolved> resolveNode(const Node& node);
  std::vector<Resolved> resolveIntrinsic(const Node& node, const std::string& name, const Node& arg);
  std::vector<Resolved> resolveSub(const Node& node, const Node& arg);
  std::vector<Resolved> resolveJoin(const Node& node, const Node& arg);
  std::vector<Resolved> resolveRef(const Node& node, const std::string& target);
  std::vector<Resolved> resolveGetAtt(const Node& node, const std::string& resource,
                                      const std::string& attribute);
  std::vector<Resolved> resolveParameter(const Node& use, const std::string& name);
  std::vector<Resolved> resolveFindInMap(const Node& node, const Node& arg);
  std::vector<Resolved> resourceName(const std::string& logicalId, const char* nameProperty);
  std::vector<Resolved> providerArn(const TemplateResource& provider);
  // A condition's operand as text, or nullopt; `param` = `value` replaces that parameter's value.
  std::optional<std::string> conditionOperand(const Node& n, bool useDefaults, const std::string* param,
                                              const std::string* value);
  std::optional<bool> evaluateCondition(const Node& n, bool useDefaults, const std::string* param,
                                        const std::string* value, size_t depth);
  bool conditionUses(const Node& n, const std::string& param, size_t depth);
  // Whether `value` for `param` is possible inside every assumed condition.
  bool consistentWithAssumed(const std::string& param, const std::string& value);
  void note(NoteKind kind, const Node& node, std::string message);
  void unresolved(const Node& node, const std::string& symbol, const std::string& why);
  void overBudget(const Node& node, const std::string& what);

  const Template* tmpl_;
  const std::map<std::string, std::string, std::less<>>& overrides_;
  std::vector<ModelNote>& notes_;
  std::set<std::string> visiting_;
  std::set<std::string> reportedSymbols_;
  // A resource's name resolves once: names built from each other would otherwise resolve
  // 2^depth times.
  std::map<std::pair<std::string, std::string>, std::vector<Resolved>> names_;
  std::vector<GuardTerm> assumed_;  // the conditions values are resolved under (Assuming)
  std::map<std::pair<std::string, bool>, std::optional<bool>> conditionValues_;
  size_t depth_ = 0, cycles_ = 0;
  bool overBudget_ = false;
};

// A hole standing for `symbol`, rendered as `${symbol}`.
Resolved symbolic(const std::string& symbol, ValueOrigin origin = {});
Resolved literal(std::string text, ValueOrigin origin = {});
// Concatenation of alternatives (cartesian, capped), joining conditions.
std::vector<Resolved> concat(const std::vector<Resolved>& a, const std::vector<Resolved>& b);
// Renders a resolved value for messages: holes stay as `${symbol}`.
inline const std::string& display(const Resolved& r) { return r.text; }

}  // namespace iamlint
