// Micro-benchmarks (Google Benchmark) of the hot parts of a lint: loading YAML and JSON, resolving
// intrinsics, catalog lookups, ARN matching and policy evaluation. A benchmark, not a test: run it
// with tools/bench-micro (docs/performance.md). Inputs are the shared corpus (../shared/corpus, or
// $IAMLINT_CORPUS) and the synthetic templates of bench/make-template.py (tools/bench-micro writes
// them to $IAMLINT_BENCH_INPUTS); a benchmark whose input is absent is skipped with a message.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/frontend/cloudformation/cloudformation.h"
#include "analyzer/load/loader.h"
#include "analyzer/policy/document.h"
#include "iamlint/catalog.h"
#include "iamlint/eval.h"

using namespace iamlint;

// Live heap bytes, for the loader's heap per byte of input (glibc's usable sizes: what the
// allocator really hands out, slack included).
static std::atomic<size_t> gLiveHeap{0};

namespace {

std::string corpusDir() {
  if (const char* c = std::getenv("IAMLINT_CORPUS")) return c;
  return std::string(IAMLINT_SOURCE_DIR) + "/../shared/corpus";
}

bool readText(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// An input file, or a message saying it is absent and which benchmarks are skipped.
struct Input {
  std::string name, path, text;
};
std::vector<Input> gInputs;

void addInput(const std::string& name, const std::string& path) {
  Input in{name, path, {}};
  if (!readText(path, in.text)) {
    std::fprintf(stderr, "skip: %s (%s not present)\n", name.c_str(), path.c_str());
    return;
  }
  gInputs.push_back(std::move(in));
}

void countNodes(const Node& n, size_t& count) {
  ++count;
  for (const Node& k : n.keys) countNodes(k, count);
  for (const Node& i : n.items) countNodes(i, count);
}

// ---- Loader ---------------------------------------------------------------------------

void BM_Load(benchmark::State& state, const Input* input) {
  size_t nodes = 0;
  {
    // The tree's heap, once: live bytes with the document loaded, less the text's own copy.
    size_t before = gLiveHeap.load();
    Document doc;
    LoadError error;
    if (loadDocument(input->path, input->text, doc, error)) {
      state.counters["heap_per_byte"] =
          static_cast<double>(gLiveHeap.load() - before) / static_cast<double>(input->text.size());
      state.counters["node_bytes"] = static_cast<double>(sizeof(Node));
    }
  }
  for (auto _ : state) {
    Document doc;
    LoadError error;
    if (!loadDocument(input->path, input->text, doc, error)) {
      state.SkipWithError(("does not load: " + error.message).c_str());
      return;
    }
    if (nodes == 0) countNodes(doc.root, nodes);
    benchmark::DoNotOptimize(doc.root.items.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->text.size()));
  state.counters["nodes"] = static_cast<double>(nodes);
}

// ---- Resolver ---------------------------------------------------------------------------

const char* kResolverTemplate = R"(
Parameters:
  Bucket: {Type: String}
  Env: {Type: String, Default: prod, AllowedValues: [prod, dev]}
  Arns: {Type: CommaDelimitedList, Default: "arn:aws:s3:::a,arn:aws:s3:::b"}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Mappings:
  Regions:
    us-east-1: {Suffix: east}
    eu-west-1: {Suffix: west}
Resources:
  DataBucket: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub "data-${Env}"}}
  Role: {Type: AWS::IAM::Role, Properties: {RoleName: app-role}}
  Queue: {Type: AWS::SQS::Queue}
Outputs:
  Sub: !Sub "arn:aws:s3:::${Bucket}/*"
  SubDefault: !Sub "arn:aws:s3:::${Env}-logs/${AWS::Region}/${AWS::AccountId}"
  SubVars: !Sub ["${Prefix}-x", {Prefix: !Ref Env}]
  Join: !Join ["", ["arn:aws:s3:::", !Ref DataBucket, "/*"]]
  GetAtt: !GetAtt Role.Arn
  QueueArn: !GetAtt Queue.Arn
  If: !If [IsProd, "arn:aws:s3:::prod/*", !Sub "arn:aws:s3:::${Bucket}-dev/*"]
  FindInMap: !FindInMap [Regions, !Ref "AWS::Region", Suffix]
  Select: !Select [1, !Ref Arns]
  Split: !Split [",", "a,b,c"]
)";

void BM_ResolveIntrinsics(benchmark::State& state) {
  Document doc;
  LoadError error;
  if (!loadDocument("resolver.yaml", kResolverTemplate, doc, error)) {
    state.SkipWithError(error.message.c_str());
    return;
  }
  Template tmpl = buildTemplate(doc);
  std::map<std::string, std::string, std::less<>> overrides;
  const Node* outputs = doc.root.get("Outputs");
  size_t values = 0;
  for (auto _ : state) {
    std::vector<ModelNote> notes;
    Resolver resolver(&tmpl, overrides, notes);
    for (const Node& out : outputs->items) benchmark::DoNotOptimize(resolver.resolve(out));
    values += outputs->items.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(values));
}

// Every intrinsic under Resources of a real template, resolved as the extraction would.
void collectIntrinsics(const Node& n, std::vector<const Node*>& out) {
  if (n.isIntrinsic()) {
    out.push_back(&n);
    return;
  }
  for (const Node& i : n.items) collectIntrinsics(i, out);
}

void BM_ResolveTemplate(benchmark::State& state, const Input* input) {
  Document doc;
  LoadError error;
  if (!loadDocument(input->path, input->text, doc, error)) {
    state.SkipWithError(error.message.c_str());
    return;
  }
  Template tmpl = buildTemplate(doc);
  std::map<std::string, std::string, std::less<>> overrides;
  std::vector<const Node*> intrinsics;
  if (const Node* resources = doc.root.get("Resources")) collectIntrinsics(*resources, intrinsics);
  for (auto _ : state) {
    std::vector<ModelNote> notes;
    Resolver resolver(&tmpl, overrides, notes);
    for (const Node* n : intrinsics) benchmark::DoNotOptimize(resolver.resolve(*n));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * intrinsics.size()));
  state.counters["intrinsics"] = static_cast<double>(intrinsics.size());
}

// ---- Catalog ----------------------------------------------------------------------------

const std::vector<std::string> kActions = {
    "s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:CreateVolume", "ec2:AttachVolume",
    "ec2:DescribeInstances", "iam:PassRole", "iam:CreateRole", "sts:AssumeRole", "kms:Decrypt",
    "lambda:InvokeFunction", "dynamodb:Query", "logs:PutLogEvents", "sqs:SendMessage", "sns:Publish",
    "ssm:GetParameter", "s3:getobject", "ec2:NoSuchAction"};

void BM_CatalogFindAction(benchmark::State& state) {
  const Catalog& catalog = Catalog::instance();
  for (const std::string& a : kActions) benchmark::DoNotOptimize(catalog.findAction(a));  // services parsed
  for (auto _ : state)
    for (const std::string& a : kActions) benchmark::DoNotOptimize(catalog.findAction(a));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kActions.size()));
}

void BM_CatalogExpandPattern(benchmark::State& state, std::string pattern) {
  const Catalog& catalog = Catalog::instance();
  size_t matched = catalog.expandPattern(pattern).size();
  for (auto _ : state) benchmark::DoNotOptimize(catalog.expandPattern(pattern));
  state.counters["actions"] = static_cast<double>(matched);
}

// ---- ARN matching -------------------------------------------------------------------------

// Resource ARNs against the catalog's ARN formats (the resource types an ARN may denote).
const std::vector<std::string> kArns = {
    "arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*", "arn:aws:s3:::${S3BucketName}/prefix/*",
    "arn:aws:ec2:us-east-1:123456789012:volume/*", "arn:aws:ec2:*:*:instance/i-0abc",
    "arn:aws:iam::123456789012:role/service-role/MyRole", "arn:aws:logs:*:*:log-group:/aws/lambda/f:*",
    "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/*", "arn:aws:kms:*:123456789012:key/*",
    "arn:aws:lambda:us-east-1:123456789012:function:f", "arn:aws:sqs:*:*:queue-*", "arn:aws:*:*:*:*"};

void BM_ArnResourceTypes(benchmark::State& state) {
  const Catalog& catalog = Catalog::instance();
  for (const std::string& a : kArns) benchmark::DoNotOptimize(catalog.matchResourceTypes(a));
  for (auto _ : state)
    for (const std::string& a : kArns) benchmark::DoNotOptimize(catalog.matchResourceTypes(a));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kArns.size()));
}

// A policy's Resource pattern against a request's ARN (the evaluator's matching primitive).
void BM_ArnMatches(benchmark::State& state) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"arn:aws:s3:::my-bucket/*", "arn:aws:s3:::my-bucket/a/b/c.txt"},
      {"arn:aws:s3:::my-bucket/${aws:username}/*", "arn:aws:s3:::my-bucket/alice/x"},
      {"arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:us-east-1:123456789012:volume/vol-1"},
      {"arn:aws:iam::*:role/service-role/*", "arn:aws:iam::123456789012:role/app"},
      {"arn:aws:logs:*:*:log-group:/aws/lambda/*:*", "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:x"},
      {"*", "arn:aws:sqs:us-east-1:1:q"}};
  Context context;
  context.set("aws:username", "alice");
  for (auto _ : state)
    for (const auto& [pattern, arn] : cases) benchmark::DoNotOptimize(arnMatches(pattern, arn, context));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * cases.size()));
}

// ---- Evaluator -----------------------------------------------------------------------------

// A policy read from JSON the way a policy file is (documents kept alive with the policy).
struct LoadedPolicy {
  Document doc;
  Policy policy;
  bool ok = false;
  LoadedPolicy(const std::string& name, const std::string& json, PolicyKind kind = PolicyKind::Identity) {
    LoadError error;
    if (!loadDocument(name, json, doc, error)) return;
    std::vector<ModelNote> notes;
    std::map<std::string, std::string, std::less<>> overrides;
    Resolver resolver(nullptr, overrides, notes);
    policy.kind = kind;
    policy.name = name;
    readPolicyDocument(doc.root, policy, resolver, notes);
    ok = true;
  }
};

void BM_Evaluate(benchmark::State& state, std::string managed) {
  const ManagedPolicyInfo* info = Catalog::instance().findManagedPolicy(managed);
  if (!info || !info->document) {
    state.SkipWithError(("no bundled document for " + managed).c_str());
    return;
  }
  auto identity = std::make_unique<LoadedPolicy>(managed, std::string(*info->document));
  auto deny = std::make_unique<LoadedPolicy>("deny", R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Deny","Action":["s3:DeleteObject","s3:PutBucketPolicy"],"Resource":"*"},
    {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})");
  if (!identity->ok || !deny->ok) {
    state.SkipWithError("policy does not load");
    return;
  }
  PolicySet set;
  set.identity = {&identity->policy, &deny->policy};
  std::vector<Request> requests(4);
  requests[0].action = "s3:GetObject", requests[0].resource = "arn:aws:s3:::bucket/key";
  requests[1].action = "ec2:DescribeInstances", requests[1].resource = "*";
  requests[2].action = "s3:DeleteObject", requests[2].resource = "arn:aws:s3:::bucket/key";
  requests[3].action = "iam:CreateRole", requests[3].resource = "arn:aws:iam::123456789012:role/x";
  for (Request& r : requests) r.context.set("aws:SecureTransport", "true");
  for (auto _ : state)
    for (const Request& r : requests) benchmark::DoNotOptimize(evaluate(set, r));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * requests.size()));
  state.counters["statements"] = static_cast<double>(identity->policy.statements.size());
}

}  // namespace

void* operator new(size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  gLiveHeap.fetch_add(malloc_usable_size(p), std::memory_order_relaxed);
  return p;
}
void* operator new[](size_t n) { return operator new(n); }
void operator delete(void* p) noexcept {
  if (!p) return;
  gLiveHeap.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
  std::free(p);
}
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, size_t) noexcept { operator delete(p); }
void operator delete[](void* p, size_t) noexcept { operator delete(p); }

int main(int argc, char** argv) {
  std::string corpus = corpusDir();
  const char* synthetic = std::getenv("IAMLINT_BENCH_INPUTS");
  addInput("genomics-iam.yaml", corpus + "/genomics/aws-genomics-iam.template.yaml");
  addInput("cromwell-resources.yaml", corpus + "/genomics/cromwell-resources.template.yaml");
  addInput("ReadOnlyAccess.json", corpus + "/managed-policies/ReadOnlyAccess.json");
  addInput("AWSSupportServiceRolePolicy.json", corpus + "/managed-policies/AWSSupportServiceRolePolicy.json");
  if (synthetic) {
    addInput("roles-100.yaml", std::string(synthetic) + "/roles-100.yaml");
    addInput("roles-1000.yaml", std::string(synthetic) + "/roles-1000.yaml");
    addInput("roles-1000.json", std::string(synthetic) + "/roles-1000.json");
    addInput("statements-5000.json", std::string(synthetic) + "/statements-5000.json");
  } else {
    std::fprintf(stderr, "skip: synthetic templates (IAMLINT_BENCH_INPUTS not set; tools/bench-micro sets it)\n");
  }
  for (const Input& in : gInputs) {
    benchmark::RegisterBenchmark(("load/" + in.name).c_str(), BM_Load, &in);
    if (in.name.find(".yaml") != std::string::npos)
      benchmark::RegisterBenchmark(("resolve/" + in.name).c_str(), BM_ResolveTemplate, &in);
  }
  benchmark::RegisterBenchmark("resolve/intrinsics", BM_ResolveIntrinsics);
  benchmark::RegisterBenchmark("catalog/findAction", BM_CatalogFindAction);
  for (const char* p : {"s3:Get*", "ec2:*Volume*", "iam:*", "*:Describe*"})
    benchmark::RegisterBenchmark((std::string("catalog/expandPattern/") + p).c_str(), BM_CatalogExpandPattern,
                                 std::string(p));
  benchmark::RegisterBenchmark("arn/resourceTypes", BM_ArnResourceTypes);
  benchmark::RegisterBenchmark("arn/matches", BM_ArnMatches);
  for (const char* m : {"AmazonS3ReadOnlyAccess", "ReadOnlyAccess"})
    benchmark::RegisterBenchmark((std::string("eval/evaluate/") + m).c_str(), BM_Evaluate, std::string(m));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
