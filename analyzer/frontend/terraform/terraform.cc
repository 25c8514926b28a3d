// Terraform JSON output (`terraform show -json`, docs/terraform.md): a plan's `planned_values`
// or a state's `values`, module by module, becomes policies and principals. Policies are JSON
// strings in it, parsed where they are written; values known only after apply (a change's
// `after_unknown`) are holes. Attachments are linked to roles, users and groups by name, by
// ARN, or through the references of the plan's `configuration` when the name is not known.
#include "analyzer/frontend/terraform/terraform.h"

#include <strings.h>

#include <algorithm>
#include <map>
#include <set>

#include "analyzer/frontend/cloudformation/policy_properties.h"
#include "analyzer/frontend/cloudformation/resolver.h"
#include "analyzer/policy/document.h"
#include "iamlint/catalog.h"

namespace iamlint {
namespace {

// An attribute holding a policy document as a JSON string. `awsType` is the CloudFormation
// name of the AWS resource, which names the policy the same way for both inputs; `computed`
// attributes get a value from AWS when not set, so an unknown one is a hole only when the
// configuration sets it.
struct PolicyAttribute {
  std::string_view type, attribute;
  PolicyKind kind;
  std::string_view awsType, service;
  bool computed = false;
};

constexpr PolicyAttribute kPolicyAttributes[] = {
    {"aws_iam_role", "assume_role_policy", PolicyKind::Trust, "AWS::IAM::Role", ""},
    {"aws_iam_policy", "policy", PolicyKind::Identity, "AWS::IAM::ManagedPolicy", ""},
    {"aws_iam_role_policy", "policy", PolicyKind::Identity, "AWS::IAM::RolePolicy", ""},
    {"aws_iam_user_policy", "policy", PolicyKind::Identity, "AWS::IAM::UserPolicy", ""},
    {"aws_iam_group_policy", "policy", PolicyKind::Identity, "AWS::IAM::GroupPolicy", ""},
    {"aws_s3_bucket_policy", "policy", PolicyKind::Resource, "AWS::S3::BucketPolicy", "s3"},
    {"aws_s3_bucket", "policy", PolicyKind::Resource, "AWS::S3::BucketPolicy", "s3", true},
    {"aws_s3_access_point", "policy", PolicyKind::Resource, "AWS::S3::AccessPoint", "s3", true},
    {"aws_s3control_access_point_policy", "policy", PolicyKind::Resource, "AWS::S3::AccessPoint", "s3"},
    {"aws_s3tables_table_bucket_policy", "resource_policy", PolicyKind::Resource, "AWS::S3Tables::TableBucketPolicy", "s3tables"},
    {"aws_s3tables_table_policy", "resource_policy", PolicyKind::Resource, "AWS::S3Tables::TablePolicy", "s3tables"},
    {"aws_sqs_queue_policy", "policy", PolicyKind::Resource, "AWS::SQS::QueuePolicy", "sqs"},
    {"aws_sqs_queue", "policy", PolicyKind::Resource, "AWS::SQS::QueuePolicy", "sqs", true},
    {"aws_sns_topic_policy", "policy", PolicyKind::Resource, "AWS::SNS::TopicPolicy", "sns"},
    {"aws_sns_topic", "policy", PolicyKind::Resource, "AWS::SNS::TopicPolicy", "sns", true},
    {"aws_kms_key", "policy", PolicyKind::Resource, "AWS::KMS::Key", "kms", true},
    {"aws_kms_key_policy", "policy", PolicyKind::Resource, "AWS::KMS::Key", "kms"},
    {"aws_secretsmanager_secret_policy", "policy", PolicyKind::Resource, "AWS::SecretsManager::ResourcePolicy", "secretsmanager"},
    {"aws_secretsmanager_secret", "policy", PolicyKind::Resource, "AWS::SecretsManager::ResourcePolicy", "secretsmanager", true},
    {"aws_ecr_repository_policy", "policy", PolicyKind::Resource, "AWS::ECR::Repository", "ecr"},
    {"aws_ecr_registry_policy", "policy", PolicyKind::Resource, "AWS::ECR::RegistryPolicy", "ecr"},
    {"aws_opensearch_domain", "access_policies", PolicyKind::Resource, "AWS::OpenSearchService::Domain", "es", true},
    {"aws_opensearch_domain_policy", "access_policies", PolicyKind::Resource, "AWS::OpenSearchService::Domain", "es"},
    {"aws_elasticsearch_domain", "access_policies", PolicyKind::Resource, "AWS::Elasticsearch::Domain", "es", true},
    {"aws_elasticsearch_domain_policy", "access_policies", PolicyKind::Resource, "AWS::Elasticsearch::Domain", "es"},
    {"aws_api_gateway_rest_api", "policy", PolicyKind::Resource, "AWS::ApiGateway::RestApi", "execute-api", true},
    {"aws_api_gateway_rest_api_policy", "policy", PolicyKind::Resource, "AWS::ApiGateway::RestApi", "execute-api"},
    {"aws_backup_vault_policy", "policy", PolicyKind::Resource, "AWS::Backup::BackupVault", "backup"},
    {"aws_codeartifact_domain_permissions_policy", "policy_document", PolicyKind::Resource, "AWS::CodeArtifact::Domain", "codeartifact"},
    {"aws_codeartifact_repository_permissions_policy", "policy_document", PolicyKind::Resource, "AWS::CodeArtifact::Repository", "codeartifact"},
    {"aws_dynamodb_resource_policy", "policy", PolicyKind::Resource, "AWS::DynamoDB::Table", "dynamodb"},
    {"aws_kinesis_resource_policy", "policy", PolicyKind::Resource, "AWS::Kinesis::ResourcePolicy", "kinesis"},
    {"aws_cloudwatch_log_resource_policy", "policy_document", PolicyKind::Resource, "AWS::Logs::ResourcePolicy", "logs"},
    {"aws_cloudwatch_log_destination_policy", "access_policy", PolicyKind::Resource, "AWS::Logs::Destination", "logs"},
    {"aws_cloudwatch_event_bus_policy", "policy", PolicyKind::Resource, "AWS::Events::EventBusPolicy", "events"},
    {"aws_efs_file_system_policy", "policy", PolicyKind::Resource, "AWS::EFS::FileSystem", "elasticfilesystem"},
    {"aws_glacier_vault", "access_policy", PolicyKind::Resource, "AWS::Glacier::Vault", "glacier"},
    {"aws_vpc_endpoint", "policy", PolicyKind::Endpoint, "AWS::EC2::VPCEndpoint", "", true},
};

const PolicyAttribute& attributeOf(std::string_view type) {
  for (const PolicyAttribute& a : kPolicyAttributes)
    if (a.type == type) return a;
  return kPolicyAttributes[0];
}

struct TfResource {
  std::string address, type, mode;
  std::string modulePrefix;  // `module.a["x"].` or empty for the root module
  const Node* node = nullptr;     // the resource object
  const Node* values = nullptr;   // its `values` (absent when nothing is known before apply)
  const Node* unknown = nullptr;  // `after_unknown` of its planned change
  const Node* config = nullptr;   // `expressions` of its configuration block
  size_t index = 0;               // in `analysis.tmpl.resources`
};

// `module.a["k"].aws_iam_role.x[0]` without instance keys: `module.a.aws_iam_role.x`.
std::string withoutKeys(std::string_view address) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < address.size(); ++i) {
    char c = address[i];
    if (depth > 0) {
      if (quoted && c == '\\') ++i;
      else if (c == '"') quoted = !quoted;
      else if (!quoted && c == ']') --depth;
      continue;
    }
    if (c == '[') ++depth;
    else out += c;
  }
  return out;
}

// The instance key at the end of an address (`[0]`, `["a"]`), or empty.
std::string_view instanceKey(std::string_view address) {
  if (address.empty() || address.back() != ']') return {};
  size_t open = address.rfind('[');
  return open == std::string_view::npos ? std::string_view() : address.substr(open);
}

// A policy document as a comparable string: keys sorted, a list of one the same as its
// element. Terraform rewrites a policy's JSON (`jsonencode`, the provider's normalisation), so
// a data source's `json` and the attribute that uses it need not be the same text.
void canonical(const Node& n, std::string& out) {
  if (n.isSequence() && n.items.size() == 1) return canonical(n.items[0], out);
  if (n.isScalar()) {
    out += '"';
    for (char c : n.text) out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    out += '"';
  } else if (n.isSequence()) {
    out += '[';
    for (const Node& c : n.items) canonical(c, out), out += ',';
    out += ']';
  } else if (n.isMapping()) {
    std::vector<size_t> order(n.keys.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return n.keys[x].text < n.keys[y].text; });
    out += '{';
    for (size_t i : order) {
      canonical(n.keys[i], out);
      out += ':';
      canonical(n.items[i], out);
      out += ',';
    }
    out += '}';
  } else {
    out += "null";
  }
}

std::string canonical(const Node& n) {
  std::string out;
  canonical(n, out);
  return out;
}

// Every reference in a configuration expression tree.
void collectReferences(const Node& n, std::vector<std::string>& out, size_t depth = 0) {
  if (depth > 32) return;
  if (n.isMapping())
    if (const Node* refs = n.get("references"); refs && refs->isSequence())
      for (const Node& r : refs->items)
        if (r.isScalar()) out.push_back(r.text);
  for (const Node& c : n.items) collectReferences(c, out, depth + 1);
}

bool isTrue(const Node* n) { return n && n->isScalar() && n->style == ScalarStyle::JsonBool && n->text == "true"; }

class Reader {
 public:
  Reader(Analysis& analysis, const AnalysisOptions& options)
      : a_(analysis), resolver_(nullptr, options.parameters, analysis.notes) {}

  void read() {
    const Node& root = a_.document.root;
    indexConfiguration(root);
    if (const Node* changes = root.get("resource_changes"); changes && changes->isSequence())
      for (const Node& c : changes->items) {
        const Node* address = c.get("address");
        const Node* change = c.get("change");
        if (address && address->isScalar() && change && change->isMapping())
          unknownByAddress_[address->text] = change->get("after_unknown");
      }
    const Node* planned = root.get("planned_values");
    const Node* values = planned ? planned : root.get("values");
    if (values && values->isMapping()) walkModule(values->get("root_module"), "", false);
    // Data sources read while planning are in the prior state only.
    if (const Node* prior = root.get("prior_state"); prior && prior->isMapping())
      if (const Node* pv = prior->get("values"); pv && pv->isMapping()) walkModule(pv->get("root_module"), "", true);
    buildModel();
    // What each resource policy guards, by the CloudFormation type its row maps to.
    for (Policy& p : a_.policies) p.guarded = guardedResourceOfType(p.resourceType);
  }

 private:
  void indexConfiguration(const Node& root) {
    const Node* config = root.get("configuration");
    if (config && config->isMapping()) indexConfigModule(config->get("root_module"), "", 0);
  }

  void indexConfigModule(const Node* module, const std::string& prefix, size_t depth) {
    if (!module || !module->isMapping() || depth > 64) return;
    if (const Node* rs = module->get("resources"); rs && rs->isSequence())
      for (const Node& r : rs->items) {
        const Node* address = r.get("address");
        const Node* expressions = r.get("expressions");
        if (address && address->isScalar() && expressions && expressions->isMapping()) {
          configByAddress_[prefix + address->text] = expressions;
          std::vector<std::string> refs;
          collectReferences(*expressions, refs);
          for (const std::string& ref : refs) useDocument(prefix, ref);
        }
      }
    if (const Node* calls = module->get("module_calls"); calls && calls->isMapping())
      for (size_t i = 0; i < calls->keys.size(); ++i) {
        std::string inner = prefix + "module." + calls->keys[i].text + ".";
        callExpressions_[inner] = calls->items[i].get("expressions");
        std::vector<std::string> refs;
        if (const Node* e = callExpressions_[inner]) collectReferences(*e, refs);
        for (const std::string& ref : refs) useDocument(prefix, ref);
        indexConfigModule(calls->items[i].get("module"), inner, depth + 1);
      }
  }

  // `data.aws_iam_policy_document.x.json`, referenced from a module at `prefix`: that data
  // source's document is checked where it is used.
  void useDocument(const std::string& prefix, const std::string& ref) {
    static constexpr std::string_view kData = "data.aws_iam_policy_document.";
    if (ref.rfind(kData, 0) != 0) return;
    size_t end = ref.find_first_of(".[", kData.size());
    usedDocuments_.insert(prefix + ref.substr(0, end));
  }

  void walkModule(const Node* module, const std::string& prefix, bool dataOnly, size_t depth = 0) {
    if (!module || !module->isMapping() || depth > 64) return;
    if (const Node* rs = module->get("resources"); rs && rs->isSequence())
      for (const Node& r : rs->items) {
        const Node* address = r.get("address");
        const Node* type = r.get("type");
        const Node* mode = r.get("mode");
        if (!address || !address->isScalar() || !type || !type->isScalar()) continue;
        std::string m = mode && mode->isScalar() ? mode->text : "managed";
        if (dataOnly && m != "data") continue;
        if (!seen_.insert(address->text).second) continue;
        TfResource t;
        t.address = address->text;
        t.type = type->text;
        t.mode = m;
        t.modulePrefix = prefix;
        t.node = &r;
        t.values = r.get("values");
        if (t.values && !t.values->isMapping()) t.values = nullptr;
        if (auto it = unknownByAddress_.find(t.address); it != unknownByAddress_.end() && it->second &&
                                                          it->second->isMapping())
          t.unknown = it->second;
        std::string relative = withoutKeys(std::string_view(t.address).substr(std::min(prefix.size(), t.address.size())));
        if (auto it = configByAddress_.find(withoutKeys(prefix) + relative); it != configByAddress_.end())
          t.config = it->second;
        resources_.push_back(std::move(t));
      }
    if (const Node* children = module->get("child_modules"); children && children->isSequence())
      for (const Node& child : children->items) {
        const Node* address = child.get("address");
        if (address && address->isScalar()) walkModule(&child, address->text + ".", dataOnly, depth + 1);
      }
  }

  // --- values --------------------------------------------------------------------------

  static const Node* value(const TfResource& r, std::string_view key) {
    const Node* v = r.values ? r.values->get(key) : nullptr;
    return v && !v->isNull() ? v : nullptr;
  }

  static bool unknown(const TfResource& r, std::string_view key) {
    if (r.unknown) return isTrue(r.unknown->get(key));
    // No values at all and no change saying which are known: nothing is.
    return !r.values;
  }

  static bool configured(const TfResource& r, std::string_view key) { return r.config && r.config->get(key); }

  const Node* at(const TfResource& r) const {
    const Node* address = r.node->get("address");
    return address ? address : r.node;
  }

  void notChecked(const TfResource& r, const std::string& what) {
    a_.notes.push_back(ModelNote{NoteKind::NotChecked, at(r),
                                 what + " of `" + r.address + "` is known only after apply; iamlint cannot read it, "
                                        "so it is not checked",
                                 r.address, {}});
  }

  std::string nameOf(const TfResource& r) {
    const Node* n = value(r, "name");
    return n && n->isScalar() ? n->text : std::string();
  }

  // A policy written as a JSON string at `text` (a value of `r`); null when it is not one.
  Policy* policyAt(const TfResource& r, const Node& text, PolicyKind kind, std::string_view awsType,
                   std::string property, std::string name, bool documentOnly = false) {
    if (!text.isScalar() || text.text.find_first_not_of(" \t\r\n") == std::string::npos) return nullptr;
    std::string error;
    const Node& document = embeddedDocument(a_, text, error);
    if (!error.empty()) {
      a_.notes.push_back(ModelNote{NoteKind::InvalidPolicyProperty, &text,
                                   "the policy in this string is not valid JSON: " + error, r.address, {}});
      return nullptr;
    }
    if (&document == &text || !document.isMapping()) {
      a_.notes.push_back(ModelNote{NoteKind::InvalidPolicyProperty, &text,
                                   "`" + property + "` of `" + r.address + "` is not a policy document (a JSON object with `Statement`)",
                                   r.address, {}});
      return nullptr;
    }
    if (documentOnly && (readDocuments_.count(canonical(document)) || usedDocuments_.count(withoutKeys(r.address))))
      return nullptr;
    readTexts_.insert(text.text);
    readDocuments_.insert(canonical(document));
    Policy& p = a_.policies.emplace_back();
    p.kind = kind;
    p.resource = r.address;
    p.resourceType = std::string(awsType);
    p.property = std::move(property);
    p.name = name.empty() ? p.property : std::move(name);
    readPolicyDocument(document, p, resolver_, a_.notes);
    if (!document.get("Statement"))
      a_.notes.push_back(ModelNote{NoteKind::InvalidPolicyProperty, &document,
                                   "the policy document `" + p.property + "` of `" + r.address + "` has no `Statement`",
                                   r.address, {}});
    return &p;
  }

  // The attribute's policy, or null with a note when it is known only after apply.
  Policy* policyAttribute(const TfResource& r, const PolicyAttribute& attr, std::string name) {
    const Node* text = value(r, attr.attribute);
    // A computed policy the configuration does not set reflects one another resource sets
    // (`aws_s3_bucket.policy` mirrors the `aws_s3_bucket_policy`): it is read there.
    if (text && attr.computed && r.config && !configured(r, attr.attribute)) return nullptr;
    if (text) {
      Policy* p = policyAt(r, *text, attr.kind, attr.awsType, std::string(attr.attribute), std::move(name));
      if (p && !attr.service.empty()) p->service = std::string(attr.service);
      return p;
    }
    if (unknown(r, attr.attribute) && (!attr.computed || configured(r, attr.attribute)))
      notChecked(r, "`" + std::string(attr.attribute) + "`");
    return nullptr;
  }

  // --- the model -----------------------------------------------------------------------

  struct Principal {
    size_t index;  // in analysis.principals
    const TfResource* resource;
  };

  void buildModel() {
    Template& t = a_.tmpl;
    t.document = &a_.document;
    for (TfResource& r : resources_) {
      r.index = t.resources.size();
      TemplateResource& tr = t.resources.emplace_back();
      tr.logicalId = r.address;
      tr.type = r.mode == "data" ? "data." + r.type : r.type;
      tr.node = r.node;
      tr.properties = r.values;
      t.resourceIndex.emplace(r.address, r.index);
      t.resourceByNode.emplace(r.node, r.index);
      resourceByAddress_.emplace(r.address, &r);
      if (std::string_view key = instanceKey(r.address); !key.empty())
        keyedByBase_[r.address.substr(0, r.address.size() - key.size())].push_back(&r);
      if (r.mode == "managed" && r.type == "aws_iam_policy" && !nameOf(r).empty())
        policyByName_.emplace(nameOf(r), r.address);
    }
    for (const TfResource& r : resources_) {
      PrincipalKind kind;
      if (r.mode != "managed") continue;
      if (r.type == "aws_iam_role") kind = PrincipalKind::Role;
      else if (r.type == "aws_iam_user") kind = PrincipalKind::User;
      else if (r.type == "aws_iam_group") kind = PrincipalKind::Group;
      else continue;
      IamPrincipal& pr = a_.principals.emplace_back();
      pr.logicalId = r.address;
      pr.kind = kind;
      pr.type = r.type;
      pr.resource = &t.resources[r.index];
      principals_.push_back({a_.principals.size() - 1, &r});
      principalByAddress_.emplace(r.address, a_.principals.size() - 1);
      if (std::string name = nameOf(r); !name.empty()) principalByName_[{kind, name}].push_back(a_.principals.size() - 1);
    }
    // Customer managed policies first, so that attachments find them.
    for (const TfResource& r : resources_)
      if (r.mode == "managed" && r.type == "aws_iam_policy") {
        Policy* p = policyAttribute(r, attributeOf("aws_iam_policy"), nameOf(r));
        if (p) p->customerManaged = true;
        managed_[r.address] = p;
      }
    for (const TfResource& r : resources_)
      if (r.mode == "managed" && r.type == "aws_iam_role_policy") {
        const Node* role = value(r, "role");
        if (role && role->isScalar()) rolePolicies_.insert({role->text, nameOf(r)});
      }
    for (const TfResource& r : resources_) {
      if (r.mode != "managed" || r.type == "aws_iam_policy") continue;
      resource(r);
    }
    for (const TfResource& r : resources_)
      if (r.mode == "data" && r.type == "aws_iam_policy_document") policyDocument(r);
    for (const TfResource& r : resources_)
      if (r.mode == "managed") lookForUnreadPolicies(r);
    // Users get their groups' policies.
    for (IamPrincipal& pr : a_.principals)
      for (const std::string& g : pr.groups)
        if (IamPrincipal* group = byAddress(g, PrincipalKind::Group)) {
          for (const Policy* p : group->policies) addPolicy(pr, p);
          for (const std::string& u : group->unknownSources)
            if (std::find(pr.unknownSources.begin(), pr.unknownSources.end(), u) == pr.unknownSources.end())
              pr.unknownSources.push_back(u);
        }
  }

  IamPrincipal* byAddress(const std::string& address, PrincipalKind kind) {
    auto it = principalByAddress_.find(address);
    if (it == principalByAddress_.end() || a_.principals[it->second].kind != kind) return nullptr;
    return &a_.principals[it->second];
  }

  static void addPolicy(IamPrincipal& pr, const Policy* p) {
    if (p && std::find(pr.policies.begin(), pr.policies.end(), p) == pr.policies.end()) pr.policies.push_back(p);
  }

  static void attach(IamPrincipal& pr, Policy* p) {
    if (!p) return;
    addPolicy(pr, p);
    if (std::find(p->attachedTo.begin(), p->attachedTo.end(), pr.logicalId) == p->attachedTo.end())
      p->attachedTo.push_back(pr.logicalId);
  }

  // The resources a reference expression of `from` names (`aws_iam_role.x.name`,
  // `aws_iam_role.x[0]`, or `var.x` of a module whose call passes such a reference), among
  // those `accept` takes.
  template <typename Accept>
  std::vector<const TfResource*> referenced(const TfResource& from, const Node* expression, Accept accept) {
    return referencedIn(from.modulePrefix, from.address, expression, accept, 0);
  }

  template <typename Accept>
  std::vector<const TfResource*> referencedIn(const std::string& prefix, const std::string& fromAddress,
                                              const Node* expression, Accept accept, size_t depth) {
    std::vector<const TfResource*> out;
    const Node* refs = expression && expression->isMapping() ? expression->get("references") : nullptr;
    if (!refs || !refs->isSequence() || depth > 16) return out;
    for (const Node& ref : refs->items) {
      if (!ref.isScalar()) continue;
      if (ref.text.rfind("var.", 0) == 0 && !prefix.empty()) {
        // A module variable: what the module call passes, in the calling module.
        auto call = callExpressions_.find(withoutKeys(prefix));
        std::string name = ref.text.substr(4, ref.text.find('.', 4) == std::string::npos ? std::string::npos
                                                                                          : ref.text.find('.', 4) - 4);
        if (call == callExpressions_.end() || !call->second) continue;
        std::string trimmed = prefix.substr(0, prefix.size() - 1);
        size_t cut = trimmed.rfind(".module.");
        std::string parent = cut == std::string::npos ? std::string() : trimmed.substr(0, cut + 1);
        out = referencedIn(parent, fromAddress, call->second->get(name), accept, depth + 1);
        if (!out.empty()) break;
        continue;
      }
      // The resource is the target or a prefix of it ending before an attribute.
      std::string target = prefix + ref.text;
      const TfResource* exact = nullptr;
      std::vector<const TfResource*> keyed;
      for (size_t end = target.size(); end != std::string::npos && end > 0 && !exact;
           end = end == 0 ? std::string::npos : target.rfind('.', end - 1)) {
        std::string head = target.substr(0, end);
        if (auto it = resourceByAddress_.find(head); it != resourceByAddress_.end() && accept(*it->second)) exact = it->second;
        // `aws_iam_role.x` of a resource with instances: the instance with the referrer's key.
        if (auto it = keyedByBase_.find(head); it != keyedByBase_.end() && keyed.empty())
          for (const TfResource* r : it->second)
            if (accept(*r) && instanceKey(r->address) == instanceKey(fromAddress)) keyed.push_back(r);
        if (end == 0) break;
      }
      if (exact) keyed = {exact};
      for (const TfResource* r : keyed)
        if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
      if (!out.empty()) break;  // `aws_iam_role.x.name` and `aws_iam_role.x` name the same
    }
    return out;
  }

  // The principals of `kind` an attribute of `r` names (a name, an ARN, or a list of them),
  // or, when the value is not known, the principals its configuration references.
  std::vector<IamPrincipal*> principalsNamed(const TfResource& r, std::string_view key, PrincipalKind kind) {
    std::vector<IamPrincipal*> out;
    auto add = [&](IamPrincipal* p) {
      if (p && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    };
    std::vector<std::string> names;
    if (const Node* v = value(r, key)) {
      if (v->isScalar()) names.push_back(v->text);
      for (const Node& item : v->items)
        if (item.isScalar()) names.push_back(item.text);
    }
    for (std::string name : names) {
      if (name.rfind("arn:", 0) == 0) name = name.substr(name.rfind('/') + 1);
      if (auto it = principalByName_.find({kind, name}); it != principalByName_.end())
        for (size_t i : it->second) add(&a_.principals[i]);
    }
    if (out.empty()) {
      auto matches = referenced(r, r.config ? r.config->get(key) : nullptr, [&](const TfResource& t) {
        return t.mode == "managed" && t.type == (kind == PrincipalKind::Role   ? "aws_iam_role"
                                                 : kind == PrincipalKind::User ? "aws_iam_user"
                                                                               : "aws_iam_group");
      });
      for (const TfResource* t : matches) add(byAddress(t->address, kind));
    }
    return out;
  }

  // A managed policy named by ARN (a value of `r` at `arnNode`, or unknown): AWS managed,
  // a customer managed policy of this plan, or one whose content is not known.
  ManagedPolicyRef managedPolicy(const TfResource& r, const Node* arnNode, std::string_view key, std::string& unknownAs) {
    ManagedPolicyRef ref;
    ref.property = key;
    if (arnNode && arnNode->isScalar()) {
      ref.arn.node = arnNode;
      ref.arn.alts = resolver_.resolve(*arnNode);
      const std::string& arn = arnNode->text;
      if (arn.find(":iam::aws:policy/") != std::string::npos) {
        ref.awsName = arn.substr(arn.rfind('/') + 1);
        if (const ManagedPolicyInfo* info = Catalog::instance().findManagedPolicy(arn))
          ref.policy = awsManagedPolicy(a_, *info);
      } else {
        std::string name = arn.substr(arn.rfind('/') + 1);
        if (auto it = policyByName_.find(name); it != policyByName_.end()) {
          ref.templatePolicy = it->second;
          ref.policy = managed_[it->second];
        }
      }
      if (!ref.policy) unknownAs = "managed policy " + arn;
      return ref;
    }
    ref.arn.node = at(r);
    auto matches = referenced(r, r.config ? r.config->get(key) : nullptr,
                              [](const TfResource& t) { return t.mode == "managed" && t.type == "aws_iam_policy"; });
    if (matches.size() == 1) {
      ref.templatePolicy = matches[0]->address;
      ref.policy = managed_[matches[0]->address];
      ref.arn.alts.push_back(symbolic(matches[0]->address + ".arn"));
      if (!ref.policy) unknownAs = "managed policy `" + matches[0]->address + "` (known only after apply)";
    } else {
      ref.arn.alts.push_back(symbolic(r.address + "." + std::string(key)));
      unknownAs = "managed policy `" + std::string(key) + "` of `" + r.address + "` (known only after apply)";
    }
    return ref;
  }

  void attachManaged(IamPrincipal& pr, const ManagedPolicyRef& ref, const std::string& unknownAs) {
    // A state's `managed_policy_arns` lists what attachment resources attach too.
    if (const std::string* arn = ref.arn.literal())
      for (const ManagedPolicyRef& m : pr.managedPolicies)
        if (const std::string* other = m.arn.literal(); other && *other == *arn) return;
    if (ref.policy) addPolicy(pr, ref.policy);
    else if (!unknownAs.empty() &&
             std::find(pr.unknownSources.begin(), pr.unknownSources.end(), unknownAs) == pr.unknownSources.end())
      pr.unknownSources.push_back(unknownAs);
    pr.managedPolicies.push_back(ref);
  }

  void resource(const TfResource& r) {
    const std::string& t = r.type;
    if (t == "aws_iam_role") return role(r);
    if (t == "aws_iam_user") return user(r);
    if (t == "aws_iam_role_policy" || t == "aws_iam_user_policy" || t == "aws_iam_group_policy") return ownedPolicy(r);
    if (t == "aws_iam_role_policy_attachment" || t == "aws_iam_user_policy_attachment" ||
        t == "aws_iam_group_policy_attachment" || t == "aws_iam_policy_attachment")
      return attachment(r);
    if (t == "aws_iam_group_membership" || t == "aws_iam_user_group_membership") return membership(r);
    if (t == "aws_iam_instance_profile") {
      for (IamPrincipal* pr : principalsNamed(r, "role", PrincipalKind::Role)) pr->instanceProfiles.push_back(r.address);
      return;
    }
    if (t == "aws_lambda_permission") return lambdaPermission(r);
    for (const PolicyAttribute& attr : kPolicyAttributes)
      if (attr.type == t) policyAttribute(r, attr, {});
  }

  void role(const TfResource& r) {
    IamPrincipal* pr = byAddress(r.address, PrincipalKind::Role);
    pr->trust = policyAttribute(r, attributeOf("aws_iam_role"), "trust policy");
    // `inline_policy` and `managed_policy_arns` are computed: set by the configuration, or
    // mirroring what `aws_iam_role_policy` and attachment resources do (read there).
    bool mirrors = r.config ? false : !a_.document.root.get("configuration");
    const Node* inline_ = value(r, "inline_policy");
    if (inline_ && r.config && !configured(r, "inline_policy")) inline_ = nullptr;
    if (inline_ && inline_->isSequence()) {
      for (size_t i = 0; i < inline_->items.size(); ++i) {
        const Node& entry = inline_->items[i];
        const Node* text = entry.get("policy");
        const Node* name = entry.get("name");
        std::string property = "inline_policy/" + std::to_string(i);
        if (mirrors && name && name->isScalar() && rolePolicies_.count({nameOf(r), name->text})) continue;
        if (text && text->isScalar() && !text->text.empty()) {
          attach(*pr, policyAt(r, *text, PolicyKind::Identity, "AWS::IAM::Role", property,
                               name && name->isScalar() ? name->text : property));
        } else {
          const Node* u = r.unknown ? r.unknown->get("inline_policy") : nullptr;
          const Node* ue = u && u->isSequence() && i < u->items.size() ? &u->items[i] : nullptr;
          if (ue && isTrue(ue->get("policy"))) {
            notChecked(r, "the policy of `" + property + "`");
            pr->unknownSources.push_back("inline policy " + property + " (known only after apply)");
          }
        }
      }
    } else if (unknown(r, "inline_policy") && configured(r, "inline_policy")) {
      notChecked(r, "`inline_policy`");
      pr->unknownSources.push_back("inline policies (known only after apply)");
    }
    managedList(r, *pr);
    boundary(r, *pr);
  }

  void user(const TfResource& r) {
    IamPrincipal* pr = byAddress(r.address, PrincipalKind::User);
    boundary(r, *pr);
  }

  void managedList(const TfResource& r, IamPrincipal& pr) {
    const Node* arns = value(r, "managed_policy_arns");
    if (arns && r.config && !configured(r, "managed_policy_arns")) arns = nullptr;
    if (arns && arns->isSequence()) {
      for (const Node& arn : arns->items) {
        std::string unknownAs;
        ManagedPolicyRef ref = managedPolicy(r, &arn, "managed_policy_arns", unknownAs);
        attachManaged(pr, ref, unknownAs);
      }
    } else if (unknown(r, "managed_policy_arns") && configured(r, "managed_policy_arns")) {
      // The list itself is not known: each policy it references in this plan applies, and
      // what else it holds is unknown.
      auto matches = referenced(r, r.config->get("managed_policy_arns"),
                                [](const TfResource& t) { return t.mode == "managed" && t.type == "aws_iam_policy"; });
      for (const TfResource* m : matches) addPolicy(pr, managed_[m->address]);
      notChecked(r, "`managed_policy_arns`");
      pr.unknownSources.push_back("managed policies of `managed_policy_arns` (known only after apply)");
    }
  }

  void boundary(const TfResource& r, IamPrincipal& pr) {
    const Node* arn = value(r, "permissions_boundary");
    bool hole = !arn && unknown(r, "permissions_boundary") && configured(r, "permissions_boundary");
    if (!arn && !hole) return;
    if (arn && (!arn->isScalar() || arn->text.empty())) return;
    if (hole) notChecked(r, "`permissions_boundary`");
    std::string unknownAs;
    ManagedPolicyRef ref = managedPolicy(r, arn, "permissions_boundary", unknownAs);
    pr.declaresBoundary = true;
    if (ref.policy) pr.boundary.push_back(ref.policy);
    else pr.unknownBoundary.push_back("permissions boundary " + unknownAs.substr(std::string_view("managed policy ").size()));
    pr.boundaryRefs.push_back(std::move(ref));
  }

  void ownedPolicy(const TfResource& r) {
    const std::string& t = r.type;
    const PolicyAttribute& attr = attributeOf(t);
    const char* owner = t == "aws_iam_role_policy" ? "role" : t == "aws_iam_user_policy" ? "user" : "group";
    PrincipalKind kind = t == "aws_iam_role_policy"   ? PrincipalKind::Role
                         : t == "aws_iam_user_policy" ? PrincipalKind::User
                                                      : PrincipalKind::Group;
    std::string name = nameOf(r);
    Policy* p = policyAttribute(r, attr, name);
    for (IamPrincipal* pr : principalsNamed(r, owner, kind)) {
      if (p) attach(*pr, p);
      else if (unknown(r, attr.attribute)) pr->unknownSources.push_back("policy `" + r.address + "` (known only after apply)");
    }
  }

  void attachment(const TfResource& r) {
    std::string unknownAs;
    ManagedPolicyRef ref = managedPolicy(r, value(r, "policy_arn"), "policy_arn", unknownAs);
    if (!value(r, "policy_arn") && ref.templatePolicy.empty() && unknown(r, "policy_arn"))
      notChecked(r, "`policy_arn`");
    auto to = [&](std::string_view key, PrincipalKind kind) {
      for (IamPrincipal* pr : principalsNamed(r, key, kind)) {
        attachManaged(*pr, ref, unknownAs);
        if (ref.policy && !ref.policy->awsManaged) {
          Policy* p = const_cast<Policy*>(ref.policy);
          if (std::find(p->attachedTo.begin(), p->attachedTo.end(), pr->logicalId) == p->attachedTo.end())
            p->attachedTo.push_back(pr->logicalId);
        }
      }
    };
    if (r.type == "aws_iam_policy_attachment") {
      to("roles", PrincipalKind::Role);
      to("users", PrincipalKind::User);
      to("groups", PrincipalKind::Group);
    } else if (r.type == "aws_iam_role_policy_attachment") {
      to("role", PrincipalKind::Role);
    } else if (r.type == "aws_iam_user_policy_attachment") {
      to("user", PrincipalKind::User);
    } else {
      to("group", PrincipalKind::Group);
    }
  }

  void membership(const TfResource& r) {
    bool perGroup = r.type == "aws_iam_group_membership";
    std::vector<IamPrincipal*> groups = principalsNamed(r, perGroup ? "group" : "groups", PrincipalKind::Group);
    std::vector<IamPrincipal*> users = principalsNamed(r, perGroup ? "users" : "user", PrincipalKind::User);
    for (IamPrincipal* u : users)
      for (IamPrincipal* g : groups)
        if (std::find(u->groups.begin(), u->groups.end(), g->logicalId) == u->groups.end()) u->groups.push_back(g->logicalId);
  }

  // A Lambda permission is a resource-policy statement written as attributes.
  void lambdaPermission(const TfResource& r) {
    if (!r.values) return;
    Policy& p = a_.policies.emplace_back();
    p.kind = PolicyKind::Resource;
    p.resource = r.address;
    p.resourceType = "AWS::Lambda::Permission";
    p.property = "values";
    p.name = "Lambda permission";
    p.synthesized = true;
    p.service = "lambda";
    p.document = r.values;
    Statement st;
    st.node = r.values;
    st.effect = Effect::Allow;
    // The provider sends an optional argument set to "" as not set.
    auto given = [&](const char* key) {
      const Node* v = value(r, key);
      return v && !(v->isScalar() && v->text.empty()) ? v : nullptr;
    };
    auto element = [&](const char* key, const Node*& node, std::vector<Value>& out) {
      if (const Node* v = given(key)) {
        node = v;
        out = resolver_.resolveList(*v);
      } else if (unknown(r, key)) {
        node = at(r);
        out.push_back(Value{at(r), {symbolic(r.address + "." + key)}});
      }
    };
    element("action", st.actionNode, st.actions);
    element("function_name", st.resourceNode, st.resources);
    const Node* principal = nullptr;
    std::vector<Value> who;
    element("principal", principal, who);
    if (principal) {
      st.principalNode = principal;
      PrincipalEntry e;
      const std::string* lit = who.empty() ? nullptr : who[0].literal();
      e.type = lit && *lit == "*" ? "*" : lit && lit->find(".amazonaws.com") != std::string::npos ? "Service" : "AWS";
      e.typeNode = principal;
      e.values = std::move(who);
      st.principals.push_back(std::move(e));
    }
    auto condition = [&](const char* key, const char* op, const char* conditionKey) {
      const Node* n = given(key);
      bool hole = !n && unknown(r, key) && configured(r, key);
      if (!n && !hole) return;
      ConditionEntry c;
      c.op = op;
      c.key = conditionKey;
      c.opNode = c.keyNode = r.values->keyNode(key) ? r.values->keyNode(key) : at(r);
      if (n) c.values = resolver_.resolveList(*n);
      else c.values.push_back(Value{at(r), {symbolic(r.address + "." + key)}});
      st.conditions.push_back(std::move(c));
    };
    condition("source_arn", "ArnLike", "aws:SourceArn");
    condition("source_account", "StringEquals", "aws:SourceAccount");
    condition("principal_org_id", "StringEquals", "aws:PrincipalOrgID");
    p.statements.push_back(std::move(st));
  }

  // A policy document data source: checked on its own unless a resource of this plan uses
  // its JSON as it is (then it is checked there, once).
  void policyDocument(const TfResource& r) {
    const Node* json = value(r, "json");
    if (!json || !json->isScalar() || readTexts_.count(json->text)) return;
    Policy* p = policyAt(r, *json, PolicyKind::Identity, "", "json", r.address, true);
    if (!p) return;
    bool principal = false, assume = false;
    for (const Statement& st : p->statements) {
      if (st.principalNode) principal = true;
      for (const Value& v : st.actions)
        for (const Resolved& alt : v.alts)
          if (alt.text.size() >= 14 && strncasecmp(alt.text.c_str(), "sts:AssumeRole", 14) == 0) assume = true;
    }
    p->kind = !principal ? PolicyKind::Identity : assume ? PolicyKind::Trust : PolicyKind::Resource;
  }

  // A JSON policy in an attribute iamlint has no row for: said, not skipped in silence.
  void lookForUnreadPolicies(const TfResource& r) {
    if (!r.values || r.type == "aws_lambda_permission") return;
    for (size_t i = 0; i < r.values->keys.size(); ++i) {
      const Node& v = r.values->items[i];
      const std::string& key = r.values->keys[i].text;
      if (!v.isScalar() || v.text.find("\"Statement\"") == std::string::npos || readTexts_.count(v.text)) continue;
      bool row = false;
      for (const PolicyAttribute& attr : kPolicyAttributes)
        if (attr.type == r.type && attr.attribute == key) row = true;
      if (row) continue;
      a_.notes.push_back(ModelNote{NoteKind::NotChecked, &r.values->keys[i],
                                   "`" + key + "` of `" + r.address + "` (" + r.type +
                                       ") looks like a policy; iamlint does not read this type's policies, so it is not checked",
                                   r.address, {}});
    }
  }

  Analysis& a_;
  Resolver resolver_;
  std::vector<TfResource> resources_;
  std::set<std::string> seen_;
  std::map<std::string, const Node*> unknownByAddress_;
  std::map<std::string, const Node*> configByAddress_;
  std::map<std::string, const Node*> callExpressions_;  // `module.a.` → expressions of its call
  std::vector<Principal> principals_;
  std::map<std::string, size_t> principalByAddress_;
  std::map<std::pair<PrincipalKind, std::string>, std::vector<size_t>> principalByName_;
  std::map<std::string, const TfResource*> resourceByAddress_;
  std::map<std::string, std::vector<const TfResource*>> keyedByBase_;  // `a.b` → `a.b[0]`, `a.b["k"]`
  std::map<std::string, std::string> policyByName_;                     // aws_iam_policy name → address
  std::map<std::string, Policy*> managed_;  // aws_iam_policy address → its policy (null when unknown)
  std::set<std::string> readTexts_;         // policy texts read from resources
  std::set<std::string> readDocuments_;     // the same, canonical
  std::set<std::string> usedDocuments_;
  std::set<std::pair<std::string, std::string>> rolePolicies_;  // (role, name) of aws_iam_role_policy     // policy document data sources resources reference
};

}  // namespace

bool looksLikeTerraformPlan(const Node& root) {
  if (!root.isMapping() || !root.get("format_version")) return false;
  for (const char* key : {"planned_values", "values", "resource_changes", "terraform_version"})
    if (root.get(key)) return true;
  return false;
}

void analyzeTerraformPlan(Analysis& analysis, const AnalysisOptions& options) {
  Reader(analysis, options).read();
}

}  // namespace iamlint
