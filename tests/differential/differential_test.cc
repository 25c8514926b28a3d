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

// Tags whose disagreements KNOWN.md explains, one per line in known-tags.txt.
std::set<std::string> knownTags(const std::string& dir) {
  std::set<std::string> out;
  std::ifstream in(dir + "/known-tags.txt");
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.insert(line.substr(0, line.find_first_of(" \t")));
  return out;
}

}  // namespace

TEST_CASE("differential: iamlint agrees with iam-simulate") {
  const char* casesPath = std::getenv("IAMLINT_DIFF_CASES");
  const char* expectedPath = std::getenv("IAMLINT_DIFF_EXPECTED");
  if (!casesPath || !expectedPath) return;
  const char* outPath = std::getenv("IAMLINT_DIFF_OUT");
  std::string dir = std::string(IAMLINT_SOURCE_DIR) + "/tests/differential";
  std::set<std::string> known = knownTags(dir);

  std::map<long, std::string> expected;
  std::ifstream exp(expectedPath);
  for (std::string line; std::getline(exp, line);) {
    rapidjson::Document d;
    d.Parse(line.c_str());
    if (!d.HasParseError() && d.IsObject()) expected[d["id"].GetInt64()] = d["result"].GetString();
  }
  std::ifstream cases(casesPath);
  std::ofstream out(outPath ? outPath : "/dev/null");
  long total = 0, agree = 0, skipped = 0, explained = 0;
  std::map<std::string, long> byTag;
  for (std::string line; std::getline(cases, line);) {
    rapidjson::Document c;
    c.Parse(line.c_str());
    REQUIRE_FALSE(c.HasParseError());
    long id = c["id"].GetInt64();
    auto want = expected.find(id);
    if (want == expected.end() || want->second == "error") {
      ++skipped;
      continue;
    }
    // Policies live in deques: the set points into them.
    std::deque<Policy> policies;
    auto read = [&](const char* member, PolicyKind kind, std::vector<const Policy*>& into) {
      if (!c.HasMember(member)) return false;
      const rapidjson::Value& v = c[member];
      auto one = [&](const rapidjson::Value& p) { into.push_back(&policies.emplace_back(testutil::policyFromJson(serialize(p), kind))); };
      if (v.IsArray()) for (const auto& p : v.GetArray()) one(p);
      else one(v);
      return true;
    };
    PolicySet set;
    read("identity", PolicyKind::Identity, set.identity);
    std::vector<const Policy*> boundary, scp;
    if (read("boundary", PolicyKind::Identity, boundary)) set.boundary = boundary;
    read("resourcePolicy", PolicyKind::Resource, set.resource);
    if (read("scp", PolicyKind::Identity, scp)) set.scp = scp;
    read("rcp", PolicyKind::Resource, set.rcp);
    Request r;
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
    EvalResult got = evaluate(set, r);
    ++total;
    std::string mine = simulatorName(got.decision);
    if (mine == want->second && got.certain) {
      ++agree;
      continue;
    }
    bool isKnown = false;
    for (const auto& t : c["tags"].GetArray()) {
      byTag[t.GetString()]++;
      isKnown = isKnown || known.count(t.GetString());
    }
    explained += isKnown;
    out << "{\"id\":" << id << ",\"iamlint\":\"" << mine << (got.certain ? "" : " (uncertain)")
        << "\",\"simulate\":\"" << want->second << "\",\"known\":" << (isKnown ? "true" : "false")
        << ",\"case\":" << line << "}\n";
  }
  std::ostringstream summary;
  summary << "differential: " << agree << "/" << total << " agree ("
          << (total ? 100.0 * agree / total : 0) << "%), " << (total - agree - explained)
          << " unexplained, " << skipped << " skipped (simulator error)\n";
  for (const auto& [tag, n] : byTag) summary << "  disagreements tagged " << tag << ": " << n << "\n";
  std::cout << summary.str();
  CHECK(total > 0);
  CHECK(total - agree - explained == 0);
}
