// Policy grammar: statements and their elements, read leniently. What does not fit the grammar
// stays in the model for the grammar rules (IAM1xx) to report; nothing is thrown away silently.
#include "analyzer/policy/document.h"
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

void readCondition(const Node& node, Statement& st, Resolver& resolver) {
  st.conditionNode = &node;
  if (!node.isMapping()) return;
  for (size_t i = 0; i < node.keys.size(); ++i) {
    const Node& opKey = node.keys[i];
    // A YAML null key (`Null:` unquoted) never reaches IAM: CloudFormation drops it.
    if (opKey.isNull()) continue;
    const Node& block = node.items[i];
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

void readStatement(const Node& node, Statement& st, Resolver& resolver) {
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
      readCondition(value, st, resolver);
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
  auto add = [&](const Node& node, const Guard& guard) {
    Statement st;
    st.index = static_cast<uint32_t>(policy.statements.size());
    st.guard = guard;
    readStatement(node, st, resolver);
    policy.statements.push_back(std::move(st));
  };
  auto addMaybeConditional = [&](const Node& node) {
    // `- !If [Cond, {statement}, !Ref AWS::NoValue]` adds a statement under a condition.
    if (node.isIntrinsic() && node.intrinsicName() == "Fn::If") {
      const Node* arg = node.intrinsicArg();
      if (arg->isSequence() && arg->items.size() == 3 && arg->items[0].isScalar()) {
        for (int branch = 1; branch <= 2; ++branch) {
          const Node& b = arg->items[branch];
          Guard cond;
          cond.add({arg->items[0].text, branch != 1});
          if (b.isMapping() && !b.isIntrinsic()) add(b, cond);
          else if (b.isSequence())
            for (const Node& item : b.items) add(item, cond);
        }
        return;
      }
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
