// SAM expansion: what `Transform: AWS::Serverless-2016-10-31` turns into, for IAM.
//
// The translator's rules, followed here (aws-sam-translator, samtranslator/model):
// - A Function or StateMachine without `Role` gets a role `<LogicalId>Role` trusting
//   lambda.amazonaws.com (states.amazonaws.com), with AWSLambdaBasicExecutionRole (functions),
//   AWSXrayWriteOnlyAccess when Tracing is on, AWSLambdaVPCAccessExecutionRole with VpcConfig,
//   a DeadLetterQueuePolicy for a DeadLetterQueue, the event sources' managed policies, and
//   each `Policies` entry: a managed policy name or ARN (or any other intrinsic) goes to
//   ManagedPolicyArns, a document with `Statement` becomes the inline policy
//   `<LogicalId>RolePolicy<i>`, a SAM policy template becomes that inline policy with the
//   template's statements, its parameters substituted. `Fn::If` entries keep both branches.
// - FunctionUrlConfig with AuthType NONE adds a public `lambda:InvokeFunctionUrl` permission.
// - An Api's Auth.ResourcePolicy.CustomStatements become the RestApi's `Policy`.
// Generated nodes carry the range of the SAM property they come from; values the user wrote
// (a policy document, a template parameter, a managed policy name) are the user's nodes.
#include "analyzer/frontend/cloudformation/sam.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>

#include "analyzer/iamdata/embedded_data.h"
#include "analyzer/load/loader.h"
#include "iamlint/catalog.h"

namespace iamlint {
namespace {

constexpr std::string_view kSamTransform = "AWS::Serverless-2016-10-31";

struct PolicyTemplate {
  std::vector<std::string> parameters;
  const Node* definition = nullptr;
};

// The bundled policy templates (data/sam-policy-templates.jsonl), parsed once.
const std::map<std::string, PolicyTemplate, std::less<>>& policyTemplates() {
  static std::deque<Document> documents;
  static const std::map<std::string, PolicyTemplate, std::less<>> templates = [] {
    std::map<std::string, PolicyTemplate, std::less<>> out;
    std::string_view data = iamdata::embeddedData().samPolicyTemplates;
    size_t pos = 0;
    while (pos < data.size()) {
      size_t end = data.find('\n', pos);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = data.substr(pos, end - pos);
      pos = end + 1;
      if (line.empty() || line[0] == '#') continue;
      Document& doc = documents.emplace_back();
      LoadError error;
      if (!loadDocument("sam-policy-templates.jsonl", std::string(line), doc, error)) continue;
      const Node* name = doc.root.get("name");
      const Node* definition = doc.root.get("definition");
      const Node* parameters = doc.root.get("parameters");
      if (!name || !definition) continue;
      PolicyTemplate t;
      t.definition = definition;
      if (parameters)
        for (const Node& p : parameters->items) t.parameters.push_back(p.text);
      out.emplace(name->text, std::move(t));
    }
    return out;
  }();
  return templates;
}

// The connector profiles (data/sam-connector-profiles.json), parsed once.
const Node& connectorProfiles() {
  static Document doc;
  static const bool loaded = [] {
    LoadError error;
    return loadDocument("sam-connector-profiles.json", std::string(iamdata::embeddedData().samConnectorProfiles), doc,
                        error);
  }();
  (void)loaded;
  return doc.root;
}

Node scalar(std::string text, const Range& at) {
  Node n;
  n.kind = NodeKind::Scalar;
  n.style = ScalarStyle::Quoted;
  n.text = std::move(text);
  n.range = at;
  return n;
}

Node container(NodeKind kind, const Range& at) {
  Node n;
  n.kind = kind;
  n.range = at;
  return n;
}

void put(Node& mapping, std::string key, Node value) {
  mapping.keys.push_back(scalar(std::move(key), value.range));
  mapping.items.push_back(std::move(value));
}

// A copy of a template definition placed at `at`, with `{Ref: Parameter}` replaced by the
// value the user gave for it.
Node instantiate(const Node& n, const std::map<std::string, const Node*, std::less<>>& args, const Range& at) {
  if (n.isMapping() && n.keys.size() == 1 && n.keys[0].text == "Ref" && n.items[0].isScalar()) {
    auto it = args.find(n.items[0].text);
    if (it != args.end()) return *it->second;
  }
  Node out = n;
  out.range = at;
  out.keys.clear();
  out.items.clear();
  for (const Node& k : n.keys) {
    Node key = k;
    key.range = at;
    out.keys.push_back(std::move(key));
  }
  for (const Node& c : n.items) out.items.push_back(instantiate(c, args, at));
  return out;
}

bool isNoValue(const Node& n) {
  return n.isIntrinsic() && n.intrinsicName() == "Ref" && n.intrinsicArg()->isScalar() &&
         n.intrinsicArg()->text == "AWS::NoValue";
}

std::string managedArn(const std::string& nameOrArn) {
  if (nameOrArn.rfind("arn:", 0) == 0) return nameOrArn;
  // SAM's bundled map gives the aws-partition ARN, with the policy's path.
  if (const ManagedPolicyInfo* info = Catalog::instance().findManagedPolicy(nameOrArn))
    return "arn:aws:iam::aws:policy" + (info->path.empty() ? std::string("/") : std::string(info->path)) +
           std::string(info->name);
  return "arn:aws:iam::aws:policy/" + nameOrArn;
}

struct RoleParts {
  Node managed = container(NodeKind::Sequence, {});
  Node policies = container(NodeKind::Sequence, {});
  std::vector<bool> samWrites;  // parallel to policies: the document is SAM's, not the user's
  void add(Node entry, bool sam) {
    policies.items.push_back(std::move(entry));
    samWrites.push_back(sam);
  }
};

struct Expander {
  Analysis& analysis;
  Resolver& resolver;
  std::vector<TemplateResource> generated;
  const Node* globals = nullptr;  // Globals

  void note(const Node& at, const std::string& resource, std::string message) {
    analysis.notes.push_back(ModelNote{NoteKind::NotChecked, &at, std::move(message), resource, {}});
  }
  void shape(const Node& at, const std::string& resource, std::string message) {
    analysis.notes.push_back(ModelNote{NoteKind::InvalidPolicyProperty, &at, std::move(message), resource, {}});
  }

  // The property as written on the resource, else from `Globals.<section>`.
  const Node* property(const TemplateResource& r, const char* section, const char* name) {
    if (const Node* v = r.properties ? r.properties->get(name) : nullptr) return v;
    if (!globals || !globals->isMapping()) return nullptr;
    const Node* s = globals->get(section);
    return s && s->isMapping() ? s->get(name) : nullptr;
  }

  Document& newDocument() { return analysis.embeddedDocuments.emplace_back(); }

  // Adds a resource SAM generates; its properties are `props`, placed under `host`.
  void emit(const TemplateResource& from, std::string logicalId, std::string type, Node props,
            const Node& host) {
    Document& doc = newDocument();
    doc.root = std::move(props);
    linkParents(doc.root);
    doc.root.parent = &host;
    TemplateResource r;
    r.logicalId = std::move(logicalId);
    r.type = std::move(type);
    r.node = from.node;
    r.properties = &doc.root;
    r.condition = from.condition;
    r.generatedFrom = from.logicalId;
    generated.push_back(std::move(r));
    analysis.transformWritten.push_back(&doc.root);
  }

  // One entry of `Policies` (already out of any Fn::If).
  void policyEntry(const TemplateResource& r, const std::string& roleId, const Node& e, size_t index,
                   RoleParts& parts) {
    std::string policyName = roleId + "Policy" + std::to_string(index);
    if (isNoValue(e)) return;
    if (e.isScalar()) {
      Node arn = e;
      arn.text = managedArn(e.text);
      parts.managed.items.push_back(std::move(arn));
      return;
    }
    if (e.isIntrinsic()) {
      if (e.intrinsicName() == "Fn::If" && e.intrinsicArg()->isSequence() && e.intrinsicArg()->items.size() == 3) {
        for (size_t b = 1; b < 3; ++b) policyEntry(r, roleId, e.intrinsicArg()->items[b], index, parts);
        return;
      }
      parts.managed.items.push_back(e);  // Ref, Sub, GetAtt, ImportValue: a managed policy ARN
      return;
    }
    if (e.isMapping() && e.get("Statement")) {
      Node entry = container(NodeKind::Mapping, e.range);
      put(entry, "PolicyName", scalar(policyName, e.range));
      put(entry, "PolicyDocument", e);
      parts.add(std::move(entry), false);
      return;
    }
    if (e.isMapping() && e.keys.size() == 1) {
      const std::string& name = e.keys[0].text;
      const auto& templates = policyTemplates();
      auto it = templates.find(name);
      if (it == templates.end()) {
        shape(e.keys[0], r.logicalId,
              "`" + name + "` in `Policies` of `" + r.logicalId + "` is not a SAM policy template, a managed policy "
              "or a policy document with `Statement`; SAM rejects it");
        return;
      }
      const Node& values = e.items[0];
      std::map<std::string, const Node*, std::less<>> args;
      std::vector<std::string> missing;
      for (const std::string& p : it->second.parameters) {
        const Node* v = values.isMapping() ? values.get(p) : nullptr;
        if (v) args.emplace(p, v);
        else missing.push_back(p);
      }
      if (!missing.empty()) {
        std::string list;
        for (const std::string& m : missing) list += (list.empty() ? "`" : ", `") + m + "`";
        shape(e.keys[0], r.logicalId, "the SAM policy template `" + name + "` in `" + r.logicalId +
                                          "` needs " + list + "; SAM rejects it");
        return;
      }
      Node entry = container(NodeKind::Mapping, e.range);
      put(entry, "PolicyName", scalar(policyName, e.keys[0].range));
      put(entry, "PolicyDocument", instantiate(*it->second.definition, args, e.keys[0].range));
      parts.add(std::move(entry), true);
      return;
    }
    shape(e, r.logicalId, "an entry of `Policies` in `" + r.logicalId +
                              "` is not a managed policy, a policy document with `Statement` or a SAM policy template");
  }

  // `Policies` as SAM reads it: a string, a document or a template alone is a list of one.
  void policies(const TemplateResource& r, const std::string& roleId, RoleParts& parts) {
    const Node* list = r.properties ? r.properties->get("Policies") : nullptr;
    if (!list) return;
    if (list->isIntrinsic() && list->intrinsicName() == "Fn::If" && list->intrinsicArg()->isSequence() &&
        list->intrinsicArg()->items.size() == 3) {
      // `Policies: !If [C, [...], !Ref AWS::NoValue]`: every entry of either branch.
      for (size_t b = 1; b < 3; ++b) {
        const Node& branch = list->intrinsicArg()->items[b];
        if (isNoValue(branch)) continue;
        if (branch.isSequence())
          for (size_t i = 0; i < branch.items.size(); ++i) policyEntry(r, roleId, branch.items[i], i, parts);
        else
          policyEntry(r, roleId, branch, 0, parts);
      }
      return;
    }
    if (list->isSequence()) {
      for (size_t i = 0; i < list->items.size(); ++i) policyEntry(r, roleId, list->items[i], i, parts);
      return;
    }
    policyEntry(r, roleId, *list, 0, parts);
  }

  Node trust(const char* service, const Range& at) {
    Node doc = container(NodeKind::Mapping, at);
    put(doc, "Version", scalar("2012-10-17", at));
    Node statements = container(NodeKind::Sequence, at);
    Node st = container(NodeKind::Mapping, at);
    Node actions = container(NodeKind::Sequence, at);
    actions.items.push_back(scalar("sts:AssumeRole", at));
    put(st, "Action", std::move(actions));
    put(st, "Effect", scalar("Allow", at));
    Node principal = container(NodeKind::Mapping, at);
    Node services = container(NodeKind::Sequence, at);
    services.items.push_back(scalar(service, at));
    put(principal, "Service", std::move(services));
    put(st, "Principal", std::move(principal));
    statements.items.push_back(std::move(st));
    put(doc, "Statement", std::move(statements));
    return doc;
  }

  // The role SAM writes for a Function or StateMachine that has no `Role`.
  void role(const TemplateResource& r, const char* section, const char* service,
            std::vector<std::string> defaults, RoleParts parts) {
    const std::string roleId = r.logicalId + "Role";
    const Node& at = r.node->keyNode("Type") ? *r.node->keyNode("Type") : *r.node;
    policies(r, roleId, parts);
    std::vector<bool> samWrites = parts.samWrites;
    Node props = container(NodeKind::Mapping, at.range);
    const Node* customTrust = property(r, section, "AssumeRolePolicyDocument");
    put(props, "AssumeRolePolicyDocument", customTrust ? *customTrust : trust(service, at.range));
    Node managed = container(NodeKind::Sequence, at.range);
    auto addManaged = [&](const Node& n) {
      for (const Node& m : managed.items)
        if (n.isScalar() && m.isScalar() && m.text == n.text) return;
      managed.items.push_back(n);
    };
    for (const std::string& d : defaults) addManaged(scalar("arn:aws:iam::aws:policy/" + d, at.range));
    for (const Node& m : parts.managed.items) addManaged(m);
    if (!managed.items.empty()) put(props, "ManagedPolicyArns", std::move(managed));
    if (!parts.policies.items.empty()) put(props, "Policies", std::move(parts.policies));
    if (const Node* boundary = property(r, section, "PermissionsBoundary")) put(props, "PermissionsBoundary", *boundary);
    if (const Node* path = property(r, section, "RolePath")) put(props, "Path", *path);
    Document& doc = newDocument();
    doc.root = std::move(props);
    linkParents(doc.root);
    doc.root.parent = r.node;
    // Documents SAM writes: its trust policy and the expanded policy templates (and the
    // dead-letter policy). A document the user wrote stays the user's.
    if (!customTrust) analysis.transformWritten.push_back(doc.root.get("AssumeRolePolicyDocument"));
    if (const Node* list = doc.root.get("Policies")) {
      for (size_t i = 0; i < list->items.size() && i < samWrites.size(); ++i)
        if (samWrites[i]) analysis.transformWritten.push_back(list->items[i].get("PolicyDocument"));
    }
    TemplateResource g;
    g.logicalId = roleId;
    g.type = "AWS::IAM::Role";
    g.node = r.node;
    g.properties = &doc.root;
    g.condition = r.condition;
    g.generatedFrom = r.logicalId;
    g.executionRole = true;
    generated.push_back(std::move(g));
  }

  Node statementDoc(std::vector<Node> statements, const Range& at) {
    Node doc = container(NodeKind::Mapping, at);
    put(doc, "Version", scalar("2012-10-17", at));
    Node list = container(NodeKind::Sequence, at);
    for (Node& s : statements) list.items.push_back(std::move(s));
    put(doc, "Statement", std::move(list));
    return doc;
  }

  // The role SAM writes for one event source that calls its target through a role: `<Id><Event>Role`,
  // trusted by the event's service, allowed the one call on the target (aws-sam-translator,
  // model/stepfunctions/events.py and model/eventsources/scheduler.py).
  void eventRole(const TemplateResource& r, const std::string& eventName, const Node& event, const char* service,
                 const char* action, const std::string& policyName) {
    const Range& at = event.range;
    const std::string eventId = r.logicalId + eventName;
    Node st = container(NodeKind::Mapping, at);
    put(st, "Action", scalar(action, at));
    put(st, "Effect", scalar("Allow", at));
    Node target = container(NodeKind::Mapping, at);
    if (std::string_view(action) == "lambda:InvokeFunction") {
      Node args = container(NodeKind::Sequence, at);
      args.items.push_back(scalar(r.logicalId, at));
      args.items.push_back(scalar("Arn", at));
      put(target, "Fn::GetAtt", std::move(args));
    } else {
      put(target, "Ref", scalar(r.logicalId, at));  // a state machine's Ref is its ARN
    }
    put(st, "Resource", std::move(target));
    std::vector<Node> sts;
    sts.push_back(std::move(st));
    Node entry = container(NodeKind::Mapping, at);
    put(entry, "PolicyName", scalar(policyName, at));
    put(entry, "PolicyDocument", statementDoc(std::move(sts), at));
    Node list = container(NodeKind::Sequence, at);
    list.items.push_back(std::move(entry));
    Node props = container(NodeKind::Mapping, at);
    put(props, "AssumeRolePolicyDocument", trust(service, at));
    put(props, "Policies", std::move(list));
    const Node* eventProps = event.get("Properties");
    const Node* boundary = eventProps && eventProps->isMapping() ? eventProps->get("PermissionsBoundary") : nullptr;
    if (!boundary && std::string_view(service) != "scheduler.amazonaws.com")
      boundary = property(r, r.type == "AWS::Serverless::Function" ? "Function" : "StateMachine", "PermissionsBoundary");
    if (boundary) put(props, "PermissionsBoundary", *boundary);
    emit(r, eventId + "Role", "AWS::IAM::Role", std::move(props), event);
  }

  // Event sources whose service calls the function or state machine through a role SAM writes:
  // a state machine's EventBridge and CloudWatch Events rules, schedules and API methods, and
  // either's EventBridge Scheduler schedules (ScheduleV2). A `RoleArn` on a schedule is used instead.
  void eventRoles(const TemplateResource& r, bool stateMachine) {
    const Node* events = r.properties && r.properties->isMapping() ? r.properties->get("Events") : nullptr;
    if (!events || !events->isMapping()) return;
    for (size_t i = 0; i < events->keys.size(); ++i) {
      const Node& ev = events->items[i];
      const Node* type = ev.isMapping() ? ev.get("Type") : nullptr;
      if (!type || !type->isScalar()) continue;
      const std::string& t = type->text;
      const std::string& name = events->keys[i].text;
      const Node* props = ev.get("Properties");
      bool ownRole = props && props->isMapping() && props->get("RoleArn");
      const std::string eventId = r.logicalId + name;
      if (t == "ScheduleV2") {
        if (ownRole) continue;
        if (stateMachine)
          eventRole(r, name, ev, "scheduler.amazonaws.com", "states:StartExecution", eventId + "StartExecutionPolicy");
        else
          eventRole(r, name, ev, "scheduler.amazonaws.com", "lambda:InvokeFunction", eventId + "LambdaPolicy");
        if (props && props->isMapping())
          if (const Node* dlq = props->get("DeadLetterConfig"))
            note(*dlq, r.logicalId, "the dead-letter queue policy SAM adds to the role of the schedule `" + name +
                                        "` of `" + r.logicalId + "` is not checked");
        continue;
      }
      if (!stateMachine) continue;
      const char* service = t == "Api" ? "apigateway.amazonaws.com"
                            : (t == "Schedule" || t == "CloudWatchEvent" || t == "EventBridgeRule") ? "events.amazonaws.com"
                                                                                                     : nullptr;
      if (!service) {
        note(*type, r.logicalId, "the permissions SAM generates for the `" + t + "` event `" + name + "` of `" +
                                     r.logicalId + "` are not checked");
        continue;
      }
      if (t == "Schedule" && ownRole) continue;
      eventRole(r, name, ev, service, "states:StartExecution", eventId + "RoleStartExecutionPolicy");
    }
  }

  void function(const TemplateResource& r) {
    const Node* props = r.properties;
    eventRoles(r, false);
    if (props && props->isMapping() && props->get("Role")) {
      if (props->get("Policies"))
        note(*props->keyNode("Policies"), r.logicalId,
             "`Policies` of `" + r.logicalId + "` are not used: with `Role` given, SAM generates no role");
    } else {
      std::vector<std::string> defaults;
      defaults.push_back(property(r, "Function", "DurableConfig") ? "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
                                                                  : "service-role/AWSLambdaBasicExecutionRole");
      if (const Node* tracing = property(r, "Function", "Tracing")) {
        std::vector<Resolved> alts = resolver.resolve(*tracing);
        bool disabled = !alts.empty() && alts[0].exact() && alts[0].text == "Disabled";
        if (!disabled) defaults.push_back("AWSXrayWriteOnlyAccess");
      }
      if (property(r, "Function", "VpcConfig")) defaults.push_back("service-role/AWSLambdaVPCAccessExecutionRole");
      RoleParts parts;
      if (const Node* events = props ? props->get("Events") : nullptr; events && events->isMapping()) {
        for (const Node& ev : events->items) {
          const Node* type = ev.get("Type");
          if (!type || !type->isScalar()) continue;
          static const std::map<std::string, const char*, std::less<>> eventPolicies = {
              {"SQS", "service-role/AWSLambdaSQSQueueExecutionRole"},
              {"Kinesis", "service-role/AWSLambdaKinesisExecutionRole"},
              {"DynamoDB", "service-role/AWSLambdaDynamoDBExecutionRole"},
              {"MSK", "service-role/AWSLambdaMSKExecutionRole"},
              {"MQ", "service-role/AWSLambdaMQExecutionRole"},  // plus an inline secret policy
          };
          if (auto it = eventPolicies.find(type->text); it != eventPolicies.end()) defaults.push_back(it->second);
        }
      }
      const Node* dlq = property(r, "Function", "DeadLetterQueue");
      if (dlq && dlq->isMapping()) {
        const Node* type = dlq->get("Type");
        const Node* target = dlq->get("TargetArn");
        if (type && target && type->isScalar() && (type->text == "SQS" || type->text == "SNS")) {
          Node st = container(NodeKind::Mapping, dlq->range);
          put(st, "Action", scalar(type->text == "SQS" ? "sqs:SendMessage" : "sns:Publish", type->range));
          put(st, "Resource", *target);
          put(st, "Effect", scalar("Allow", dlq->range));
          std::vector<Node> sts;
          sts.push_back(std::move(st));
          Node entry = container(NodeKind::Mapping, dlq->range);
          put(entry, "PolicyName", scalar("DeadLetterQueuePolicy", dlq->range));
          put(entry, "PolicyDocument", statementDoc(std::move(sts), dlq->range));
          parts.add(std::move(entry), true);
        }
      }
      eventInvokePolicies(r, parts);
      role(r, "Function", "lambda.amazonaws.com", std::move(defaults), std::move(parts));
    }
    if (const Node* url = props ? props->get("FunctionUrlConfig") : nullptr; url && url->isMapping()) {
      const Node* auth = url->get("AuthType");
      std::vector<Resolved> alts = auth ? resolver.resolve(*auth) : std::vector<Resolved>{};
      bool none = std::any_of(alts.begin(), alts.end(), [](const Resolved& a) { return a.exact() && a.text == "NONE"; });
      if (none) {
        const Range& at = auth->range;
        Node p = container(NodeKind::Mapping, at);
        put(p, "Action", scalar("lambda:InvokeFunctionUrl", at));
        Node fn = container(NodeKind::Mapping, at);
        put(fn, "Ref", scalar(r.logicalId, at));
        put(p, "FunctionName", std::move(fn));
        put(p, "Principal", scalar("*", at));
        put(p, "FunctionUrlAuthType", scalar("NONE", at));
        emit(r, r.logicalId + "UrlPublicPermissions", "AWS::Lambda::Permission", std::move(p), *url);
      }
    }
  }

  // EventInvokeConfig destinations: SAM grants the function's role the call to each one.
  void eventInvokePolicies(const TemplateResource& r, RoleParts& parts) {
    const Node* config = property(r, "Function", "EventInvokeConfig");
    const Node* destinations = config && config->isMapping() ? config->get("DestinationConfig") : nullptr;
    if (!destinations || !destinations->isMapping()) return;
    for (const char* event : {"OnSuccess", "OnFailure"}) {
      const Node* d = destinations->get(event);
      const Node* type = d && d->isMapping() ? d->get("Type") : nullptr;
      if (!type || !type->isScalar()) continue;
      const std::string id = r.logicalId + "EventInvokeConfig" + event;
      const Node* destination = d->get("Destination");
      Node target;
      if (destination) {
        target = *destination;
      } else if (type->text == "SQS" || type->text == "SNS") {
        // SAM creates the queue or topic `<id>Queue` / `<id>Topic` and grants on it.
        target = container(NodeKind::Mapping, type->range);
        Node getAtt = container(NodeKind::Sequence, type->range);
        getAtt.items.push_back(scalar(id + (type->text == "SQS" ? "Queue" : "Topic"), type->range));
        getAtt.items.push_back(scalar(type->text == "SQS" ? "Arn" : "TopicArn", type->range));
        put(target, "Fn::GetAtt", std::move(getAtt));
      } else {
        continue;
      }
      static const std::map<std::string, std::pair<const char*, const char*>, std::less<>> grants = {
          {"SQS", {"SQSPolicy", "sqs:SendMessage"}},        {"SNS", {"SNSPolicy", "sns:publish"}},
          {"EventBridge", {"EventBridgePolicy", "events:PutEvents"}},
          {"Lambda", {"LambdaPolicy", "lambda:InvokeFunction"}}, {"S3Bucket", {"S3Policy", "s3:PutObject"}},
      };
      auto it = grants.find(type->text);
      if (it == grants.end()) continue;
      std::vector<Node> sts;
      auto statement = [&](const char* action, Node resource) {
        Node st = container(NodeKind::Mapping, type->range);
        put(st, "Action", scalar(action, type->range));
        put(st, "Effect", scalar("Allow", type->range));
        put(st, "Resource", std::move(resource));
        sts.push_back(std::move(st));
      };
      if (type->text == "S3Bucket") {
        Node objects = container(NodeKind::Mapping, target.range);
        Node list = container(NodeKind::Sequence, target.range);
        list.items.push_back(target);
        list.items.push_back(scalar("/*", target.range));
        Node join = container(NodeKind::Sequence, target.range);
        join.items.push_back(scalar("", target.range));
        join.items.push_back(std::move(list));
        put(objects, "Fn::Join", std::move(join));
        statement("s3:PutObject", std::move(objects));
        statement("s3:ListBucket", target);
      } else {
        statement(it->second.second, target);
      }
      Node doc = container(NodeKind::Mapping, d->range);
      Node list = container(NodeKind::Sequence, d->range);
      for (Node& s : sts) list.items.push_back(std::move(s));
      put(doc, "Statement", std::move(list));
      Node entry = container(NodeKind::Mapping, d->range);
      put(entry, "PolicyName", scalar(id + it->second.first, d->range));
      put(entry, "PolicyDocument", std::move(doc));
      parts.add(std::move(entry), true);
    }
  }

  // One `CodeDeployServiceRole` for every function with a DeploymentPreference.
  bool codeDeployRole = false;
  void codeDeploy(const TemplateResource& r) {
    const Node* pref = property(r, "Function", "DeploymentPreference");
    if (codeDeployRole || !pref || !pref->isMapping() || pref->get("Role")) return;
    codeDeployRole = true;
    const Range& at = pref->range;
    Node props = container(NodeKind::Mapping, at);
    put(props, "AssumeRolePolicyDocument", trust("codedeploy.amazonaws.com", at));
    Node managed = container(NodeKind::Sequence, at);
    managed.items.push_back(scalar("arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda", at));
    put(props, "ManagedPolicyArns", std::move(managed));
    TemplateResource from = r;
    from.condition.clear();
    emit(from, "CodeDeployServiceRole", "AWS::IAM::Role", std::move(props), *pref);
    analysis.transformWritten.push_back(generatedDocumentRoot()->get("AssumeRolePolicyDocument"));
  }
  const Node* generatedDocumentRoot() { return &analysis.embeddedDocuments.back().root; }

  void stateMachine(const TemplateResource& r) {
    const Node* props = r.properties;
    eventRoles(r, true);
    if (props && props->isMapping() && props->get("Role")) return;
    if (!props || !props->isMapping() || (!props->get("Policies") && !props->get("Events") && !props->get("RolePath")))
      return;  // SAM needs either Role or Policies; without them it generates nothing here
    std::vector<std::string> defaults;
    if (const Node* tracing = property(r, "StateMachine", "Tracing"); tracing && tracing->isMapping())
      if (const Node* enabled = tracing->get("Enabled")) {
        std::vector<Resolved> alts = resolver.resolve(*enabled);
        if (!alts.empty() && alts[0].exact() && (alts[0].text == "true" || alts[0].text == "True"))
          defaults.push_back("AWSXrayWriteOnlyAccess");
      }
    role(r, "StateMachine", "states.amazonaws.com", std::move(defaults), RoleParts{});
  }

  void api(const TemplateResource& r) {
    const Node* auth = property(r, "Api", "Auth");
    const Node* policy = auth && auth->isMapping() ? auth->get("ResourcePolicy") : nullptr;
    if (!policy || !policy->isMapping()) return;
    std::vector<Node> statements;
    for (size_t i = 0; i < policy->keys.size(); ++i) {
      const std::string& k = policy->keys[i].text;
      if (k == "CustomStatements") {
        const Node& v = policy->items[i];
        if (v.isSequence())
          for (const Node& s : v.items) statements.push_back(s);
        else
          statements.push_back(v);
      } else {
        note(policy->keys[i], r.logicalId,
             "the statements SAM generates from `Auth.ResourcePolicy." + k + "` of `" + r.logicalId + "` are not checked");
      }
    }
    if (statements.empty()) return;
    Node props = container(NodeKind::Mapping, policy->range);
    put(props, "Policy", statementDoc(std::move(statements), policy->range));
    emit(r, r.logicalId, "AWS::ApiGateway::RestApi", std::move(props), *policy);
  }

  // The CloudFormation type SAM turns a resource into, for the connector profiles.
  static std::string cfnType(const std::string& t) {
    if (t == "AWS::Serverless::Function") return "AWS::Lambda::Function";
    if (t == "AWS::Serverless::StateMachine") return "AWS::StepFunctions::StateMachine";
    if (t == "AWS::Serverless::SimpleTable") return "AWS::DynamoDB::Table";
    if (t == "AWS::Serverless::Api") return "AWS::ApiGateway::RestApi";
    if (t == "AWS::Serverless::HttpApi") return "AWS::ApiGatewayV2::Api";
    return t;
  }

  // The role a connector's source runs as: the generated `<Id>Role`, or `!GetAtt X.Arn` of Role.
  std::string sourceRole(const TemplateResource& src) {
    const Node* role = src.properties && src.properties->isMapping()
                           ? src.properties->get(src.type == "AWS::StepFunctions::StateMachine" ? "RoleArn" : "Role")
                           : nullptr;
    if (!role) return src.type.rfind("AWS::Serverless::", 0) == 0 ? src.logicalId + "Role" : "";
    if (role->isIntrinsic() && role->intrinsicName() == "Fn::GetAtt") {
      const Node& arg = *role->intrinsicArg();
      if (arg.isSequence() && !arg.items.empty()) return arg.items[0].text;
      if (arg.isScalar()) return arg.text.substr(0, arg.text.find('.'));
    }
    return "";
  }

  // `%{Destination.Arn}/index/*` with Destination's outputs: the output node itself, or a Join.
  Node fillPlaceholders(const Node& n, const Node& outputs, const std::string& destId, const Range& at) {
    if (n.isScalar() && n.text.find("%{Destination.") != std::string::npos) {
      Node parts = container(NodeKind::Sequence, at);
      const std::string& s = n.text;
      size_t pos = 0;
      while (pos < s.size()) {
        size_t open = s.find("%{Destination.", pos);
        if (open == std::string::npos) {
          parts.items.push_back(scalar(s.substr(pos), at));
          break;
        }
        if (open > pos) parts.items.push_back(scalar(s.substr(pos, open - pos), at));
        size_t close = s.find('}', open);
        if (close == std::string::npos) break;
        std::string field = s.substr(open + 14, close - open - 14);
        const Node* out = outputs.isMapping() ? outputs.get(field) : nullptr;
        if (out) {
          Node filled = instantiate(*out, {}, at);
          std::function<void(Node&)> name = [&](Node& x) {
            if (x.isScalar() && x.text == "%{logicalId}") x.text = destId;
            for (Node& c : x.items) name(c);
          };
          name(filled);
          parts.items.push_back(std::move(filled));
        } else {
          parts.items.push_back(scalar("${Destination." + field + "}", at));
        }
        pos = close + 1;
      }
      if (parts.items.size() == 1) return std::move(parts.items[0]);
      Node join = container(NodeKind::Mapping, at);
      Node args = container(NodeKind::Sequence, at);
      args.items.push_back(scalar("", at));
      args.items.push_back(std::move(parts));
      put(join, "Fn::Join", std::move(args));
      return join;
    }
    Node out = n;
    out.range = at;
    out.keys.clear();
    out.items.clear();
    for (const Node& k : n.keys) {
      Node key = k;
      key.range = at;
      out.keys.push_back(std::move(key));
    }
    for (const Node& c : n.items) out.items.push_back(fillPlaceholders(c, outputs, destId, at));
    return out;
  }

  // AWS::Serverless::Connector with `Id` source and destinations: the managed policy SAM
  // attaches to the source's role, from the translator's connector profiles.
  void connector(const TemplateResource& r) {
    const Node* props = r.properties;
    const Node* source = props && props->isMapping() ? props->get("Source") : nullptr;
    const Node* dest = props && props->isMapping() ? props->get("Destination") : nullptr;
    const Node* perms = props && props->isMapping() ? props->get("Permissions") : nullptr;
    auto unread = [&](const std::string& why) {
      note(*r.node, r.logicalId, "the policies SAM generates for the connector `" + r.logicalId + "` are not checked (" +
                                     why + ")");
    };
    const Node* sourceId = source && source->isMapping() ? source->get("Id") : nullptr;
    const TemplateResource* src = sourceId && sourceId->isScalar() ? analysis.tmpl.resource(sourceId->text) : nullptr;
    if (!src || !dest || !perms || !perms->isSequence()) return unread("its source or destination is not a resource of this template");
    std::vector<const Node*> dests;
    if (dest->isSequence())
      for (const Node& d : dest->items) dests.push_back(&d);
    else
      dests.push_back(dest);
    const Node& profiles = connectorProfiles();
    const Node* bySource = profiles.get("Permissions") ? profiles.get("Permissions")->get(cfnType(src->type)) : nullptr;
    std::string role = sourceRole(*src);
    if (!bySource) return unread("no profile for its source");
    for (size_t i = 0; i < dests.size(); ++i) {
      const Node* destId = dests[i]->isMapping() ? dests[i]->get("Id") : nullptr;
      const TemplateResource* dst = destId && destId->isScalar() ? analysis.tmpl.resource(destId->text) : nullptr;
      // A destination given by `Type` and `Arn` (`Name`, `QueueUrl`, ...): those are its outputs.
      const Node* givenType = dests[i]->isMapping() ? dests[i]->get("Type") : nullptr;
      Node given = container(NodeKind::Mapping, dests[i]->range);
      if (!dst && givenType && givenType->isScalar())
        for (size_t k = 0; k < dests[i]->keys.size(); ++k)
          if (dests[i]->keys[k].text != "Type") put(given, dests[i]->keys[k].text, dests[i]->items[k]);
      if (!dst && given.keys.empty()) {
        unread("a destination is not a resource of this template");
        continue;
      }
      const std::string dstType = dst ? cfnType(dst->type) : givenType->text;
      const std::string dstId = dst ? dst->logicalId : "";
      const Node* profile = bySource->get(dstType);
      const Node* type = profile ? profile->get("Type") : nullptr;
      if (!type || type->text != "AWS_IAM_ROLE_MANAGED_POLICY") {
        unread(profile ? "it writes a resource policy on its destination" : "no profile for " + dstType);
        continue;
      }
      if (role.empty()) {
        unread("iamlint does not know the role of its source");
        continue;
      }
      const Node* categories = profile->get("Properties") ? profile->get("Properties")->get("AccessCategories") : nullptr;
      const Node* cfnProps = profiles.get("CfnResourceProperties") ? profiles.get("CfnResourceProperties")->get(dstType) : nullptr;
      const Node* outputs = !dst ? &given : cfnProps ? cfnProps->get("Outputs") : nullptr;
      if (!categories || !outputs) continue;
      std::vector<Node> statements;
      for (const Node& perm : perms->items) {
        const Node* cat = perm.isScalar() ? categories->get(perm.text) : nullptr;
        const Node* sts = cat ? cat->get("Statement") : nullptr;
        if (!sts) continue;
        for (const Node& st : sts->items) statements.push_back(fillPlaceholders(st, *outputs, dstId, perm.range));
      }
      if (statements.empty()) continue;
      Node p = container(NodeKind::Mapping, perms->range);
      put(p, "PolicyDocument", statementDoc(std::move(statements), perms->range));
      Node roles = container(NodeKind::Sequence, perms->range);
      Node ref = container(NodeKind::Mapping, perms->range);
      put(ref, "Ref", scalar(role, perms->range));
      roles.items.push_back(std::move(ref));
      put(p, "Roles", std::move(roles));
      std::string id = r.logicalId + (dest->isSequence() ? "PolicyDestination" + std::to_string(i) : "Policy");
      emit(r, id, "AWS::IAM::ManagedPolicy", std::move(p), *perms);
      analysis.transformWritten.push_back(generatedDocumentRoot()->get("PolicyDocument"));
    }
  }

  // `Connectors:` on a resource (an embedded connector): the connector `<Resource><Name>` with
  // the resource as its source.
  void embeddedConnectors(const TemplateResource& r) {
    const Node* list = r.node ? r.node->get("Connectors") : nullptr;
    if (!list || !list->isMapping()) return;
    for (size_t i = 0; i < list->keys.size(); ++i) {
      const Node* props = list->items[i].get("Properties");
      if (!props || !props->isMapping()) continue;
      Document& doc = newDocument();
      doc.root = *props;
      Node source = container(NodeKind::Mapping, list->keys[i].range);
      put(source, "Id", scalar(r.logicalId, list->keys[i].range));
      put(doc.root, "Source", std::move(source));
      linkParents(doc.root);
      doc.root.parent = &list->items[i];
      TemplateResource c;
      c.logicalId = r.logicalId + list->keys[i].text;
      c.type = "AWS::Serverless::Connector";
      c.node = &list->items[i];
      c.properties = &doc.root;
      connector(c);
    }
  }

  // An AppSync GraphQL API: the logging role SAM writes unless `Logging` names one
  // (`<Id>CloudWatchRole`, AWSAppSyncPushToCloudWatchLogs), and the data source roles.
  void graphQlApi(const TemplateResource& r) {
    const Node* props = r.properties && r.properties->isMapping() ? r.properties : nullptr;
    const Node* logging = props ? props->get("Logging") : nullptr;
    const Range& at = logging ? logging->range : (r.node->keyNode("Type") ? r.node->keyNode("Type")->range : r.node->range);
    if (!(logging && logging->isMapping() && logging->get("CloudWatchLogsRoleArn"))) {
      Node roleProps = container(NodeKind::Mapping, at);
      put(roleProps, "AssumeRolePolicyDocument", trust("appsync.amazonaws.com", at));
      Node managed = container(NodeKind::Sequence, at);
      Node sub = container(NodeKind::Mapping, at);
      put(sub, "Fn::Sub", scalar("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs", at));
      managed.items.push_back(std::move(sub));
      put(roleProps, "ManagedPolicyArns", std::move(managed));
      emit(r, r.logicalId + "CloudWatchRole", "AWS::IAM::Role", std::move(roleProps), logging ? *logging : *r.node);
    }
    // Data sources without `ServiceRoleArn` get a role with connector policies on their table or
    // function; those are not expanded yet.
    const Node* sources = props ? props->get("DataSources") : nullptr;
    if (!sources || !sources->isMapping()) return;
    for (const Node& kind : sources->items) {
      if (!kind.isMapping()) continue;
      for (size_t i = 0; i < kind.keys.size(); ++i)
        if (!(kind.items[i].isMapping() && kind.items[i].get("ServiceRoleArn")))
          note(kind.keys[i], r.logicalId, "the role SAM generates for the data source `" + kind.keys[i].text + "` of `" +
                                              r.logicalId + "` is not checked");
    }
  }

  void resource(const TemplateResource& r) {
    embeddedConnectors(r);
    const std::string& t = r.type;
    if (t == "AWS::Serverless::Function") function(r), codeDeploy(r);
    else if (t == "AWS::Serverless::StateMachine") stateMachine(r);
    else if (t == "AWS::Serverless::Api") api(r);
    else if (t == "AWS::Serverless::Connector")
      connector(r);
    else if (t == "AWS::Serverless::GraphQLApi")
      graphQlApi(r);
    else if (t == "AWS::Serverless::Application")
      note(*r.node, r.logicalId, "the nested application `" + r.logicalId + "` is not checked");
  }
};

}  // namespace

std::vector<std::string> samPolicyTemplateNames() {
  std::vector<std::string> out;
  for (const auto& [name, t] : policyTemplates()) out.push_back(name);
  return out;
}

void expandTransforms(Analysis& analysis, Resolver& resolver) {
  const Node* transform = analysis.document.root.get("Transform");
  if (!transform) return;
  std::vector<const Node*> names;
  if (transform->isSequence())
    for (const Node& n : transform->items) names.push_back(&n);
  else
    names.push_back(transform);
  bool sam = false;
  for (const Node* n : names) {
    if (n->isScalar() && n->text == kSamTransform) {
      sam = true;
    } else if (n->isScalar() && n->text == "AWS::LanguageExtensions") {
      // Fn::ForEach and friends: resources written inside them are not read.
      if (analysis.document.source.text().find("Fn::ForEach") != std::string::npos)
        analysis.notes.push_back(ModelNote{NoteKind::NotChecked, n, "`Fn::ForEach` (AWS::LanguageExtensions) is not expanded; "
                                                        "the resources it writes are not checked", {}, {}});
    } else {
      std::string what = n->isScalar() ? "`" + n->text + "`" : "this transform";
      analysis.notes.push_back(ModelNote{NoteKind::NotChecked, n, "the Transform " + what +
                                                          " is a macro: the resources it writes are not checked", {}, {}});
    }
  }
  if (!sam) return;
  Expander x{analysis, resolver, {}, analysis.document.root.get("Globals")};
  for (const TemplateResource& r : analysis.tmpl.resources) x.resource(r);
  for (TemplateResource& g : x.generated) {
    analysis.tmpl.resourceIndex.emplace(g.logicalId, analysis.tmpl.resources.size());
    analysis.tmpl.resources.push_back(std::move(g));
  }
}

bool isSamType(std::string_view type) { return type.rfind("AWS::Serverless::", 0) == 0; }

bool samMovesProperty(std::string_view type, std::string_view property) {
  static const std::set<std::pair<std::string_view, std::string_view>> moved = {
      {"AWS::Serverless::Function", "Events"},        {"AWS::Serverless::Function", "Policies"},
      {"AWS::Serverless::Function", "DeploymentPreference"}, {"AWS::Serverless::Function", "EventInvokeConfig"},
      {"AWS::Serverless::Function", "FunctionUrlConfig"},    {"AWS::Serverless::StateMachine", "Events"},
      {"AWS::Serverless::StateMachine", "Policies"},  {"AWS::Serverless::Api", "Auth"},
      {"AWS::Serverless::HttpApi", "Auth"},
      // the stage and the custom domain are resources of their own
      {"AWS::Serverless::Api", "AccessLogSetting"},   {"AWS::Serverless::Api", "MethodSettings"},
      {"AWS::Serverless::Api", "CanarySetting"},      {"AWS::Serverless::Api", "Variables"},
      {"AWS::Serverless::Api", "Domain"},             {"AWS::Serverless::HttpApi", "AccessLogSettings"},
      {"AWS::Serverless::HttpApi", "StageVariables"}, {"AWS::Serverless::HttpApi", "DefaultRouteSettings"},
      {"AWS::Serverless::HttpApi", "RouteSettings"},  {"AWS::Serverless::HttpApi", "Domain"},
  };
  return type == "AWS::Serverless::Connector" || moved.count({type, property}) > 0;
}

}  // namespace iamlint
