// The evaluator on a policy and a request from the input. The input is
//   action \n resource \n principal \n (key=value \n)* \n policy
// and every policy the file yields is asked the request, with and without a boundary.
#include "analyzer/engine/engine.h"
#include "fuzz/fuzz_util.h"
#include "iamlint/eval.h"

using namespace iamlint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input = fuzz::text(data, size);
  Request request;
  size_t pos = 0;
  auto nextLine = [&](std::string& into) {
    size_t nl = input.find('\n', pos);
    if (nl == std::string::npos) return false;
    into = input.substr(pos, nl - pos);
    pos = nl + 1;
    return true;
  };
  if (!nextLine(request.action) || !nextLine(request.resource) || !nextLine(request.principal)) return 0;
  for (std::string line; nextLine(line) && !line.empty();) {
    size_t eq = line.find('=');
    if (eq == std::string::npos) request.context.setList(line, {});
    else request.context.set(line.substr(0, eq), line.substr(eq + 1));
  }
  request.context.setOpen(request.action.size() % 2);
  FileResult result = lintText("policy.json", input.substr(pos), EngineOptions{}, true, true);
  if (!result.analysis) return 0;
  const Analysis& analysis = *result.analysis;
  PolicySet set;
  for (const Policy& p : analysis.policies) set.identity.push_back(&p);
  (void)evaluate(set, request);
  if (!analysis.policies.empty()) {
    set.resource = {&analysis.policies.front()};
    set.boundary = std::vector<const Policy*>{&analysis.policies.back()};
    EvalOptions options;
    options.conditions["C"] = true;
    (void)evaluate(set, request, options);
  }
  for (const IamPrincipal& principal : analysis.principals) {
    PolicySet own;
    own.identity = principal.policies;
    if (!principal.boundary.empty()) own.boundary = principal.boundary;
    if (principal.trust) own.resource = {principal.trust};
    (void)evaluate(own, request);
  }
  return 0;
}
