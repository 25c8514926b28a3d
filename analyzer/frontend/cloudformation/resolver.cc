#include "analyzer/frontend/cloudformation/resolver.h"

#include <algorithm>
#include <cstring>

namespace iamlint {

Resolved symbolic(const std::string& symbol, ValueOrigin origin) {
  Resolved r;
  r.text = "${" + symbol + "}";
  r.holes.push_back({0, static_cast<uint32_t>(r.text.size()), symbol});
  r.origin = std::move(origin);
  return r;
}

Resolved literal(std::string text, ValueOrigin origin) {
  Resolved r;
  r.text = std::move(text);
  r.origin = std::move(origin);
  return r;
}

// The guard of a value inside the branch of `Fn::If [cond, ...]` (branch 1: cond holds).
static Guard inBranch(const std::string& cond, int branch, const Guard& inner) {
  Guard g;
  g.add({cond, branch != 1});
  return Guard::both(g, inner);
}

static void append(Resolved& into, const Resolved& part) {
  uint32_t shift = static_cast<uint32_t>(into.text.size());
  into.text += part.text;
  for (Hole h : part.holes) {
    h.begin += shift;
    h.end += shift;
    into.holes.push_back(std::move(h));
  }
  into.guard = Guard::both(into.guard, part.guard);
  if (!into.origin.node) into.origin = part.origin;
}

// Strings that grew past the length budget since the resolver last looked.
static thread_local size_t tooLong = 0;

std::vector<Resolved> concat(const std::vector<Resolved>& a, const std::vector<Resolved>& b) {
  std::vector<Resolved> out;
  for (const Resolved& x : a) {
    for (const Resolved& y : b) {
      if (out.size() >= Resolver::kMaxAlternatives) return out;
      if (x.text.size() + y.text.size() > Resolver::kMaxTextLength) {
        ++tooLong;
        Resolved r = symbolic("a value longer than 64 KiB", x.origin.node ? x.origin : y.origin);
        r.guard = Guard::both(x.guard, y.guard);
        out.push_back(std::move(r));
        continue;
      }
      Resolved r = x;
      append(r, y);
      out.push_back(std::move(r));
    }
  }
  return out;
}

// Dynamic references (`{{resolve:ssm:/x}}`) are resolved by CloudFormation at deploy time;
// here they become holes.
static Resolved withDynamicReferences(const std::string& text) {
  Resolved r;
  size_t pos = 0;
  while (true) {
    size_t start = text.find("{{resolve:", pos);
    if (start == std::string::npos) break;
    size_t end = text.find("}}", start);
    if (end == std::string::npos) break;
    r.text += text.substr(pos, start - pos);
    std::string symbol = text.substr(start, end + 2 - start);
    uint32_t b = static_cast<uint32_t>(r.text.size());
    r.text += symbol;
    r.holes.push_back({b, static_cast<uint32_t>(r.text.size()), symbol});
    pos = end + 2;
  }
  r.text += text.substr(pos);
  return r;
}

// A dynamic reference can be assembled from pieces (`{{resolve:ssm:/app/${Env}/bucket}}` in a
// Fn::Sub, or the parts of a Fn::Join): find every `{{resolve:...}}` in the finished value and
// make each one hole, swallowing any holes inside it.
static std::vector<std::string> markDynamicReferences(Resolved& r) {
  std::vector<std::string> found;
  size_t pos = 0;
  while (true) {
    size_t start = r.text.find("{{resolve:", pos);
    if (start == std::string::npos) break;
    size_t end = r.text.find("}}", start);
    if (end == std::string::npos) break;
    end += 2;
    bool already = false;
    for (const Hole& h : r.holes)
      if (h.begin == start && h.end == end) already = true;
    if (!already) {
      std::vector<Hole> kept;
      for (Hole& h : r.holes)
        if (h.end <= start || h.begin >= end) kept.push_back(std::move(h));
      kept.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end), r.text.substr(start, end - start)});
      std::sort(kept.begin(), kept.end(), [](const Hole& a, const Hole& b) { return a.begin < b.begin; });
      r.holes = std::move(kept);
      found.push_back(r.text.substr(start, end - start));
    }
    pos = end;
  }
  return found;
}

Resolver::Resolver(const Template* tmpl,
                   const std::map<std::string, std::string, std::less<>>& overrides,
                   std::vector<ModelNote>& notes)
    : tmpl_(tmpl), overrides_(overrides), notes_(notes) {}

Resolver::Assuming::Assuming(Resolver& resolver, const Guard& guard)
    : resolver_(resolver), size_(resolver.assumed_.size()) {
  for (const GuardTerm& t : guard.terms) resolver_.assumed_.push_back(t);
}

Resolver::Assuming::~Assuming() { resolver_.assumed_.resize(size_); }

std::optional<bool> Resolver::conditionValue(const std::string& name, bool useDefaults) {
  if (!tmpl_) return std::nullopt;
  auto key = std::make_pair(name, useDefaults);
  if (auto it = conditionValues_.find(key); it != conditionValues_.end()) return it->second;
  auto c = tmpl_->conditions.find(name);
  std::optional<bool> v =
      c == tmpl_->conditions.end() ? std::nullopt : evaluateCondition(*c->second, useDefaults, nullptr, nullptr, 0);
  conditionValues_.emplace(std::move(key), v);
  return v;
}

std::optional<std::string> Resolver::conditionOperand(const Node& n, bool useDefaults, const std::string* param,
                                                      const std::string* value) {
  if (n.isScalar() && !n.isIntrinsic()) return n.text;
  if (!n.isIntrinsic() || n.intrinsicName() != "Ref" || !n.intrinsicArg()->isScalar()) return std::nullopt;
  const std::string& name = n.intrinsicArg()->text;
  if (param && name == *param) return *value;
  if (auto o = overrides_.find(name); o != overrides_.end()) return o->second;
  if (!useDefaults) return std::nullopt;
  auto p = tmpl_->parameters.find(name);
  if (p == tmpl_->parameters.end() || p->second.type.rfind("AWS::SSM::Parameter::Value<", 0) == 0) return std::nullopt;
  if (p->second.defaultValue && p->second.defaultValue->isScalar()) return p->second.defaultValue->text;
  return std::nullopt;
}

// Fn::Equals, Fn::Not, Fn::And, Fn::Or and `Condition: name`, on literals and `Ref`s.
std::optional<bool> Resolver::evaluateCondition(const Node& n, bool useDefaults, const std::string* param,
                                                const std::string* value, size_t depth) {
  if (depth > kMaxDepth) return std::nullopt;
  bool conditionRef = n.isMapping() && n.keys.size() == 1 && n.keys[0].text == "Condition";  // {Condition: name}
  if (!conditionRef && !n.isIntrinsic()) return std::nullopt;
  const std::string name = conditionRef ? "Condition" : n.intrinsicName();
  const Node& arg = conditionRef ? n.items[0] : *n.intrinsicArg();
  if (name == "Condition" && arg.isScalar()) {
    if (!param) return conditionValue(arg.text, useDefaults);
    auto c = tmpl_->conditions.find(arg.text);
    return c == tmpl_->conditions.end() ? std::nullopt
                                        : evaluateCondition(*c->second, useDefaults, param, value, depth + 1);
  }
  if (!arg.isSequence()) return std::nullopt;
  if (name == "Fn::Equals") {
    if (arg.items.size() != 2) return std::nullopt;
    std::optional<std::string> a = conditionOperand(arg.items[0], useDefaults, param, value);
    std::optional<std::string> b = conditionOperand(arg.items[1], useDefaults, param, value);
    if (!a || !b) return std::nullopt;
    return *a == *b;
  }
  if (name == "Fn::Not") {
    if (arg.items.size() != 1) return std::nullopt;
    std::optional<bool> v = evaluateCondition(arg.items[0], useDefaults, param, value, depth + 1);
    return v ? std::optional<bool>(!*v) : std::nullopt;
  }
  if (name == "Fn::And" || name == "Fn::Or") {
    bool isAnd = name == "Fn::And", unknown = false;
    for (const Node& item : arg.items) {
      std::optional<bool> v = evaluateCondition(item, useDefaults, param, value, depth + 1);
      if (!v) unknown = true;
      else if (*v != isAnd) return !isAnd;  // a false term of And, a true term of Or decides
    }
    return unknown ? std::nullopt : std::optional<bool>(isAnd);
  }
  return std::nullopt;
}

bool Resolver::conditionUses(const Node& n, const std::string& param, size_t depth) {
  if (depth > kMaxDepth) return false;
  if (n.isMapping() && n.keys.size() == 1 && n.keys[0].text == "Condition" && n.items[0].isScalar()) {
    auto c = tmpl_->conditions.find(n.items[0].text);
    return c != tmpl_->conditions.end() && conditionUses(*c->second, param, depth + 1);
  }
  if (n.isIntrinsic() && n.intrinsicArg()->isScalar()) {
    const std::string name = n.intrinsicName();
    if (name == "Ref") return n.intrinsicArg()->text == param;
    if (name == "Condition") {
      auto c = tmpl_->conditions.find(n.intrinsicArg()->text);
      return c != tmpl_->conditions.end() && conditionUses(*c->second, param, depth + 1);
    }
  }
  if (n.isIntrinsic() && n.intrinsicArg() != &n) return conditionUses(*n.intrinsicArg(), param, depth + 1);
  for (const Node& item : n.items)
    if (conditionUses(item, param, depth + 1)) return true;
  return false;
}

bool Resolver::consistentWithAssumed(const std::string& param, const std::string& value) {
  for (const GuardTerm& t : assumed_) {
    auto c = tmpl_->conditions.find(t.condition);
    if (c == tmpl_->conditions.end() || !conditionUses(*c->second, param, 0)) continue;
    std::optional<bool> v = evaluateCondition(*c->second, true, &param, &value, 0);
    if (v && *v == t.negated) return false;  // the condition would not be what this branch needs
  }
  return true;
}

void Resolver::note(NoteKind kind, const Node& node, std::string message) {
  // A Transform creates resources iamlint does not see: a name may be one of them.
  if (kind == NoteKind::UndefinedReference && tmpl_ && tmpl_->transformed) return;
  notes_.push_back(ModelNote{kind, &node, std::move(message), {}, {}});
}

void Resolver::unresolved(const Node& node, const std::string& symbol, const std::string& why) {
  if (!reportedSymbols_.insert(symbol).second) return;
  note(NoteKind::UnresolvedValue, node, "`" + symbol + "` is only known when the stack is deployed (" + why +
                           "); iamlint treats it as an unknown value");
}

void Resolver::overBudget(const Node& node, const std::string& what) {
  // Once per file: the first place says what was cut; the rest would repeat it.
  if (overBudget_) return;
  overBudget_ = true;
  note(NoteKind::InputNotFullyRead, node, what);
}

namespace {

// A list of one alternative, moved in (a braced list would copy it).
std::vector<Resolved> one(Resolved r) {
  std::vector<Resolved> out;
  out.push_back(std::move(r));
  return out;
}

}  // namespace

std::vector<Resolved> Resolver::resolve(const Node& node) {
  size_t longBefore = tooLong;
  std::vector<Resolved> out = resolveNode(node);
  if (tooLong != longBefore) {
    tooLong = longBefore;
    overBudget(node, "a value resolves to a string longer than 64 KiB; iamlint reads it as an unknown value");
  }
  return out;
}

std::vector<Resolved> Resolver::resolveNode(const Node& node) {
  // A tagged node is its own argument: the functions below read its items and text, never
  // its tag, so no copy is needed.
  if (node.isIntrinsic()) return resolveIntrinsic(node, node.intrinsicName(), *node.intrinsicArg());
  if (node.isScalar()) {
    if (node.text.find("{{resolve:") != std::string::npos) {
      Resolved r = withDynamicReferences(node.text);
      for (const Hole& h : r.holes) unresolved(node, h.symbol, "a dynamic reference");
      return one(r);
    }
    return one(literal(node.text));
  }
  if (node.isNull()) return {};
  return {};  // a mapping or sequence where a string is expected: the shape rules report it
}

std::vector<Resolved> Resolver::resolveIntrinsic(const Node& node, const std::string& name,
                                                 const Node& arg) {
  if (name == "Ref") {
    if (!arg.isScalar()) return one(symbolic("Ref"));
    return resolveRef(node, arg.text);
  }
  if (name == "Fn::Sub" || name == "Fn::Join") {
    std::vector<Resolved> out = name == "Fn::Sub" ? resolveSub(node, arg) : resolveJoin(node, arg);
    for (Resolved& r : out)
      for (const std::string& ref : markDynamicReferences(r)) unresolved(node, ref, "a dynamic reference");
    return out;
  }
  if (name == "Fn::GetAtt") {
    std::string resource, attribute;
    if (arg.isScalar()) {
      size_t dot = arg.text.find('.');
      resource = arg.text.substr(0, dot);
      if (dot != std::string::npos) attribute = arg.text.substr(dot + 1);
    } else if (arg.isSequence() && arg.items.size() == 2 && arg.items[0].isScalar()) {
      resource = arg.items[0].text;
      if (arg.items[1].isScalar()) attribute = arg.items[1].text;
    }
    return resolveGetAtt(node, resource, attribute);
  }
  if (name == "Fn::If") {
    if (!arg.isSequence() || arg.items.size() != 3 || !arg.items[0].isScalar())
      return one(symbolic("Fn::If"));
    const std::string& cond = arg.items[0].text;
    if (tmpl_ && !tmpl_->conditions.count(cond))
      note(NoteKind::UndefinedReference, arg.items[0], "Fn::If names the condition `" + cond +
                                       "`, which is not defined in Conditions");
    // A condition the `--parameter` values decide takes one branch; otherwise both, each
    // resolved under its condition.
    std::optional<bool> fact = conditionValue(cond, false);
    std::vector<Resolved> out;
    for (int branch = 1; branch <= 2; ++branch) {
      if (fact && *fact != (branch == 1)) continue;
      Assuming inside(*this, fact ? Guard{} : inBranch(cond, branch, {}));
      for (Resolved r : resolve(arg.items[branch])) {
        if (!fact) r.guard = inBranch(cond, branch, r.guard);
        if (out.size() < kMaxAlternatives) out.push_back(std::move(r));
      }
    }
    return out;
  }
  if (name == "Fn::Select") {
    if (!arg.isSequence() || arg.items.size() != 2) return one(symbolic("Fn::Select"));
    std::vector<Resolved> index = resolve(arg.items[0]);
    std::vector<Value> list = resolveList(arg.items[1]);
    if (index.size() == 1 && index[0].exact()) {
      char* end = nullptr;
      long i = strtol(index[0].text.c_str(), &end, 10);
      // A list that stayed one symbolic value (an unknown Fn::Split) cannot be indexed.
      bool listKnown = !(list.size() == 1 && list[0].node == &arg.items[1] && !list[0].alts.empty() &&
                         !list[0].alts[0].exact() && arg.items[1].isIntrinsic());
      if (end && *end == '\0' && i >= 0 && static_cast<size_t>(i) < list.size() && listKnown)
        return list[static_cast<size_t>(i)].alts;
    }
    return one(symbolic("Fn::Select"));
  }
  if (name == "Fn::FindInMap") return resolveFindInMap(node, arg);
  if (name == "Fn::ImportValue") {
    // `!ImportValue` is its own argument: a scalar is the name; a mapping such as
    // `{Fn::Sub: ...}` is the intrinsic that builds it.
    std::vector<Resolved> exportName;
    if (arg.tag.empty()) exportName = resolve(arg);
    else if (arg.isScalar()) exportName = {literal(arg.text)};
    else if (arg.isMapping() && arg.keys.size() == 1) exportName = resolveIntrinsic(arg, arg.keys[0].text, arg.items[0]);
    std::string symbol = "Fn::ImportValue " + (exportName.empty() ? std::string("?") : exportName[0].text);
    unresolved(node, symbol, "an export of another stack");
    return one(symbolic(symbol));
  }
  if (name == "Fn::Split") return one(symbolic("Fn::Split"));  // as a scalar it makes no sense
  // Fn::Base64, Fn::Cidr, Fn::GetAZs, Fn::Transform, Condition, ...: not IAM strings.
  return one(symbolic(name));
}

std::vector<Resolved> Resolver::resolveJoin(const Node& node, const Node& arg) {
  if (!arg.isSequence() || arg.items.size() != 2 || !arg.items[0].isScalar())
    return one(symbolic("Fn::Join"));
  const std::string& delimiter = arg.items[0].text;
  std::vector<Resolved> acc{literal("")};
  bool first = true;
  for (const Value& element : resolveList(arg.items[1])) {
    if (!first) acc = concat(acc, {literal(delimiter)});
    first = false;
    acc = concat(acc, element.alts.empty() ? std::vector<Resolved>{literal("")} : element.alts);
  }
  return acc;
}

std::vector<Resolved> Resolver::resolveRef(const Node& node, const std::string& target) {
  if (target == "AWS::NoValue") return {};
  if (auto it = overrides_.find(target); it != overrides_.end()) return one(literal(it->second));
  if (target == "AWS::Partition") return one(literal("aws"));
  if (target == "AWS::URLSuffix") return one(literal("amazonaws.com"));
  if (target.rfind("AWS::", 0) == 0) {
    static const std::set<std::string> pseudo = {"AWS::AccountId", "AWS::Region", "AWS::StackName",
                                                 "AWS::StackId", "AWS::NotificationARNs"};
    if (!pseudo.count(target))
      note(NoteKind::UndefinedReference, node, "`" + target + "` is not a CloudFormation pseudo parameter");
    return one(symbolic(target));
  }
  if (!tmpl_) return one(symbolic(target));
  if (tmpl_->parameters.count(target)) return resolveParameter(node, target);
  if (const TemplateResource* r = tmpl_->resource(target)) {
    static const std::map<std::string, const char*> names = {
        {"AWS::IAM::Role", "RoleName"},          {"AWS::IAM::User", "UserName"},
        {"AWS::IAM::Group", "GroupName"},        {"AWS::IAM::InstanceProfile", "InstanceProfileName"},
        {"AWS::S3::Bucket", "BucketName"},       {"AWS::SSM::Parameter", "Name"},
        {"AWS::Lambda::Function", "FunctionName"}, {"AWS::DynamoDB::Table", "TableName"},
        {"AWS::ECR::Repository", "RepositoryName"}, {"AWS::Logs::LogGroup", "LogGroupName"}};
    if (auto it = names.find(r->type); it != names.end()) return resourceName(target, it->second);
    // Refs that return an ARN.
    if (r->type == "AWS::IAM::ManagedPolicy") {
      std::vector<Resolved> name = resourceName(target, "ManagedPolicyName");
      return concat({symbolic("AWS::AccountId")}, name).empty()
                 ? std::vector<Resolved>{}
                 : concat(concat({literal("arn:aws:iam::")}, {symbolic("AWS::AccountId")}),
                          concat({literal(":policy/")}, name));
    }
    if (r->type == "AWS::IAM::OIDCProvider" || r->type == "AWS::IAM::SAMLProvider") return providerArn(*r);
    if (r->type == "AWS::SNS::Topic")
      return concat({literal("arn:aws:sns:")},
                    concat({symbolic("AWS::Region")},
                           concat({literal(":")}, concat({symbolic("AWS::AccountId")},
                                                         concat({literal(":")}, resourceName(target, "TopicName"))))));
    return one(symbolic(target));
  }
  note(NoteKind::UndefinedReference, node, "`Ref: " + target + "` names no parameter, resource or pseudo parameter");
  return one(symbolic(target));
}

// An identity provider's ARN: `oidc-provider/` and the issuer URL without its scheme (so a
// GitHub Actions trust can be checked for its `token.actions.githubusercontent.com:sub`
// condition), or `saml-provider/` and the provider's name.
std::vector<Resolved> Resolver::providerArn(const TemplateResource& r) {
  std::vector<Resolved> prefix = concat(concat({literal("arn:aws:iam::")}, {symbolic("AWS::AccountId")}),
                                        {literal(r.type == "AWS::IAM::OIDCProvider" ? ":oidc-provider/" : ":saml-provider/")});
  if (r.type == "AWS::IAM::SAMLProvider") return concat(prefix, resourceName(r.logicalId, "Name"));
  std::vector<Resolved> url = resourceName(r.logicalId, "Url");
  for (Resolved& u : url) {
    for (const char* scheme : {"https://", "http://"}) {
      if (u.text.rfind(scheme, 0) == 0 && (u.holes.empty() || u.holes[0].begin >= strlen(scheme))) {
        size_t n = strlen(scheme);
        u.text.erase(0, n);
        for (Hole& h : u.holes) h.begin -= static_cast<uint32_t>(n), h.end -= static_cast<uint32_t>(n);
      }
    }
  }
  return concat(prefix, url);
}

std::vector<Resolved> Resolver::resourceName(const std::string& logicalId, const char* nameProperty) {
  const TemplateResource* r = tmpl_ ? tmpl_->resource(logicalId) : nullptr;
  if (r && r->properties) {
    if (const Node* name = r->properties->get(nameProperty)) {
      auto key = std::make_pair(logicalId, std::string(nameProperty));
      // A name read under assumed conditions may differ from the plain one: not memoised.
      bool memoise = assumed_.empty();
      if (auto memo = names_.find(key); memoise && memo != names_.end()) return memo->second;
      if (!visiting_.insert(logicalId).second) {
        note(NoteKind::CircularReference, *name, "circular reference: the name of `" + logicalId + "` depends on itself");
        ++cycles_;
        return one(symbolic(logicalId));
      }
      if (depth_ >= kMaxDepth) {
        visiting_.erase(logicalId);
        overBudget(*name, "names of resources refer to each other more than " + std::to_string(kMaxDepth) +
                              " deep; iamlint reads the name of `" + logicalId + "` as an unknown value");
        return one(symbolic(logicalId));
      }
      ++depth_;
      size_t cyclesBefore = cycles_;
      std::vector<Resolved> out = resolve(*name);
      --depth_;
      visiting_.erase(logicalId);
      for (Resolved& alt : out)
        if (!alt.origin.node) alt.origin = {OriginKind::ResourceName, name, logicalId};
      if (out.empty()) out = {symbolic(logicalId)};
      // A name read inside a cycle is not memoised: read from elsewhere, the cycle is said there.
      if (cycles_ == cyclesBefore && memoise) names_.emplace(std::move(key), out);
      return out;
    }
  }
  return one(symbolic(logicalId));
}

std::vector<Resolved> Resolver::resolveGetAtt(const Node& node, const std::string& resource,
                                              const std::string& attribute) {
  const TemplateResource* r = tmpl_ ? tmpl_->resource(resource) : nullptr;
  if (!r) {
    if (tmpl_)
      note(NoteKind::UndefinedReference, node, "`Fn::GetAtt` names `" + resource + "`, which is not a resource of this template");
    return one(symbolic(resource + "." + attribute));
  }
  auto arn = [&](const std::string& service, bool regional, const std::string& middle,
                 std::vector<Resolved> name) {
    std::vector<Resolved> out{literal("arn:aws:" + service + ":")};
    if (regional) out = concat(out, {symbolic("AWS::Region")});
    out = concat(out, {literal(":")});
    if (service != "s3") out = concat(out, {symbolic("AWS::AccountId")});
    out = concat(out, {literal(":" + middle)});
    return concat(out, name);
  };
  const std::string& t = r->type;
  if (attribute == "Arn" && (t == "AWS::IAM::OIDCProvider" || t == "AWS::IAM::SAMLProvider")) return providerArn(*r);
  if (attribute == "Arn") {
    if (t == "AWS::S3::Bucket") return concat({literal("arn:aws:s3:::")}, resourceName(resource, "BucketName"));
    if (t == "AWS::IAM::Role") return arn("iam", false, "role/", resourceName(resource, "RoleName"));
    if (t == "AWS::IAM::User") return arn("iam", false, "user/", resourceName(resource, "UserName"));
    if (t == "AWS::IAM::Group") return arn("iam", false, "group/", resourceName(resource, "GroupName"));
    if (t == "AWS::IAM::InstanceProfile")
      return arn("iam", false, "instance-profile/", resourceName(resource, "InstanceProfileName"));
    if (t == "AWS::SQS::Queue") return arn("sqs", true, "", resourceName(resource, "QueueName"));
    if (t == "AWS::Lambda::Function") return arn("lambda", true, "function:", resourceName(resource, "FunctionName"));
    if (t == "AWS::DynamoDB::Table") return arn("dynamodb", true, "table/", resourceName(resource, "TableName"));
    if (t == "AWS::KMS::Key") return arn("kms", true, "key/", {symbolic(resource)});
    if (t == "AWS::ECR::Repository") return arn("ecr", true, "repository/", resourceName(resource, "RepositoryName"));
    if (t == "AWS::Logs::LogGroup")
      return concat(arn("logs", true, "log-group:", resourceName(resource, "LogGroupName")), {literal(":*")});
    if (t == "AWS::SNS::Topic") return resolveRef(node, resource);
    if (t == "AWS::StepFunctions::StateMachine")
      return arn("states", true, "stateMachine:", resourceName(resource, "StateMachineName"));
    if (t == "AWS::Kinesis::Stream") return arn("kinesis", true, "stream/", resourceName(resource, "Name"));
  }
  if (t == "AWS::S3::Bucket" && (attribute == "DomainName" || attribute == "RegionalDomainName"))
    return one(symbolic(resource + "." + attribute));
  return one(symbolic(resource + "." + attribute));
}

std::vector<Resolved> Resolver::resolveParameter(const Node& use, const std::string& name) {
  const Parameter& p = tmpl_->parameters.at(name);
  // `AWS::SSM::Parameter::Value<...>`: the default names a parameter in Parameter Store; the
  // value is read at deploy time.
  if (p.type.rfind("AWS::SSM::Parameter::Value<", 0) == 0) {
    unresolved(use, name, "a Systems Manager parameter named by the default");
    return one(symbolic(name, {OriginKind::Parameter, p.node, name}));
  }
  // Inside a condition (a resource's, a branch's), only the values that let it hold.
  if (!p.allowedValues.empty()) {
    std::vector<Resolved> out;
    for (const Node* v : p.allowedValues)
      if (v->isScalar() && out.size() < kMaxAlternatives && consistentWithAssumed(name, v->text))
        out.push_back(literal(v->text, {OriginKind::ParameterAllowedValue, v, name}));
    if (!out.empty()) return out;
  }
  if (p.defaultValue && p.defaultValue->isScalar() && consistentWithAssumed(name, p.defaultValue->text)) {
    // The deployed value is the default unless overridden; `--parameter` overrides it here too.
    return one(literal(p.defaultValue->text, {OriginKind::ParameterDefault, p.defaultValue, name}));
  }
  return one(symbolic(name, {OriginKind::Parameter, p.node, name}));
}

std::vector<Resolved> Resolver::resolveSub(const Node& node, const Node& arg) {
  const Node* text = &arg;
  const Node* vars = nullptr;
  if (arg.isSequence()) {
    if (arg.items.empty()) return one(symbolic("Fn::Sub"));
    text = &arg.items[0];
    if (arg.items.size() > 1 && arg.items[1].isMapping()) vars = &arg.items[1];
  }
  if (!text->isScalar()) return one(symbolic("Fn::Sub"));
  const std::string& s = text->text;
  std::vector<Resolved> acc{literal("")};
  std::string pending;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("${", i);
    if (open == std::string::npos) {
      pending += s.substr(i);
      break;
    }
    pending += s.substr(i, open - i);
    size_t close = s.find('}', open);
    if (close == std::string::npos) {
      pending += s.substr(open);
      break;
    }
    std::string var = s.substr(open + 2, close - open - 2);
    i = close + 1;
    if (!var.empty() && var[0] == '!') {  // `${!Literal}` writes `${Literal}`
      pending += "${" + var.substr(1) + "}";
      continue;
    }
    acc = concat(acc, {withDynamicReferences(pending)});
    pending.clear();
    std::vector<Resolved> value;
    if (const Node* v = vars ? vars->get(var) : nullptr) {
      value = resolve(*v);
    } else if (var.find('.') != std::string::npos && tmpl_ && tmpl_->resource(var.substr(0, var.find('.')))) {
      value = resolveGetAtt(node, var.substr(0, var.find('.')), var.substr(var.find('.') + 1));
    } else if (var.rfind("AWS::", 0) == 0 || (tmpl_ && (tmpl_->parameters.count(var) || tmpl_->resource(var))) ||
               overrides_.count(var)) {
      value = resolveRef(node, var);
    } else if (var.find(':') != std::string::npos && var.rfind("AWS::", 0) != 0) {
      // An IAM policy variable written without `!` inside Fn::Sub: CloudFormation rejects it.
      note(NoteKind::UndefinedReference, *text, "`${" + var + "}` in Fn::Sub is not a template variable; write `${!" + var +
                                "}` to keep the IAM policy variable");
      value = {literal("${" + var + "}")};
    } else {
      if (tmpl_) note(NoteKind::UndefinedReference, *text, "`${" + var + "}` in Fn::Sub names no parameter, resource or variable");
      value = {symbolic(var)};
    }
    if (value.empty()) value = {literal("")};
    acc = concat(acc, value);
  }
  if (!pending.empty()) {
    Resolved tail = withDynamicReferences(pending);
    for (const Hole& h : tail.holes) unresolved(*text, h.symbol, "a dynamic reference");
    acc = concat(acc, {tail});
  }
  return acc;
}

std::vector<Resolved> Resolver::resolveFindInMap(const Node& node, const Node& arg) {
  if (!arg.isSequence() || arg.items.size() < 3 || !tmpl_ || !tmpl_->mappings)
    return one(symbolic("Fn::FindInMap"));
  std::vector<Resolved> mapName = resolve(arg.items[0]);
  if (mapName.size() != 1 || !mapName[0].exact()) return one(symbolic("Fn::FindInMap"));
  const Node* map = tmpl_->mappings->get(mapName[0].text);
  if (!map || !map->isMapping()) {
    note(NoteKind::UndefinedReference, arg.items[0], "Fn::FindInMap names the mapping `" + mapName[0].text +
                                     "`, which is not in Mappings");
    return one(symbolic("Fn::FindInMap"));
  }
  // An unknown key (`!Ref AWS::Region`) may select any entry: each is an alternative.
  std::vector<const Node*> level{map};
  for (int k = 1; k <= 2; ++k) {
    std::vector<Resolved> key = resolve(arg.items[k]);
    std::vector<const Node*> next;
    for (const Node* m : level) {
      if (!m->isMapping()) continue;
      if (key.size() == 1 && key[0].exact()) {
        if (const Node* v = m->get(key[0].text)) next.push_back(v);
      } else {
        for (const Node& v : m->items) next.push_back(&v);
      }
    }
    level = std::move(next);
  }
  std::vector<Resolved> out;
  for (const Node* v : level)
    for (Resolved r : resolve(*v)) {
      if (!r.origin.node) r.origin = {OriginKind::MappingEntry, v, mapName[0].text};
      if (out.size() < kMaxAlternatives) out.push_back(std::move(r));
    }
  if (out.empty()) return one(symbolic("Fn::FindInMap"));
  return out;
}

std::vector<Value> Resolver::resolveList(const Node& node) {
  std::vector<Value> out;
  if (node.isSequence() && node.tag.empty()) {
    for (const Node& item : node.items) {
      // An element that is itself a list-producing intrinsic is flattened.
      if (item.isIntrinsic() && (item.intrinsicName() == "Fn::Split" ||
                                 (item.intrinsicName() == "Ref" && item.intrinsicArg()->isScalar() && tmpl_ &&
                                  tmpl_->parameters.count(item.intrinsicArg()->text) &&
                                  tmpl_->parameters.at(item.intrinsicArg()->text).type.find("List") != std::string::npos))) {
        for (Value& v : resolveList(item)) out.push_back(std::move(v));
        continue;
      }
      std::vector<Resolved> alts = resolve(item);
      bool removed = alts.empty() && item.isIntrinsic();
      if (!removed || !item.isIntrinsic()) out.push_back(Value{&item, std::move(alts)});
    }
    return out;
  }
  if (node.isIntrinsic()) {
    std::string name = node.intrinsicName();
    const Node& arg = *node.intrinsicArg();
    if (name == "Fn::If" && arg.isSequence() && arg.items.size() == 3 && arg.items[0].isScalar()) {
      const std::string& cond = arg.items[0].text;
      std::optional<bool> fact = conditionValue(cond, false);
      for (int branch = 1; branch <= 2; ++branch) {
        if (fact && *fact != (branch == 1)) continue;
        Assuming inside(*this, fact ? Guard{} : inBranch(cond, branch, {}));
        for (Value v : resolveList(arg.items[branch])) {
          if (!fact)
            for (Resolved& r : v.alts) r.guard = inBranch(cond, branch, r.guard);
          out.push_back(std::move(v));
        }
      }
      return out;
    }
    if (name == "Fn::Split" && arg.isSequence() && arg.items.size() == 2 && arg.items[0].isScalar()) {
      const std::string& delimiter = arg.items[0].text;
      for (Resolved& whole : resolve(arg.items[1])) {
        if (!whole.exact() || delimiter.empty()) {
          out.push_back(Value{&node, {whole}});
          continue;
        }
        size_t pos = 0;
        while (true) {
          if (out.size() >= kMaxListLength) {
            overBudget(node, "Fn::Split makes more than " + std::to_string(kMaxListLength) +
                                 " elements; iamlint reads the rest as one unknown value");
            out.push_back(Value{&node, {symbolic("Fn::Split")}});
            break;
          }
          size_t next = whole.text.find(delimiter, pos);
          Resolved part = literal(whole.text.substr(pos, next == std::string::npos ? std::string::npos : next - pos),
                                  whole.origin);
          part.guard = whole.guard;
          out.push_back(Value{&node, {std::move(part)}});
          if (next == std::string::npos) break;
          pos = next + delimiter.size();
        }
      }
      return out;
    }
    if (name == "Ref" && arg.isScalar() && tmpl_) {
      auto it = tmpl_->parameters.find(arg.text);
      if (it != tmpl_->parameters.end() && it->second.type.find("List") != std::string::npos) {
        const Parameter& p = it->second;
        std::string value;
        ValueOrigin origin{OriginKind::ParameterDefault, p.defaultValue, arg.text};
        if (auto o = overrides_.find(arg.text); o != overrides_.end()) value = o->second, origin = {};
        else if (p.defaultValue && p.defaultValue->isScalar() &&
                 p.type.rfind("AWS::SSM::Parameter::Value", 0) != 0)
          value = p.defaultValue->text;
        else return {Value{&node, {symbolic(arg.text, {OriginKind::Parameter, p.node, arg.text})}}};
        size_t pos = 0;
        while (true) {
          if (out.size() >= kMaxListLength) {
            overBudget(node, "the list parameter `" + arg.text + "` has more than " + std::to_string(kMaxListLength) +
                                 " elements; iamlint reads the rest as one unknown value");
            out.push_back(Value{&node, {symbolic(arg.text, {OriginKind::Parameter, p.node, arg.text})}});
            break;
          }
          size_t next = value.find(',', pos);
          std::string part = value.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
          while (!part.empty() && part.front() == ' ') part.erase(0, 1);
          out.push_back(Value{&node, {literal(part, origin)}});
          if (next == std::string::npos) break;
          pos = next + 1;
        }
        return out;
      }
    }
  }
  std::vector<Resolved> alts = resolve(node);
  if (alts.empty() && node.isIntrinsic()) return out;  // AWS::NoValue
  out.push_back(Value{&node, std::move(alts)});
  return out;
}

}  // namespace iamlint
