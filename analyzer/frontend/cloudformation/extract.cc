// Policies of a CloudFormation template: which resource types carry one, and where.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "analyzer/frontend/cloudformation/cloudformation.h"
#include "analyzer/frontend/cloudformation/policy_properties.h"
#include "analyzer/frontend/cloudformation/string_documents.h"
#include "analyzer/policy/document.h"

namespace iamlint {
namespace {

// The IAM service prefix of the resource a resource policy guards, from the resource type's
// namespace (`AWS::SQS::QueuePolicy` -> `sqs`); the namespaces whose prefix differs are listed.
std::string serviceOfType(std::string_view type) {
  if (type.rfind("AWS::", 0) != 0) return {};
  std::string_view ns = type.substr(5, type.find("::", 5) - 5);
  static const std::map<std::string_view, std::string_view> differs = {
      {"OpenSearchService", "es"}, {"Elasticsearch", "es"}, {"ApiGateway", "execute-api"},
      {"EFS", "elasticfilesystem"}, {"CloudTrail", "cloudtrail"}, {"Events", "events"}};
  if (auto it = differs.find(ns); it != differs.end()) return std::string(it->second);
  std::string out(ns);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Extractor {
  Analysis& analysis;
  Resolver& resolver;

  void shape(const Node& node, const TemplateResource& r, std::string message) {
    analysis.notes.push_back(ModelNote{NoteKind::InvalidPolicyProperty, &node, std::move(message), r.logicalId, {}});
  }

  // A policy given as a JSON string is parsed as its own document placed where the string is.
  const Node& documentNode(const Node& node) {
    std::string error;
    const Node& document = node.isIntrinsic() ? intrinsicStringDocument(analysis, resolver, node, error)
                                              : embeddedDocument(analysis, node, error);
    if (!error.empty())
      analysis.notes.push_back(ModelNote{NoteKind::InvalidPolicyProperty, &node, "the policy in this string is not valid JSON: " + error, {}, {}});
    return document;
  }

  // Policies read from the other branch of a `Fn::If` document: they get the first branch's
  // attachments once the resource is read.
  std::vector<std::pair<Policy*, Policy*>> branches;
  // What `add` returns for a policy the `--parameter` values remove: written to, never read.
  Policy discarded;

  Policy& add(PolicyKind kind, const TemplateResource& r, std::string property, std::string name,
              const Node& documentOrString, const Guard& condition = {}) {
    // `!If [C, {document}, {document or AWS::NoValue}]`: each branch is a policy of its own,
    // its statements existing under C or under !C, never together.
    const Node& d = documentOrString;
    if (d.isIntrinsic() && d.intrinsicName() == "Fn::If" && d.intrinsicArg()->isSequence() &&
        d.intrinsicArg()->items.size() == 3 && d.intrinsicArg()->items[0].isScalar()) {
      const Node& arg = *d.intrinsicArg();
      const std::string& c = arg.items[0].text;
      if (!analysis.tmpl.conditions.count(c))
        analysis.notes.push_back(ModelNote{NoteKind::UndefinedReference, &arg.items[0], "Fn::If names the condition `" + c +
                                                                        "`, which `Conditions` does not define", r.logicalId, {}});
      Policy* first = nullptr;
      std::optional<bool> fact = resolver.conditionValue(c, false);  // decided by --parameter values
      for (size_t b = 1; b < 3; ++b) {
        const Node& branch = arg.items[b];
        if (fact && *fact != (b == 1)) continue;
        if (branch.isIntrinsic() && branch.intrinsicName() == "Ref" && branch.intrinsicArg()->isScalar() &&
            branch.intrinsicArg()->text == "AWS::NoValue")
          continue;
        Guard cond = condition;
        if (!fact) cond.add({c, b != 1});
        Policy& p = add(kind, r, property, name, branch, cond);
        if (!first) first = &p;
        else branches.emplace_back(first, &p);
      }
      if (first) return *first;
      if (fact) return discarded = Policy{};  // the branch taken is AWS::NoValue: no policy
    }
    const Node& document = documentNode(documentOrString);
    Policy& p = analysis.policies.emplace_back();
    p.kind = kind;
    p.resource = r.logicalId;
    p.resourceType = r.type;
    p.property = std::move(property);
    p.name = std::move(name);
    p.transformWritten = std::find(analysis.transformWritten.begin(), analysis.transformWritten.end(),
                                   &document) != analysis.transformWritten.end();
    if (document.isIntrinsic()) {
      // `!Ref PolicyParameter`, `!ImportValue ...`, a `Fn::Sub` that is not JSON text: computed
      // at deploy time.
      p.document = &document;
      analysis.notes.push_back(ModelNote{NoteKind::NotChecked, &document, "`" + p.property + "` of `" + r.logicalId +
                                             "` is computed by " + document.intrinsicName() +
                                             "; iamlint cannot read it, so it is not checked", r.logicalId, {}});
      return p;
    }
    if (!document.isMapping()) {
      p.document = &document;
      if (!(document.isScalar() && document.text.empty()))
        shape(document, r, "`" + p.property + "` of `" + r.logicalId +
                               "` is not a policy document (a mapping with `Statement`)");
      return p;
    }
    {
      Resolver::Assuming inside(resolver, condition);
      readPolicyDocument(document, p, resolver, analysis.notes);
    }
    if (!condition.empty())
      for (Statement& st : p.statements) st.guard = Guard::both(condition, st.guard);
    if (!document.get("Statement"))
      shape(document, r, "the policy document `" + p.property + "` of `" + r.logicalId +
                             "` has no `Statement`");
    return p;
  }

  std::string nameOf(const Node* node, const std::string& fallback) {
    if (!node) return fallback;
    std::vector<Resolved> alts = resolver.resolve(*node);
    return alts.empty() ? fallback : alts[0].text;
  }

  // `Policies: [{PolicyName, PolicyDocument}]` on roles, users and groups.
  void inlinePolicies(const TemplateResource& r) {
    if (const Node* policies = r.properties->get("Policies")) inlinePolicies(r, *policies, Guard{});
  }

  void inlinePolicies(const TemplateResource& r, const Node& list, const Guard& condition) {
    const Node* policies = &list;
    // `Policies: !If [C, [...], !Ref AWS::NoValue]`: the entries of each branch, under its condition.
    if (policies->isIntrinsic() && policies->intrinsicName() == "Fn::If" && policies->intrinsicArg()->isSequence() &&
        policies->intrinsicArg()->items.size() == 3 && policies->intrinsicArg()->items[0].isScalar()) {
      const Node& arg = *policies->intrinsicArg();
      const std::string& c = arg.items[0].text;
      if (!analysis.tmpl.conditions.count(c))
        analysis.notes.push_back(ModelNote{NoteKind::UndefinedReference, &arg.items[0], "Fn::If names the condition `" + c +
                                                                        "`, which `Conditions` does not define", r.logicalId, {}});
      std::optional<bool> fact = resolver.conditionValue(c, false);
      for (size_t b = 1; b < 3; ++b) {
        const Node& branch = arg.items[b];
        if (fact && *fact != (b == 1)) continue;
        if (branch.isIntrinsic() && branch.intrinsicName() == "Ref" && branch.intrinsicArg()->isScalar() &&
            branch.intrinsicArg()->text == "AWS::NoValue")
          continue;
        Guard cond = condition;
        if (!fact) cond.add({c, b != 1});
        inlinePolicies(r, branch, cond);
      }
      return;
    }
    if (!policies->isSequence()) {
      shape(*policies, r,
            "`Policies` of `" + r.logicalId + "` is " +
                (policies->isMapping() ? "a mapping; write it as a list, one `- PolicyName: ...` entry per policy"
                                       : "not a list; it must be a list of entries with `PolicyName` and `PolicyDocument`"));
      // A single entry written without the list: CloudFormation rejects it, but its document
      // is still read so that the other rules report what is wrong inside it too.
      if (const Node* doc = policies->isMapping() ? policies->get("PolicyDocument") : nullptr) {
        Policy& p = add(PolicyKind::Identity, r, "Policies", nameOf(policies->get("PolicyName"), "Policies"), *doc,
                        condition);
        p.attachedTo.push_back(r.logicalId);
      }
      return;
    }
    for (size_t i = 0; i < policies->items.size(); ++i) {
      const Node& entry = policies->items[i];
      const Node* doc = entry.get("PolicyDocument");
      if (entry.isIntrinsic() && entry.intrinsicName() == "Fn::If" && entry.intrinsicArg()->isSequence() &&
          entry.intrinsicArg()->items.size() == 3 && entry.intrinsicArg()->items[0].isScalar()) {
        // `- !If [C, {PolicyName, PolicyDocument}, !Ref AWS::NoValue]`
        const Node& arg = *entry.intrinsicArg();
        std::optional<bool> fact = resolver.conditionValue(arg.items[0].text, false);
        for (size_t b = 1; b < 3; ++b) {
          const Node* d = arg.items[b].isMapping() ? arg.items[b].get("PolicyDocument") : nullptr;
          if (!d || (fact && *fact != (b == 1))) continue;
          Guard cond = condition;
          if (!fact) cond.add({arg.items[0].text, b != 1});
          Policy& p = add(PolicyKind::Identity, r, "Policies/" + std::to_string(i),
                          nameOf(arg.items[b].get("PolicyName"), "Policies/" + std::to_string(i)), *d,
                          cond);
          p.attachedTo.push_back(r.logicalId);
        }
        continue;
      }
      if (!entry.isMapping() || !doc) {
        if (!entry.isIntrinsic())
          shape(entry, r, "an entry of `Policies` in `" + r.logicalId + "` has no `PolicyDocument`");
        continue;
      }
      Policy& p = add(PolicyKind::Identity, r, "Policies/" + std::to_string(i),
                      nameOf(entry.get("PolicyName"), "Policies/" + std::to_string(i)), *doc, condition);
      p.attachedTo.push_back(r.logicalId);
    }
  }

  std::vector<std::string> targets(const TemplateResource& r, const char* property) {
    std::vector<std::string> out;
    const Node* list = r.properties->get(property);
    if (!list) return out;
    for (const Value& v : resolver.resolveList(*list)) {
      // A `Ref` to a role in this template resolves to its name; keep the logical id instead.
      const Node* n = v.node;
      if (n && n->isIntrinsic() && n->intrinsicName() == "Ref" && n->intrinsicArg()->isScalar() &&
          analysis.tmpl.resource(n->intrinsicArg()->text)) {
        out.push_back(n->intrinsicArg()->text);
        continue;
      }
      for (const Resolved& alt : v.alts) out.push_back(alt.text);
    }
    return out;
  }

  void resource(const TemplateResource& r) {
    const std::string& t = r.type;
    if (!r.properties || !r.properties->isMapping()) return;
    const Node& props = *r.properties;
    if (t == "AWS::IAM::Role") {
      if (const Node* trust = props.get("AssumeRolePolicyDocument"))
        add(PolicyKind::Trust, r, "AssumeRolePolicyDocument", "trust policy", *trust);
      inlinePolicies(r);
    } else if (t == "AWS::IAM::User" || t == "AWS::IAM::Group") {
      inlinePolicies(r);
    } else if (t == "AWS::IAM::Policy" || t == "AWS::IAM::ManagedPolicy") {
      const Node* doc = props.get("PolicyDocument");
      if (!doc) {
        shape(*r.node, r, "`" + r.logicalId + "` (" + t + ") has no `PolicyDocument`");
        return;
      }
      std::string name = nameOf(props.get(t == "AWS::IAM::Policy" ? "PolicyName" : "ManagedPolicyName"),
                                r.logicalId);
      Policy& p = add(PolicyKind::Identity, r, "PolicyDocument", name, *doc);
      p.customerManaged = t == "AWS::IAM::ManagedPolicy";
      for (const char* prop : {"Roles", "Users", "Groups"})
        for (std::string& target : targets(r, prop)) p.attachedTo.push_back(std::move(target));
    } else if (t == "AWS::IAM::RolePolicy" || t == "AWS::IAM::UserPolicy" || t == "AWS::IAM::GroupPolicy") {
      const Node* doc = props.get("PolicyDocument");
      if (!doc) return;
      Policy& p = add(PolicyKind::Identity, r, "PolicyDocument", nameOf(props.get("PolicyName"), r.logicalId), *doc);
      const char* owner = t == "AWS::IAM::RolePolicy" ? "RoleName" : t == "AWS::IAM::UserPolicy" ? "UserName" : "GroupName";
      if (const Node* o = props.get(owner)) {
        if (o->isIntrinsic() && o->intrinsicName() == "Ref" && o->intrinsicArg()->isScalar())
          p.attachedTo.push_back(o->intrinsicArg()->text);
        else
          p.attachedTo.push_back(nameOf(o, ""));
      }
    } else if (t == "AWS::Organizations::Policy") {
      organizationPolicy(r, props);
    } else if (hasPolicyProperties(t)) {
      // Every other type, from the table generated out of the CloudFormation schemas.
      for (const FoundPolicyProperty& f : findPolicyProperties(r)) {
        if (f.row->form == "permission" && t == "AWS::Lambda::LayerVersionPermission") layerPermission(r, props);
        else if (f.row->form == "permission") lambdaPermission(r, props);
        else if (f.row->form == "statement") eventBusStatement(r, *f.node);
        else {
          Policy& p = add(f.row->kind, r, f.path, f.path, *f.node);
          if (p.kind == PolicyKind::Resource) p.service = serviceOfType(t);
        }
      }
    } else if (t.rfind("AWS::Serverless::", 0) != 0 && t.rfind("Custom::", 0) != 0) {
      // A document-shaped policy on a type the table has no row for: say it was not read.
      for (size_t i = 0; i < props.keys.size(); ++i)
        if (props.items[i].isMapping() && props.items[i].get("Statement") &&
            props.keys[i].text.find("Polic") != std::string::npos)
          analysis.notes.push_back(ModelNote{NoteKind::NotChecked, &props.keys[i], "`" + props.keys[i].text + "` of `" +
                                                 r.logicalId + "` (" + t + ") looks like a policy; iamlint does not read "
                                                 "this type's policies, so it is not checked", r.logicalId, {}});
    }
  }

  // `AWS::Organizations::Policy` of type SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY: its
  // `Content` (a document or JSON text) is kept apart from the template's policies.
  void organizationPolicy(const TemplateResource& r, const Node& props) {
    const Node* type = props.get("Type");
    const Node* content = props.get("Content");
    if (!type || !type->isScalar() || !content) return;
    bool scp = type->text == "SERVICE_CONTROL_POLICY";
    if (!scp && type->text != "RESOURCE_CONTROL_POLICY") return;
    const Node& document = documentNode(*content);
    if (!document.isMapping()) return;
    Policy& p = (scp ? analysis.serviceControlPolicies : analysis.resourceControlPolicies).emplace_back();
    p.kind = scp ? PolicyKind::Identity : PolicyKind::Resource;
    p.resource = r.logicalId;
    p.resourceType = r.type;
    p.property = "Content";
    p.name = nameOf(props.get("Name"), r.logicalId);
    readPolicyDocument(document, p, resolver, analysis.notes);
  }

  // `AWS::Lambda::LayerVersionPermission`: Action, LayerVersionArn, Principal (an account or
  // `*`) and OrganizationId, read as the statement they stand for, on the nodes written.
  void layerPermission(const TemplateResource& r, const Node& props) {
    Node st;
    st.kind = NodeKind::Mapping;
    st.range = props.range;
    auto put = [&](const char* key, Node value) {
      Node k;
      k.kind = NodeKind::Scalar;
      k.text = key;
      k.range = value.range;
      st.keys.push_back(std::move(k));
      st.items.push_back(std::move(value));
    };
    auto text = [&](const char* s, const Range& at) {
      Node n;
      n.kind = NodeKind::Scalar;
      n.text = s;
      n.range = at;
      return n;
    };
    put("Effect", text("Allow", props.range));
    if (const Node* a = props.get("Action")) put("Action", *a);
    if (const Node* l = props.get("LayerVersionArn")) put("Resource", *l);
    if (const Node* pr = props.get("Principal")) {
      if (pr->isScalar() && pr->text == "*") {
        put("Principal", *pr);
      } else {
        Node m;
        m.kind = NodeKind::Mapping;
        m.range = pr->range;
        m.keys.push_back(text("AWS", pr->range));
        m.items.push_back(*pr);
        put("Principal", std::move(m));
      }
    }
    if (const Node* org = props.get("OrganizationId")) {
      Node key = text("aws:PrincipalOrgID", org->range);
      Node inner;
      inner.kind = NodeKind::Mapping;
      inner.range = org->range;
      inner.keys.push_back(std::move(key));
      inner.items.push_back(*org);
      Node cond;
      cond.kind = NodeKind::Mapping;
      cond.range = org->range;
      cond.keys.push_back(text("StringEquals", org->range));
      cond.items.push_back(std::move(inner));
      put("Condition", std::move(cond));
    }
    eventBusStatement(r, st, "Properties", &props);
  }

  // `AWS::Events::EventBusPolicy` `Statement`: one statement, read as a document of one.
  void eventBusStatement(const TemplateResource& r, const Node& statement, const char* property = "Statement",
                         const Node* host = nullptr) {
    Document& doc = analysis.embeddedDocuments.emplace_back();
    doc.root.kind = NodeKind::Mapping;
    doc.root.range = statement.range;
    Node key;
    key.kind = NodeKind::Scalar;
    key.text = "Statement";
    key.range = statement.range;
    doc.root.keys.push_back(std::move(key));
    doc.root.items.push_back(statement);
    Node version = doc.root.keys[0];
    version.text = "Version";
    doc.root.keys.push_back(std::move(version));
    Node v = doc.root.keys[0];
    v.text = "2012-10-17";
    doc.root.items.push_back(std::move(v));
    linkParents(doc.root);
    doc.root.parent = host ? host : &statement;
    add(PolicyKind::Resource, r, property, property, doc.root).service = serviceOfType(r.type);
  }

  // A Lambda permission is a resource-policy statement written as properties.
  void lambdaPermission(const TemplateResource& r, const Node& props) {
    Policy& p = analysis.policies.emplace_back();
    p.kind = PolicyKind::Resource;
    p.resource = r.logicalId;
    p.resourceType = r.type;
    p.property = "Properties";
    p.name = "Lambda permission";
    p.synthesized = true;
    p.service = "lambda";
    p.document = &props;
    Statement st;
    st.node = &props;
    st.effect = Effect::Allow;
    if (const Node* a = props.get("Action")) st.actionNode = a, st.actions = resolver.resolveList(*a);
    const Node* target = props.get("FunctionName") ? props.get("FunctionName") : props.get("LayerVersionArn");
    if (target) st.resourceNode = target, st.resources = resolver.resolveList(*target);
    if (const Node* pr = props.get("Principal")) {
      st.principalNode = pr;
      PrincipalEntry e;
      std::vector<Value> values = resolver.resolveList(*pr);
      const std::string* lit = values.empty() ? nullptr : values[0].literal();
      e.type = lit && *lit == "*" ? "*" : lit && lit->find(".amazonaws.com") != std::string::npos ? "Service" : "AWS";
      e.typeNode = pr;
      e.values = std::move(values);
      st.principals.push_back(std::move(e));
    }
    auto condition = [&](const char* prop, const char* op, const char* key) {
      if (const Node* n = props.get(prop)) {
        ConditionEntry c;
        c.op = op;
        c.opNode = &props.keys[0];
        for (size_t i = 0; i < props.keys.size(); ++i)
          if (&props.items[i] == n) c.opNode = &props.keys[i], c.keyNode = &props.keys[i];
        c.key = key;
        c.values = resolver.resolveList(*n);
        st.conditions.push_back(std::move(c));
      }
    };
    condition("SourceArn", "ArnLike", "aws:SourceArn");
    condition("SourceAccount", "StringEquals", "aws:SourceAccount");
    condition("PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID");
    condition("OrganizationId", "StringEquals", "aws:PrincipalOrgID");  // LayerVersionPermission
    p.statements.push_back(std::move(st));
  }
};

}  // namespace

namespace {

Node scalarNode(std::string text) {
  Node n;
  n.kind = NodeKind::Scalar;
  n.text = std::move(text);
  return n;
}

// `{Fn::GetAtt: [id, Arn]}` or `{Ref: id}`, made to ask the resolver for a resource's ARN.
Node intrinsicNode(const std::string& name, const std::string& logicalId) {
  Node n;
  n.kind = NodeKind::Mapping;
  n.keys.push_back(scalarNode(name));
  if (name == "Ref") {
    n.items.push_back(scalarNode(logicalId));
  } else {
    Node args;
    args.kind = NodeKind::Sequence;
    args.items.push_back(scalarNode(logicalId));
    args.items.push_back(scalarNode("Arn"));
    n.items.push_back(std::move(args));
  }
  return n;
}

bool arnShaped(const std::vector<Resolved>& alts) {
  if (alts.empty()) return false;
  for (const Resolved& r : alts)
    if (r.text.rfind("arn:", 0) != 0) return false;
  return true;
}

// The ARN a resource policy's target names: a Ref or GetAtt of a resource of the template is
// that resource's ARN; otherwise the written value, turned into an ARN by `toArn`.
std::vector<Resolved> targetArns(const Analysis& analysis, Resolver& resolver, const Node& value,
                                 const std::function<std::vector<Resolved>(const Resolved&)>& toArn) {
  if (value.isIntrinsic() && (value.intrinsicName() == "Ref" || value.intrinsicName() == "Fn::GetAtt")) {
    const Node* arg = value.intrinsicArg();
    std::string id = arg->isScalar() ? arg->text.substr(0, arg->text.find('.'))
                     : arg->isSequence() && !arg->items.empty() && arg->items[0].isScalar() ? arg->items[0].text
                                                                                            : std::string();
    if (auto it = analysis.arns.find(id); it != analysis.arns.end()) return it->second;
  }
  std::vector<Resolved> out;
  for (const Resolved& alt : resolver.resolve(value))
    for (Resolved& a : toArn(alt)) out.push_back(std::move(a));
  return out;
}

std::vector<Resolved> regionalArn(const std::string& service, const std::string& middle, const Resolved& name) {
  if (name.text.rfind("arn:", 0) == 0) return {name};
  return concat(concat(concat({literal("arn:aws:" + service + ":")}, {symbolic("AWS::Region")}),
                       concat({literal(":")}, {symbolic("AWS::AccountId")})),
                concat({literal(":" + middle)}, {name}));
}

}  // namespace

void linkResourcePolicies(Analysis& analysis, Resolver& resolver) {
  // Resolution for this link must not report anything: its nodes are made up here, and every
  // written value it reads was already resolved (and reported) by extraction.
  size_t notes = analysis.notes.size();
  for (const TemplateResource& r : analysis.tmpl.resources) {
    std::vector<Resolved> arn = resolver.resolve(intrinsicNode("Fn::GetAtt", r.logicalId));
    // Types whose Ref is their ARN but whose ARN iamlint does not spell: the Ref stands for it.
    if (!arnShaped(arn) && (r.type == "AWS::SecretsManager::Secret" || r.type == "AWS::SNS::Topic"))
      arn = resolver.resolve(intrinsicNode("Ref", r.logicalId));
    else if (!arnShaped(arn))
      continue;
    for (Resolved& a : arn) a.origin = {};
    analysis.arns.emplace(r.logicalId, std::move(arn));
  }
  auto self = [&](const std::string& id) {
    auto it = analysis.arns.find(id);
    return it == analysis.arns.end() ? std::vector<Resolved>{} : it->second;
  };
  for (Policy& p : analysis.policies) {
    if (p.kind == PolicyKind::Trust) {
      p.guards = self(p.resource);
      continue;
    }
    if (p.kind != PolicyKind::Resource || p.resource.empty()) continue;
    const TemplateResource* r = analysis.tmpl.resource(p.resource);
    if (!r || !r->properties || !r->properties->isMapping()) continue;
    const Node& props = *r->properties;
    auto each = [&](const char* property, const std::function<std::vector<Resolved>(const Resolved&)>& toArn) {
      const Node* list = props.get(property);
      if (!list) return;
      std::vector<const Node*> values;
      if (list->isSequence())
        for (const Node& n : list->items) values.push_back(&n);
      else
        values.push_back(list);
      for (const Node* v : values)
        for (Resolved& a : targetArns(analysis, resolver, *v, toArn)) p.guards.push_back(std::move(a));
    };
    const std::string& t = r->type;
    if (t == "AWS::S3::BucketPolicy") {
      each("Bucket", [](const Resolved& name) {
        return name.text.rfind("arn:", 0) == 0 ? std::vector<Resolved>{name} : concat({literal("arn:aws:s3:::")}, {name});
      });
    } else if (t == "AWS::SQS::QueuePolicy") {
      // A queue URL `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` is the ARN
      // `arn:aws:sqs:REGION:ACCOUNT:NAME`.
      each("Queues", [](const Resolved& url) -> std::vector<Resolved> {
        if (!url.exact() || url.text.rfind("https://sqs.", 0) != 0) return {};
        std::string rest = url.text.substr(12);
        size_t dot = rest.find('.'), slash = rest.find('/'), last = rest.rfind('/');
        if (dot == std::string::npos || slash == std::string::npos || last == slash) return {};
        return {literal("arn:aws:sqs:" + rest.substr(0, dot) + ":" + rest.substr(slash + 1, last - slash - 1) + ":" +
                        rest.substr(last + 1))};
      });
    } else if (t == "AWS::SNS::TopicPolicy") {
      each("Topics", [](const Resolved& a) { return std::vector<Resolved>{a}; });
    } else if (t == "AWS::SecretsManager::ResourcePolicy") {
      each("SecretId", [](const Resolved& a) { return regionalArn("secretsmanager", "secret:", a); });
    } else if (t == "AWS::Lambda::Permission") {
      each("FunctionName", [](const Resolved& a) { return regionalArn("lambda", "function:", a); });
    } else {
      // A policy property of the resource itself: a key policy, a repository policy, ...
      p.guards = self(r->logicalId);
    }
  }
  analysis.notes.resize(notes);
}

void extractTemplatePolicies(Analysis& analysis, Resolver& resolver) {
  Extractor x{analysis, resolver, {}, {}};
  for (const TemplateResource& r : analysis.tmpl.resources) {
    // A resource whose `Condition` the --parameter values make false is not created; under a
    // condition not decided, its values are read as inside it.
    std::optional<bool> fact = r.condition.empty() ? std::optional<bool>(true) : resolver.conditionValue(r.condition, false);
    if (fact == false) continue;
    Guard own;
    if (!fact) own.add({r.condition, false});
    Resolver::Assuming inside(resolver, own);
    x.resource(r);
  }
  for (auto [first, other] : x.branches) other->attachedTo = first->attachedTo;
  for (Policy& p : analysis.policies) p.guarded = guardedResourceOfType(p.resourceType);
}

}  // namespace iamlint
