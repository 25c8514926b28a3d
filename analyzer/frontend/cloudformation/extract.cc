// Policies of a CloudFormation template: which resource types carry one, and where.
#include <map>

#include "analyzer/frontend/cloudformation/cloudformation.h"
#include "analyzer/policy/document.h"

namespace iamlint {
namespace {

struct Extractor {
  Analysis& analysis;
  Resolver& resolver;

  void shape(const Node& node, const TemplateResource& r, std::string message) {
    analysis.notes.push_back(ModelNote{NoteKind::InvalidPolicyProperty, &node, std::move(message), r.logicalId, {}});
  }

  // A policy given as a JSON string is parsed as its own document placed where the string is.
  const Node& documentNode(const Node& node) {
    std::string error;
    const Node& document = embeddedDocument(analysis, node, error);
    if (!error.empty())
      analysis.notes.push_back(ModelNote{NoteKind::InvalidPolicyProperty, &node, "the policy in this string is not valid JSON: " + error, {}, {}});
    return document;
  }

  Policy& add(PolicyKind kind, const TemplateResource& r, std::string property, std::string name,
              const Node& documentOrString) {
    const Node& document = documentNode(documentOrString);
    Policy& p = analysis.policies.emplace_back();
    p.kind = kind;
    p.resource = r.logicalId;
    p.resourceType = r.type;
    p.property = std::move(property);
    p.name = std::move(name);
    if (!document.isMapping() || document.isIntrinsic()) {
      p.document = &document;
      if (!(document.isScalar() && document.text.empty()))
        shape(document, r, "the " + p.property + " of `" + r.logicalId +
                               "` is not a policy document (a mapping with `Statement`)");
      return p;
    }
    readPolicyDocument(document, p, resolver, analysis.notes);
    if (!document.get("Statement"))
      shape(document, r, "the policy document in " + p.property + " of `" + r.logicalId +
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
    const Node* policies = r.properties->get("Policies");
    if (!policies) return;
    if (!policies->isSequence()) {
      shape(*policies, r, "`Policies` of `" + r.logicalId + "` must be a list of {PolicyName, PolicyDocument}");
      // A single entry written without the list: CloudFormation rejects it, but its document
      // is still read so that the other rules report what is wrong inside it too.
      if (const Node* doc = policies->isMapping() ? policies->get("PolicyDocument") : nullptr) {
        Policy& p = add(PolicyKind::Identity, r, "Policies", nameOf(policies->get("PolicyName"), "Policies"), *doc);
        p.attachedTo.push_back(r.logicalId);
      }
      return;
    }
    for (size_t i = 0; i < policies->items.size(); ++i) {
      const Node& entry = policies->items[i];
      const Node* doc = entry.get("PolicyDocument");
      if (!entry.isMapping() || !doc) {
        if (!entry.isIntrinsic())
          shape(entry, r, "an entry of `Policies` in `" + r.logicalId + "` has no `PolicyDocument`");
        continue;
      }
      Policy& p = add(PolicyKind::Identity, r, "Policies/" + std::to_string(i),
                      nameOf(entry.get("PolicyName"), "Policies/" + std::to_string(i)), *doc);
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
    } else {
      // Resource type -> the property holding its policy, and the service the policy guards.
      struct ResourcePolicy {
        const char* property;
        const char* service;
      };
      static const std::map<std::string, ResourcePolicy> resourcePolicies = {
          {"AWS::S3::BucketPolicy", {"PolicyDocument", "s3"}},
          {"AWS::SQS::QueuePolicy", {"PolicyDocument", "sqs"}},
          {"AWS::SNS::TopicPolicy", {"PolicyDocument", "sns"}},
          {"AWS::KMS::Key", {"KeyPolicy", "kms"}},
          {"AWS::SecretsManager::ResourcePolicy", {"ResourcePolicy", "secretsmanager"}},
          {"AWS::ECR::Repository", {"RepositoryPolicyText", "ecr"}},
          {"AWS::OpenSearchService::Domain", {"AccessPolicies", "es"}},
          {"AWS::Elasticsearch::Domain", {"AccessPolicies", "es"}},
      };
      auto it = resourcePolicies.find(t);
      if (it != resourcePolicies.end()) {
        if (const Node* doc = props.get(it->second.property))
          add(PolicyKind::Resource, r, it->second.property, it->second.property, *doc).service = it->second.service;
      } else if (t == "AWS::Lambda::Permission") {
        lambdaPermission(r, props);
      }
    }
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
    if (const Node* f = props.get("FunctionName")) st.resourceNode = f, st.resources = resolver.resolveList(*f);
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
    p.statements.push_back(std::move(st));
  }
};

}  // namespace

void extractTemplatePolicies(Analysis& analysis, Resolver& resolver) {
  Extractor x{analysis, resolver};
  for (const TemplateResource& r : analysis.tmpl.resources) x.resource(r);
}

}  // namespace iamlint
