// Policy grammar: statements and their elements, read leniently. What does not fit the grammar
// stays in the model for the grammar rules (IAM1xx) to report; nothing is thrown away silently.
#include "analyzer/policy/document.h"

#include <map>
#include <optional>

#include "analyzer/frontend/cloudformation/resolver.h"

namespace iamlint {
namespace {

void readPrincipal(const Node& node, Statement& st, Resolver& resolver) {
  st.principalNode = &node;
  if (node.isMapping() && !node.isIntrinsic()) {
    for (size_t i = 0; i < node.keys.size(); ++i) {
      PrincipalEntry entry;
      entry.type = node.keys[i].text;
      entry.typeNode = &node.keys[i];
      entry.values = resolver.resolveList(node.items[i]);
      st.principals.push_back(std::move(entry));
    }
    return;
  }
  PrincipalEntry entry;
  entry.type = "*";
  entry.typeNode = &node;
  entry.values = resolver.resolveList(node);
  st.principals.push_back(std::move(entry));
}

bool isIf(const Node& n) {
  if (!n.isIntrinsic() || n.intrinsicName() != "Fn::If") return false;
  const Node* arg = n.intrinsicArg();
  return arg->isSequence() && arg->items.size() == 3 && arg->items[0].isScalar();
}

bool isNoValue(const Node& n) {
  return n.isIntrinsic() && n.intrinsicName() == "Ref" && n.intrinsicArg()->isScalar() &&
         n.intrinsicArg()->text == "AWS::NoValue";
}

// The branch a statement variant takes at each `Fn::If` of its Condition (nullptr: AWS::NoValue).
using Choice = std::map<const Node*, const Node*>;

// `node`, or the branch `choice` takes when `node` is one of its `Fn::If`s.
const Node* chosen(const Node& node, const Choice& choice) {
  auto it = choice.find(&node);
  return it == choice.end() ? &node : it->second;
}

void readCondition(const Node& written, Statement& st, Resolver& resolver, const Choice& choice) {
  const Node* taken = chosen(written, choice);
  st.conditionNode = taken ? &written : nullptr;  // removed (AWS::NoValue) in this branch
  if (!taken || !taken->isMapping()) return;
  const Node& node = *taken;
  for (size_t i = 0; i < node.keys.size(); ++i) {
    const Node& opKey = node.keys[i];
    // A YAML null key (`Null:` unquoted) never reaches IAM: CloudFormation drops it.
    if (opKey.isNull()) continue;
    const Node* blockTaken = chosen(node.items[i], choice);
    if (!blockTaken) continue;  // this operator is removed in this branch
    const Node& block = *blockTaken;
    if (!block.isMapping()) {
      ConditionEntry entry;
      entry.op = opKey.text;
      entry.opNode = &opKey;
      st.conditions.push_back(std::move(entry));
      continue;
    }
    for (size_t k = 0; k < block.keys.size(); ++k) {
      ConditionEntry entry;
      entry.op = opKey.text;
      entry.opNode = &opKey;
      entry.key = block.keys[k].text;
      entry.keyNode = &block.keys[k];
      entry.values = resolver.resolveList(block.items[k]);
      st.conditions.push_back(std::move(entry));
    }
  }
}

// The `Fn::If`s of a statement's Condition: the whole block's, or those of operator blocks.
std::vector<const Node*> conditionalBlocks(const Node& statement) {
  std::vector<const Node*> out;
  const Node* c = statement.isMapping() ? statement.get("Condition") : nullptr;
  if (!c) return out;
  if (isIf(*c)) return {c};
  if (c->isMapping() && !c->isIntrinsic())
    for (const Node& block : c->items)
      if (isIf(block)) out.push_back(&block);
  return out;
}

void readStatement(const Node& node, Statement& st, Resolver& resolver, const Choice& choice) {
  st.node = &node;
  if (!node.isMapping()) return;
  for (size_t i = 0; i < node.keys.size(); ++i) {
    const std::string& key = node.keys[i].text;
    const Node& value = node.items[i];
    if (key == "Sid") {
      st.sid = &value;
    } else if (key == "Effect") {
      st.effectNode = &value;
      std::vector<Resolved> effect = resolver.resolve(value);
      if (effect.size() == 1 && effect[0].text == "Allow") st.effect = Effect::Allow;
      else if (effect.size() == 1 && effect[0].text == "Deny") st.effect = Effect::Deny;
    } else if (key == "Action" || key == "NotAction") {
      st.notAction = key == "NotAction";
      st.actionNode = &value;
      st.actions = resolver.resolveList(value);
    } else if (key == "Resource" || key == "NotResource") {
      st.notResource = key == "NotResource";
      st.resourceNode = &value;
      st.resources = resolver.resolveList(value);
    } else if (key == "Principal" || key == "NotPrincipal") {
      st.notPrincipal = key == "NotPrincipal";
      readPrincipal(value, st, resolver);
    } else if (key == "Condition") {
      readCondition(value, st, resolver, choice);
    }
  }
}

}  // namespace

void readPolicyDocument(const Node& document, Policy& policy, Resolver& resolver,
                        std::vector<ModelNote>& notes) {
  policy.document = &document;
  if (!document.isMapping()) return;
  policy.version = document.get("Version");
  const Node* statements = document.get("Statement");
  if (!statements) return;
  // A statement whose Condition (or one operator of it) is a `Fn::If` is one statement per
  // combination of branches, each under its conditions; all have the statement's number.
  // Conditions the --parameter values decide take their branch only.
  constexpr size_t kMaxConditionalBlocks = 4;
  auto add = [&](const Node& node, const Guard& guard) {
    const uint32_t index = static_cast<uint32_t>(policy.statements.size());
    std::vector<const Node*> ifs = conditionalBlocks(node);
    if (ifs.size() > kMaxConditionalBlocks) ifs.resize(kMaxConditionalBlocks);
    for (size_t mask = 0; mask < (size_t{1} << ifs.size()); ++mask) {
      Guard g = guard;
      Choice choice;
      bool possible = true;
      for (size_t i = 0; i < ifs.size(); ++i) {
        const Node& arg = *ifs[i]->intrinsicArg();
        const bool second = (mask >> i) & 1;
        std::optional<bool> fact = resolver.conditionValue(arg.items[0].text, false);
        if (fact && *fact == second) possible = false;
        if (!fact) g.add({arg.items[0].text, second});
        const Node& branch = arg.items[second ? 2 : 1];
        choice[ifs[i]] = isNoValue(branch) ? nullptr : &branch;
      }
      if (!possible) continue;
      Statement st;
      st.index = index;
      st.guard = g;
      Resolver::Assuming inside(resolver, g);
      readStatement(node, st, resolver, choice);
      policy.statements.push_back(std::move(st));
    }
  };
  auto addMaybeConditional = [&](const Node& node) {
    // `- !If [Cond, {statement}, !Ref AWS::NoValue]` adds a statement under a condition.
    if (isIf(node)) {
      const Node* arg = node.intrinsicArg();
      std::optional<bool> fact = resolver.conditionValue(arg->items[0].text, false);
      for (int branch = 1; branch <= 2; ++branch) {
        if (fact && *fact != (branch == 1)) continue;
        const Node& b = arg->items[branch];
        Guard cond;
        if (!fact) cond.add({arg->items[0].text, branch != 1});
        if (b.isMapping() && !b.isIntrinsic()) add(b, cond);
        else if (b.isSequence())
          for (const Node& item : b.items) add(item, cond);
      }
      return;
    }
    add(node, Guard{});
  };
  if (statements->isSequence() && statements->tag.empty()) {
    for (const Node& item : statements->items) addMaybeConditional(item);
  } else {
    addMaybeConditional(*statements);
  }
  (void)notes;
}

bool looksLikePolicy(const Node& root) {
  if (!root.isMapping()) return false;
  const Node* st = root.get("Statement");
  return st && (st->isMapping() || st->isSequence());
}

}  // namespace iamlint
