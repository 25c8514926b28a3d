// The C++ half of the differential test against iam-simulate (see README.md). It runs only
// when tests/differential_test.sh points IAMLINT_DIFF_CASES and IAMLINT_DIFF_EXPECTED at the
// generated cases and the simulator's answers; otherwise it does nothing.
#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "analyzer/eval/policy_json_testutil.h"
#include "iamlint/eval.h"

using namespace iamlint;

namespace {

std::string serialize(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return buffer.GetString();
}

const char* simulatorName(Decision d) {
  switch (d) {
    case Decision::Allow: return "Allowed";
    case Decision::ExplicitDeny: return "ExplicitlyDenied";
    case Decision::ImplicitDeny: return "ImplicitlyDenied";
  }
  return "?";
}

// The adjudicating rewrites (rewrite.mjs), one per line of known-tags.txt: tag and kind
// (`oracle`: the simulator contradicts the AWS text; `undefined`: AWS documents no answer).
std::map<std::string, std::string> knownTags(const std::string& dir) {
  std::map<std::string, std::string> out;
  std::ifstream in(dir + "/known-tags.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string tag, kind;
    words >> tag >> kind;
    out[tag] = kind;
  }
  return out;
}

// The recorded figures of floors.txt for one run: `mode seed count agree tag=n...`. A run
// must agree on at least `agree` cases and attribute at most n disagreements to each tag
// listed (a tag not listed must attribute none).
struct Floor {
  long agree = 0;
  std::map<std::string, long> classes;
};
std::optional<Floor> floorFor(const std::string& dir, const std::string& mode, const std::string& seed, const std::string& count) {
  std::ifstream in(dir + "/floors.txt");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string m, s, n;
    Floor f;
    words >> m >> s >> n >> f.agree;
    if (m != mode || s != seed || n != count) continue;
    for (std::string w; words >> w;) {
      auto eq = w.find('=');
      if (eq != std::string::npos) f.classes[w.substr(0, eq)] = std::stol(w.substr(eq + 1));
    }
    return f;
  }
  return std::nullopt;
}

// Policies live in a deque: the set points into it.
struct LoadedCase {
  std::deque<Policy> policies;
  PolicySet set;
  std::vector<const Policy*> boundary, scp;
  Request request;
};

void load(const rapidjson::Value& c, LoadedCase& out) {
  auto read = [&](const char* member, PolicyKind kind, std::vector<const Policy*>& into) {
    if (!c.HasMember(member)) return false;
    const rapidjson::Value& v = c[member];
    auto one = [&](const rapidjson::Value& p) {
      into.push_back(&out.policies.emplace_back(testutil::policyFromJson(serialize(p), kind)));
    };
    if (v.IsArray()) for (const auto& p : v.GetArray()) one(p);
    else one(v);
    return true;
  };
  PolicySet& set = out.set;
  read("identity", PolicyKind::Identity, set.identity);
  if (read("boundary", PolicyKind::Identity, out.boundary)) set.boundary = out.boundary;
  read("resourcePolicy", PolicyKind::Resource, set.resource);
  if (read("scp", PolicyKind::Identity, out.scp)) set.scp = out.scp;
  read("rcp", PolicyKind::Resource, set.rcp);
  Request& r = out.request;
  r.action = c["request"]["action"].GetString();
  r.resource = c["request"]["resource"].GetString();
  r.principal = c.HasMember("principal") ? c["principal"].GetString() : "arn:aws:iam::123456789012:role/R";
  if (c.HasMember("principal")) r.resourceAccount = "123456789012";
  // The service rules (docs/evaluation.md): a KMS key's policy must allow, and so must a
  // role's trust policy when there is one.
  std::string service = r.action.substr(0, r.action.find(':'));
  set.resourceMustAllow = (service == "kms" && r.resource.find(":key/") != std::string::npos) ||
                          (service == "sts" && !set.resource.empty());
  for (auto m = c["request"]["context"].MemberBegin(); m != c["request"]["context"].MemberEnd(); ++m) {
    if (m->value.IsArray()) {
      std::vector<std::string> values;
      for (const auto& v : m->value.GetArray()) values.push_back(v.GetString());
      r.context.setList(m->name.GetString(), values);
    } else {
      r.context.set(m->name.GetString(), m->value.GetString());
    }
  }
}

std::string answer(const rapidjson::Value& c) {
  LoadedCase loaded;
  load(c, loaded);
  EvalResult got = evaluate(loaded.set, loaded.request);
  return std::string(simulatorName(got.decision)) + (got.certain ? "" : " (uncertain)");
}

std::string env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace

// Each disagreement is attributed to the first rewrite of rewrite.mjs under which the
// simulator gives iamlint's answer, or to the set of all rewrites when only together they
// do; one no rewrite explains fails the test. A rewrite must leave iamlint's own answer as it
// is (it restates the case in terms AWS answers the same way).
TEST_CASE("differential: iamlint agrees with iam-simulate") {
  const char* casesPath = std::getenv("IAMLINT_DIFF_CASES");
  const char* expectedPath = std::getenv("IAMLINT_DIFF_EXPECTED");
  if (!casesPath || !expectedPath) return;
  const char* outPath = std::getenv("IAMLINT_DIFF_OUT");
  std::string dir = std::string(IAMLINT_SOURCE_DIR) + "/tests/differential";
  std::map<std::string, std::string> known = knownTags(dir);

  std::map<long, rapidjson::Document> expected;
  std::ifstream exp(expectedPath);
  for (std::string line; std::getline(exp, line);) {
    rapidjson::Document d;
    d.Parse(line.c_str());
    if (!d.HasParseError() && d.IsObject()) {
      long id = d["id"].GetInt64();
      expected[id] = std::move(d);
    }
  }
  std::ifstream cases(casesPath);
  std::ofstream out(outPath ? outPath : "/dev/null");
  long total = 0, agree = 0, skipped = 0, unexplained = 0, oracle = 0, undefinedByAws = 0, unstable = 0;
  std::map<std::string, long> byClass;
  for (std::string line; std::getline(cases, line);) {
    rapidjson::Document c;
    c.Parse(line.c_str());
    REQUIRE_FALSE(c.HasParseError());
    long id = c["id"].GetInt64();
    auto want = expected.find(id);
    if (want == expected.end() || std::string(want->second["result"].GetString()) == "error") {
      ++skipped;
      continue;
    }
    const rapidjson::Value& sim = want->second;
    std::string mine = answer(c);
    ++total;
    // The rewritten case must get iamlint's answer on the original.
    if (sim.HasMember("normalized") && answer(sim["normalized"]["case"]) != mine) {
      ++unstable;
      out << "{\"id\":" << id << ",\"unstable\":true,\"iamlint\":\"" << mine << "\",\"case\":" << line << "}\n";
    }
    if (mine == sim["result"].GetString()) {
      ++agree;
      continue;
    }
    std::string cls;
    if (sim.HasMember("rewrites")) {
      for (auto r = sim["rewrites"].MemberBegin(); r != sim["rewrites"].MemberEnd() && cls.empty(); ++r)
        if (mine == r->value.GetString()) cls = r->name.GetString();
    }
    // The tags the attribution rests on: the one rewrite, or all of them for `combined`.
    std::vector<std::string> used;
    if (!cls.empty()) {
      used.push_back(cls);
    } else if (sim.HasMember("normalized") && mine == sim["normalized"]["result"].GetString()) {
      cls = "combined";
      for (const auto& t : sim["normalized"]["applied"].GetArray()) used.push_back(t.GetString());
    }
    bool oracleError = !used.empty();
    for (const std::string& tag : used) oracleError = oracleError && known.count(tag) && known[tag] == "oracle";
    if (cls.empty()) {
      cls = "unexplained";
      ++unexplained;
    } else if (oracleError) {
      ++oracle;
    } else {
      ++undefinedByAws;
    }
    ++byClass[cls];
    out << "{\"id\":" << id << ",\"iamlint\":\"" << mine << "\",\"simulate\":\"" << sim["result"].GetString()
        << "\",\"class\":\"" << cls << "\",\"rewrites\":\"";
    for (size_t i = 0; i < used.size(); ++i) out << (i ? "+" : "") << used[i];
    out << "\",\"case\":" << line << "}\n";
  }
  auto pct = [&](long n, long of) { return of ? 100.0 * n / of : 0.0; };
  std::ostringstream summary;
  summary.precision(4);
  summary << "differential: " << agree << "/" << total << " agree (" << pct(agree, total) << "% raw); "
          << oracle << " where the simulator contradicts the AWS text, " << undefinedByAws
          << " AWS does not define, " << unexplained << " unexplained; adjudicated "
          << agree + oracle << "/" << total - undefinedByAws << " (" << pct(agree + oracle, total - undefinedByAws)
          << "%); " << skipped << " skipped (simulator error)\n";
  for (const auto& [tag, n] : byClass) summary << "  disagreements from " << tag << ": " << n << "\n";
  std::cout << summary.str();
  CHECK(total > 0);
  CHECK(unexplained == 0);
  CHECK(unstable == 0);
  std::string mode = env("IAMLINT_DIFF_MODE", ""), seed = env("IAMLINT_DIFF_SEED", "1"), count = env("IAMLINT_DIFF_COUNT", "10000");
  if (auto floor = floorFor(dir, mode, seed, count)) {
    INFO("floors.txt: " << mode << " seed " << seed << ", " << count << " cases");
    CHECK(agree >= floor->agree);
    for (const auto& [cls, n] : byClass) {
      bool listed = floor->classes.count(cls) > 0;
      CHECK_MESSAGE(listed, "class " << cls << " (" << n << " disagreements) is not in floors.txt");
      if (listed)
        CHECK_MESSAGE(n <= floor->classes[cls], "class " << cls << ": " << n << " disagreements, floors.txt allows "
                                                          << floor->classes[cls]);
    }
  } else {
    std::cout << "  (no floor recorded in floors.txt for " << mode << " seed " << seed << ", " << count << " cases)\n";
  }
}
