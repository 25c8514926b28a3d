#include <algorithm>
#include <map>

#include "analyzer/frontend/cloudformation/sam.h"
#include "rules/lib/helpers.h"

namespace iamlint {
namespace {

// Edges of CloudFormation's dependency graph: `DependsOn`, and every `Ref`, `Fn::GetAtt` and
// `${Name}`/`${Name.Attr}` in `Fn::Sub` that names another resource. Each edge keeps the node
// that makes it, to point at.
using Edges = std::map<std::string, std::map<std::string, const Node*>>;

void subReferences(const Node& at, const std::string& text, const Template& t, std::map<std::string, const Node*>& out,
                   const Node* vars = nullptr) {
  for (size_t i = text.find("${"); i != std::string::npos; i = text.find("${", i + 2)) {
    size_t close = text.find('}', i);
    if (close == std::string::npos) break;
    std::string name = text.substr(i + 2, close - i - 2);
    if (name.empty() || name[0] == '!') continue;
    if (vars && vars->isMapping() && vars->get(name)) continue;  // a variable of the list form
    name = name.substr(0, name.find('.'));
    if (t.resource(name)) out.emplace(name, &at);
  }
}

void references(const Node& n, const Template& t, std::map<std::string, const Node*>& out) {
  if (n.isIntrinsic()) {
    std::string name = n.intrinsicName();
    const Node& arg = *n.intrinsicArg();
    if (name == "Ref" && arg.isScalar() && t.resource(arg.text)) out.emplace(arg.text, &n);
    if (name == "Fn::GetAtt") {
      std::string target = arg.isScalar() ? arg.text.substr(0, arg.text.find('.'))
                           : arg.isSequence() && !arg.items.empty() && arg.items[0].isScalar() ? arg.items[0].text
                                                                                              : "";
      if (t.resource(target)) out.emplace(target, &n);
    }
    if (name == "Fn::Sub") {
      const Node* text = arg.isSequence() && !arg.items.empty() ? &arg.items[0] : &arg;
      const Node* vars = arg.isSequence() && arg.items.size() > 1 ? &arg.items[1] : nullptr;
      if (text->isScalar()) subReferences(n, text->text, t, out, vars);
    }
  }
  for (const Node& child : n.items) references(child, t, out);
}

Edges dependencyGraph(const Template& t) {
  Edges edges;
  for (const TemplateResource& r : t.resources) {
    std::map<std::string, const Node*>& out = edges[r.logicalId];
    // What SAM moves to the resources it generates are edges of those, which iamlint adds
    // where it generates them (docs/sam.md), not of this one.
    if (r.properties && isSamType(r.type) && r.properties->isMapping()) {
      for (size_t i = 0; i < r.properties->keys.size(); ++i)
        if (!samMovesProperty(r.type, r.properties->keys[i].text)) references(r.properties->items[i], t, out);
    } else if (r.properties) {
      references(*r.properties, t, out);
    }
    // A function or state machine uses the execution role SAM generates for it (`<Id>Role`); the
    // roles SAM writes for its event sources refer to it instead (the rule or schedule uses them).
    if (r.executionRole)
      edges[r.generatedFrom].emplace(r.logicalId, r.node);
    if (const Node* deps = r.node ? r.node->get("DependsOn") : nullptr) {
      if (deps->isScalar() && t.resource(deps->text)) out.emplace(deps->text, deps);
      for (const Node& d : deps->items)
        if (d.isScalar() && t.resource(d.text)) out.emplace(d.text, &d);
    }
  }
  return edges;
}

// Depth-first search; each cycle is reported once, from the resource where it is first met.
struct CycleFinder {
  const Edges& edges;
  std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done
  std::vector<std::string> path;
  std::vector<std::vector<std::string>> cycles;

  void visit(const std::string& id) {
    state[id] = 1;
    path.push_back(id);
    auto it = edges.find(id);
    if (it != edges.end()) {
      for (const auto& [next, node] : it->second) {
        if (state[next] == 1) {
          auto from = std::find(path.begin(), path.end(), next);
          cycles.emplace_back(from, path.end());
        } else if (state[next] == 0) {
          visit(next);
        }
      }
    }
    path.pop_back();
    state[id] = 2;
  }
};

// True when every Transform is SAM (or AWS::LanguageExtensions, which moves no reference).
bool onlySam(const Node& root) {
  const Node* t = root.get("Transform");
  if (!t) return true;
  auto ok = [](const Node& n) {
    return n.isScalar() && (n.text == "AWS::Serverless-2016-10-31" || n.text == "AWS::LanguageExtensions");
  };
  if (t->isSequence()) return std::all_of(t->items.begin(), t->items.end(), ok);
  return ok(*t);
}

}  // namespace

static void checkCircularReferences(RuleContext& context) {
  reportNotes(context, NoteKind::CircularReference);
  const Analysis& a = context.analysis();
  // A Transform (SAM, macros) rewrites resources and their references before CloudFormation
  // orders them: `DeploymentPreference.Alarms` of a SAM function, for one, ends up on another
  // resource. The written graph is not the one deployed.
  if (a.input != InputFormat::CloudFormation) return;
  if (a.tmpl.transformed && !onlySam(a.document.root)) return;
  Edges edges = dependencyGraph(a.tmpl);
  CycleFinder finder{edges, {}, {}, {}};
  for (const TemplateResource& r : a.tmpl.resources)
    if (finder.state[r.logicalId] == 0) finder.visit(r.logicalId);
  for (const std::vector<std::string>& cycle : finder.cycles) {
    std::string chain;
    for (const std::string& id : cycle) chain += "`" + id + "` → ";
    chain += "`" + cycle.front() + "`";
    const std::string& last = cycle.back();
    const Node* at = edges.at(last).at(cycle.front());
    context.report(at, cycle.size() == 1 ? "`" + last + "` refers to itself; CloudFormation cannot create it"
                                         : "circular dependency " + chain + "; CloudFormation cannot create these resources")
        .resource(last);
  }
}

extern const Rule kCircularReference{
    {"IAM005", "circular-reference", Level::Error, "A value a policy depends on, or a resource, refers back to itself",
     R"md(## What it does
Reports a cycle met while resolving a value a policy uses (a role whose `RoleName` is built
from its own ARN, two resources whose names refer to each other), and every cycle in the
template's dependency graph: `DependsOn`, `Ref`, `Fn::GetAtt` and `Fn::Sub` references
between resources, as CloudFormation orders creation. Deep reference chains and cycles never
make iamlint loop: resolution keeps the set of names it is resolving.

## Known limitations
Templates with a macro `Transform` are not checked for dependency cycles: the macro rewrites the
resources, and the written graph is not the deployed one. Under SAM, the references in the
properties SAM moves to the resources it generates (a function's `Events`, `Policies`,
`DeploymentPreference`, `EventInvokeConfig`, `FunctionUrlConfig`, a state machine's `Events`
and `Policies`, an API's `Auth`, a connector) are edges of the generated resources: `Policies`
become the generated role's, which the function depends on.

## Why is this bad?
CloudFormation rejects circular dependencies; the stack cannot be created.

## Example
```yaml
Role:
  Type: AWS::IAM::Role
  Properties:
    RoleName: !Sub "${Role.Arn}-copy"
```

## Use instead
Build names from parameters or pseudo parameters (`${AWS::StackName}-role`), never from the
resource's own attributes.

## References
- https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html#troubleshooting-errors-dependency-error
)md",
     "correctness"},
    checkCircularReferences};

}  // namespace iamlint
