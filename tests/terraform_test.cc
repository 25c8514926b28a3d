// Terraform plans and state (docs/terraform.md): the hand-written plans of testdata/terraform/
// with every finding of every rule expected, the model they make (principals linked, holes
// carried), exact placement inside policy strings, the same IAM as a template and as a plan,
// and the real plans of ../shared/corpus/terraform with reviewed expectations.
// IAMLINT_UPDATE_FIXTURES=1 rewrites the expected files instead (review with `git diff`).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analyzer/engine/engine.h"
#include "analyzer/load/files.h"
#include "iamlint/rule.h"

namespace fs = std::filesystem;
using namespace iamlint;

namespace {

fs::path testdata() { return fs::path(IAMLINT_SOURCE_DIR) / "testdata" / "terraform"; }

std::string readText(const fs::path& path) {
  std::string error;
  bool tooLarge = false;
  auto text = readFile(path.string(), error, 64 << 20, tooLarge);
  REQUIRE_MESSAGE(text, path.string() << ": " << error);
  return *text;
}

FileResult lint(const fs::path& path, const std::string& name, bool keep = false) {
  return lintText(name, readText(path), EngineOptions{}, true, keep);
}

std::string render(const std::string& file, const Finding& f) {
  std::ostringstream out;
  out << file << ':' << f.range.line << ':' << f.range.column << ": " << f.id() << ' ' << f.message;
  if (const Rule* rule = findRule(f.id()); rule && rule->info.level != f.level) out << " [" << levelName(f.level) << ']';
  if (!f.resource.empty()) out << " {" << f.resource << '}';
  return out.str();
}

std::vector<std::string> expectedLines(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "missing " << path.string() << " (run with IAMLINT_UPDATE_FIXTURES=1 and review)");
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

void compare(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  for (const std::string& w : want)
    CHECK_MESSAGE(std::find(got.begin(), got.end(), w) != got.end(), "expected but not found: " << w);
  for (const std::string& g : got)
    CHECK_MESSAGE(std::find(want.begin(), want.end(), g) != want.end(), "found but not expected: " << g);
}

const IamPrincipal& principal(const Analysis& a, std::string_view id) {
  const IamPrincipal* p = a.principal(id);
  REQUIRE_MESSAGE(p, "no principal " << id);
  return *p;
}

std::vector<std::string> labels(const std::vector<const Policy*>& policies) {
  std::vector<std::string> out;
  for (const Policy* p : policies) out.push_back(p->label());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("terraform fixtures: every finding of every rule on the hand-written plans is expected") {
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(testdata()))
    if (e.is_regular_file() && e.path().extension() == ".json") inputs.push_back(e.path());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 6);
  std::vector<std::string> got;
  for (const fs::path& input : inputs) {
    std::string name = input.filename().string();
    FileResult r = lint(input, name);
    CHECK_MESSAGE(r.ok, name << ": " << r.error);
    for (const Finding& f : r.findings) got.push_back(render(name, f));
  }
  fs::path expected = testdata() / "expected.txt";
  if (std::getenv("IAMLINT_UPDATE_FIXTURES")) {
    std::ofstream out(expected);
    out << "# Every finding on testdata/terraform/*.json: file:line:col: rule message [level] {resource} (reviewed)\n";
    for (const std::string& g : got) out << g << "\n";
    return;
  }
  compare(expectedLines(expected), got);
}

TEST_CASE("terraform: principals are linked by name, by ARN, through configuration references and module variables") {
  FileResult r = lint(testdata() / "roles.json", "roles.json", true);
  REQUIRE(r.analysis);
  const Analysis& a = *r.analysis;
  CHECK(a.input == InputFormat::TerraformPlan);
  const IamPrincipal& app = principal(a, "module.svc.aws_iam_role.app");
  CHECK(app.kind == PrincipalKind::Role);
  CHECK(app.trust);
  CHECK(labels(app.policies) == std::vector<std::string>{"AWS managed policy `AmazonS3ReadOnlyAccess`",
                                                         "inline policy `reports` of `module.svc.aws_iam_role.app`",
                                                         "role policy `module.svc.aws_iam_role_policy.extra`"});
  // The boundary is named by ARN and is a customer managed policy of this plan.
  CHECK(app.declaresBoundary);
  CHECK(labels(app.boundary) == std::vector<std::string>{"managed policy `aws_iam_policy.boundary`"});
  CHECK(app.unknownSources == std::vector<std::string>{"managed policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess"});
  // `role` and `policy_arn` of the attachment are unknown: the configuration's references name
  // the role, and `var.deploy_policy_arn` the policy the module call passes.
  const IamPrincipal& worker = principal(a, "module.svc.aws_iam_role.worker[0]");
  CHECK(labels(worker.policies) == std::vector<std::string>{"managed policy `aws_iam_policy.deploy`"});
  CHECK(worker.unknownSources.empty());
  CHECK(worker.instanceProfiles == std::vector<std::string>{"module.svc.aws_iam_instance_profile.worker[0]"});
  CHECK_FALSE(worker.declaresBoundary);

  FileResult u = lint(testdata() / "users-groups.json", "users-groups.json", true);
  REQUIRE(u.analysis);
  const IamPrincipal& dev = principal(*u.analysis, "aws_iam_user.dev");
  CHECK(dev.kind == PrincipalKind::User);
  CHECK(dev.groups == std::vector<std::string>{"aws_iam_group.ops"});
  CHECK(labels(dev.policies) == std::vector<std::string>{"AWS managed policy `ReadOnlyAccess`",
                                                         "group policy `aws_iam_group_policy.ops`",
                                                         "managed policy `aws_iam_policy.billing`",
                                                         "user policy `aws_iam_user_policy.dev`"});
  const IamPrincipal& ci = principal(*u.analysis, "aws_iam_user.ci");
  CHECK(labels(ci.policies) == std::vector<std::string>{"AWS managed policy `AdministratorAccess`"});
  CHECK(labels(ci.boundary) == std::vector<std::string>{"AWS managed policy `PowerUserAccess`"});
  const IamPrincipal& ops = principal(*u.analysis, "aws_iam_group.ops");
  CHECK(ops.kind == PrincipalKind::Group);
  CHECK(labels(ops.policies) == std::vector<std::string>{"AWS managed policy `ReadOnlyAccess`",
                                                         "group policy `aws_iam_group_policy.ops`",
                                                         "managed policy `aws_iam_policy.billing`"});
}

TEST_CASE("terraform: values known only after apply are holes, never findings, and the model says what is unknown") {
  FileResult r = lint(testdata() / "unknowns.json", "unknowns.json", true);
  REQUIRE(r.analysis);
  const Analysis& a = *r.analysis;
  const IamPrincipal& late = principal(a, "aws_iam_role.late");
  CHECK(late.trust == nullptr);
  CHECK(late.policies.empty());
  CHECK(late.unknownSources == std::vector<std::string>{"policy `aws_iam_role_policy.late` (known only after apply)"});
  const IamPrincipal& bounded = principal(a, "aws_iam_role.bounded");
  CHECK(bounded.declaresBoundary);
  CHECK(bounded.boundary.empty());
  CHECK(bounded.unknownBoundary ==
        std::vector<std::string>{"permissions boundary `permissions_boundary` of `aws_iam_role.bounded` (known only after apply)"});
  // An unknown boundary makes every answer about the role uncertain, never a certain allow.
  Request request;
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::b/k";
  EvalResult result = evaluate(effectivePolicies(bounded), request);
  CHECK(result.decision == Decision::Allow);
  CHECK_FALSE(result.certain);
  // `aws_sns_topic.plain` does not set `policy`: the computed value AWS gives it is no hole.
  size_t notes = 0;
  for (const Finding& f : r.findings) {
    if (f.id() == "IAM010") ++notes;
    CHECK_MESSAGE(f.resource != "aws_sns_topic.plain", f.message);
  }
  CHECK(notes == 4);
  // A Lambda permission whose `source_arn` is known only after apply has a condition on it, of
  // unknown value: no IAM406, which the same permission without `source_arn` gets.
  FileResult lambda = lint(testdata() / "lambda-unknown-source.json", "lambda-unknown-source.json", true);
  REQUIRE(lambda.analysis);
  CHECK(lambda.findings.empty());
  REQUIRE(lambda.analysis->policies.size() == 1);
  const Statement& st = lambda.analysis->policies[0].statements.at(0);
  REQUIRE(st.conditions.size() == 1);
  CHECK(st.conditions[0].key == "aws:SourceArn");
  CHECK_FALSE(st.conditions[0].values.at(0).alts.at(0).exact());
}

TEST_CASE("terraform: a finding inside a policy string points at the exact value, escapes and all") {
  for (const char* file : {"roles.json", "documents.json", "state.json"}) {
    INFO(file);
    std::string text = readText(testdata() / file);
    FileResult r = lintText(file, text, EngineOptions{}, true, true);
    REQUIRE(r.analysis);
    const SourceFile& source = r.analysis->document.source;
    size_t checked = 0;
    for (const Finding& f : r.findings) {
      if (f.id() != "IAM201" && f.id() != "IAM601" && f.id() != "IAM401") continue;
      size_t b = source.offset(f.range.line, f.range.column), e = source.offset(f.range.endLine, f.range.endColumn);
      std::string_view written = std::string_view(source.text()).substr(b, e - b);
      if (f.id() == "IAM201")
        CHECK(written == (std::string(file) == "roles.json" ? "\\\"s3:GetObjekt\\\"" : "\\\"s3:GetObjectt\\\""));
      else CHECK(written == "\\\"*\\\"");  // the `*` action (IAM601) or principal (IAM401)
      ++checked;
    }
    CHECK(checked == (std::string(file) == "state.json" ? 2 : 1));
  }
  // Across `\n` escapes of a pretty-printed document: the line and column of the value itself.
  std::string text = readText(testdata() / "documents.json");
  FileResult r = lintText("documents.json", text, EngineOptions{}, true, true);
  REQUIRE(r.analysis);
  const SourceFile& source = r.analysis->document.source;
  bool found = false;
  for (const Finding& f : r.findings)
    if (f.id() == "IAM302") {
      size_t b = source.offset(f.range.line, f.range.column), e = source.offset(f.range.endLine, f.range.endColumn);
      CHECK(std::string_view(source.text()).substr(b, e - b) == "\\\"arn:aws:s3:::data/${aws:username}\\\"");
      found = true;
    }
  CHECK(found);
}

TEST_CASE("duplicate and null keys name the resource they are in, found from the key's node") {
  auto resources = [](const char* name, const std::string& text, const char* rule) {
    FileResult r = lintText(name, text, EngineOptions{}, true, false);
    std::vector<std::string> out;
    for (const Finding& f : r.findings)
      if (f.id() == rule) out.push_back(f.pointer + " " + f.resource);
    return out;
  };
  // A plan: the resource's address, which its pointer does not hold.
  std::string plan = R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [
    {"address": "aws_iam_user.a", "mode": "managed", "type": "aws_iam_user", "name": "a",
     "values": {"name": "a", "tags": {"team": "x", "team": "y"}}}]}}})";
  CHECK(resources("plan.json", plan, "IAM002") ==
        std::vector<std::string>{"/planned_values/root_module/resources/0/values/tags/team aws_iam_user.a"});
  // A template: the logical id, also of a resource written twice, and after a complex key.
  std::string yaml = "Resources:\n"
                     "  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      ? [a, b]\n      : 1\n"
                     "      Path: /\n      Path: /x/\n"
                     "  Role:\n    Type: AWS::IAM::Role\n"
                     "  Other:\n    Type: AWS::IAM::User\n    Properties:\n      Tags:\n        Null: 1\n";
  CHECK(resources("t.yaml", yaml, "IAM002") ==
        std::vector<std::string>{"/Resources/Role/Properties/Path Role", "/Resources/Role Role"});
  CHECK(resources("t.yaml", yaml, "IAM003") == std::vector<std::string>{"/Resources/Other/Properties/Tags/Null Other"});
}

TEST_CASE("terraform: the same IAM as a template and as a plan gives the same findings") {
  fs::path dir = testdata() / "same-as-template";
  FileResult cfn = lint(dir / "template.yaml", "template.yaml");
  FileResult tf = lint(dir / "plan.json", "plan.json");
  // Logical ids and resource addresses name the same resources.
  const std::map<std::string, std::string> names = {
      {"`App`", "`aws_iam_role.app`"},         {"`Deploy`", "`aws_iam_policy.deploy`"},
      {"`Site`", "`aws_s3_bucket_policy.site`"}, {"`Invoke`", "`aws_lambda_permission.invoke`"},
      {"`Key`", "`aws_kms_key.key`"},
      // and a plan names properties as the provider does
      {"`ManagedPolicyArns`", "`managed_policy_arns`"}};
  auto rename = [&](std::string m) {
    for (const auto& [id, address] : names)
      for (size_t at = m.find(id); at != std::string::npos; at = m.find(id, at + address.size()))
        m.replace(at, id.size(), address);
    return m;
  };
  std::multiset<std::string> fromTemplate, fromPlan;
  for (const Finding& f : cfn.findings) fromTemplate.insert(std::string(f.id()) + " " + levelName(f.level) + " " + rename(f.message));
  for (const Finding& f : tf.findings) fromPlan.insert(std::string(f.id()) + " " + levelName(f.level) + " " + f.message);
  CHECK(fromTemplate.size() == 10);
  for (const std::string& m : fromTemplate) CHECK_MESSAGE(fromPlan.count(m), "only in the template: " << m);
  for (const std::string& m : fromPlan) CHECK_MESSAGE(fromTemplate.count(m), "only in the plan: " << m);
  // And findings name the resource where templates name the logical id.
  std::set<std::string> resources;
  for (const Finding& f : tf.findings) resources.insert(f.resource);
  CHECK(resources == std::set<std::string>{"aws_iam_policy.deploy", "aws_iam_role.app", "aws_kms_key.key",
                                           "aws_lambda_permission.invoke", "aws_s3_bucket_policy.site"});
}

TEST_CASE("terraform: each resource policy guards what the same resource's policy guards in a template") {
  auto guardedByResource = [](const Analysis& a) {
    std::map<std::string, GuardedResource> out;
    for (const Policy& p : a.policies)
      if (!p.awsManaged) out[p.resource] = p.guarded;
    return out;
  };
  FileResult plan = lint(testdata() / "resource-policies.json", "resource-policies.json", true);
  REQUIRE(plan.analysis);
  CHECK(guardedByResource(*plan.analysis) == std::map<std::string, GuardedResource>{
                                                 {"aws_ecr_repository_policy.images", GuardedResource::Other},
                                                 {"aws_kms_key.data", GuardedResource::Key},
                                                 {"aws_lambda_permission.any", GuardedResource::Function},
                                                 {"aws_lambda_permission.invoke", GuardedResource::Function},
                                                 {"aws_s3_bucket_policy.site", GuardedResource::Bucket},
                                                 {"aws_secretsmanager_secret_policy.db", GuardedResource::Secret},
                                                 {"aws_sns_topic_policy.alerts", GuardedResource::Topic},
                                                 {"aws_sqs_queue_policy.events", GuardedResource::Queue}});
  fs::path dir = testdata() / "same-as-template";
  FileResult cfn = lint(dir / "template.yaml", "template.yaml", true);
  FileResult tf = lint(dir / "plan.json", "plan.json", true);
  REQUIRE(cfn.analysis);
  REQUIRE(tf.analysis);
  CHECK(guardedByResource(*cfn.analysis) == std::map<std::string, GuardedResource>{
                                                {"App", GuardedResource::Other},
                                                {"Deploy", GuardedResource::Other},
                                                {"Invoke", GuardedResource::Function},
                                                {"Key", GuardedResource::Key},
                                                {"Site", GuardedResource::Bucket}});
  CHECK(guardedByResource(*tf.analysis) == std::map<std::string, GuardedResource>{
                                               {"aws_iam_policy.deploy", GuardedResource::Other},
                                               {"aws_iam_role.app", GuardedResource::Other},
                                               {"aws_lambda_permission.invoke", GuardedResource::Function},
                                               {"aws_kms_key.key", GuardedResource::Key},
                                               {"aws_s3_bucket_policy.site", GuardedResource::Bucket}});
  CHECK(guardedResourceInfo(GuardedResource::Bucket).service == "s3");
  CHECK(guardedResourceInfo(GuardedResource::SearchDomain).service == "es");
  CHECK(guardedResourceNamed("search-domain") == GuardedResource::SearchDomain);
  CHECK(guardedResourceNamed("-") == GuardedResource::Other);
}

TEST_CASE("corpus: findings on the real Terraform plans are exactly the reviewed ones") {
  fs::path corpus = fs::path(IAMLINT_SOURCE_DIR) / ".." / "shared" / "corpus";
  if (!fs::exists(corpus / "terraform")) {
    MESSAGE("skipped: ../shared/corpus/terraform is not beside this checkout");
    return;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus / "terraform"))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  CHECK(files.size() == 38);
  std::vector<std::string> got;
  size_t plans = 0;
  for (const fs::path& path : files) {
    std::string rel = fs::relative(path, corpus).generic_string();
    FileResult r = lintText(rel, readText(path), EngineOptions{}, false, true);
    CHECK_MESSAGE(r.ok, rel << ": " << r.error);
    if (r.analysis && r.analysis->input == InputFormat::TerraformPlan) ++plans;
    for (const Finding& f : r.findings) got.push_back(render(rel, f));
  }
  CHECK(plans == 38);
  fs::path expected = fs::path(IAMLINT_SOURCE_DIR) / "testdata" / "corpus" / "terraform.expected";
  if (std::getenv("IAMLINT_UPDATE_FIXTURES")) {
    std::ofstream out(expected);
    out << "# Every finding on ../shared/corpus/terraform: file:line:col: rule message [level] {resource} (reviewed;\n"
           "# judged samples in tests/precision/terraform.tsv)\n";
    for (const std::string& g : got) out << g << "\n";
    return;
  }
  compare(expectedLines(expected), got);
}

TEST_CASE("terraform: malformed plans are read as far as they go, never a crash") {
  const char* plans[] = {
      R"({"format_version": "1.2", "planned_values": []})",
      R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": {"a": 1}, "child_modules": "x"}}})",
      R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [1, "x", null, {"address": 3}]}}})",
      R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_iam_role.r", "type": "aws_iam_role", "values": "x"}]}}})",
      R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_iam_role.r", "type": "aws_iam_role",
          "values": {"assume_role_policy": 5, "inline_policy": {"name": 1}, "managed_policy_arns": "arn", "permissions_boundary": []}}]}}})",
      R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_iam_policy.p", "type": "aws_iam_policy",
          "values": {"policy": "{not json"}}, {"address": "aws_iam_policy.q", "type": "aws_iam_policy", "values": {"policy": "[1]"}},
          {"address": "aws_iam_policy.s", "type": "aws_iam_policy", "values": {"policy": "{\"Version\": \"2012-10-17\"}"}}]}}})",
      R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_iam_role_policy_attachment.a",
          "type": "aws_iam_role_policy_attachment", "values": {"role": ["a", 1], "policy_arn": {"x": 1}}},
          {"address": "aws_lambda_permission.l", "type": "aws_lambda_permission", "values": {"action": [], "principal": {}}}]}},
          "resource_changes": [{"address": "aws_iam_role_policy_attachment.a", "change": {"after_unknown": {"role": true, "policy_arn": true}}}, 7],
          "configuration": {"root_module": {"resources": [{"address": "aws_iam_role_policy_attachment.a",
            "expressions": {"role": {"references": [1, "var.", "module.", "aws_iam_role."]}, "policy_arn": {"references": "x"}}}],
            "module_calls": {"m": {"module": {"module_calls": {"n": 5}}}}}}})",
      R"({"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [{"address": "module.a", "resources": [
          {"address": "module.a.aws_iam_role_policy_attachment.x[0]", "type": "aws_iam_role_policy_attachment", "values": {}}]}]}},
          "resource_changes": [{"address": "module.a.aws_iam_role_policy_attachment.x[0]", "change": {"after_unknown": {"role": true}}}],
          "configuration": {"root_module": {"module_calls": {"a": {"expressions": {"r": {"references": ["var.r"]}},
            "module": {"resources": [{"address": "aws_iam_role_policy_attachment.x", "expressions": {"role": {"references": ["var.r"]}}}]}}}}}})",
  };
  for (const char* plan : plans) {
    INFO(plan);
    FileResult r = lintText("plan.json", plan, EngineOptions{}, true, true);
    CHECK(r.ok);
    REQUIRE(r.analysis);
    CHECK(r.analysis->input == InputFormat::TerraformPlan);
  }
  // Child modules nested past the depth budget are not followed (the JSON reader's own
  // nesting limit comes first for deeper files).
  std::string deep = R"({"format_version": "1.2", "planned_values": {"root_module": )";
  for (int i = 0; i < 80; ++i) deep += R"({"child_modules": [)";
  deep += "{}";
  for (int i = 0; i < 80; ++i) deep += "]}";
  deep += "}}";
  FileResult r = lintText("deep.json", deep, EngineOptions{}, true);
  CHECK(r.ok);
}
