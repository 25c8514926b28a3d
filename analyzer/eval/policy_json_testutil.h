// Test-only: builds Policy/Statement/Value structs from a policy JSON string, so evaluator
// tests read like the policies they exercise. Conventions beyond IAM JSON:
// - `${Name}` (no colon) and `${AWS::X}` are template holes; `${aws:key}` stays a variable;
// - `{"If": ["Cond", a, b]}` is a Fn::If value with alternatives guarded by `Cond`/`!Cond`
//   (a null branch is AWS::NoValue);
// - a statement's `"CfnCondition": "C"` is the CloudFormation condition it exists under.
#pragma once

#include <rapidjson/document.h>

#include <stdexcept>
#include <string>

#include "iamlint/policy.h"

namespace iamlint::testutil {

// `C`, `!C` or `A && !B` as a guard (test inputs only: the resolver builds guards itself).
inline Guard guardFrom(const std::string& text) {
  Guard g;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t cut = text.find("&&", pos);
    std::string part = text.substr(pos, cut == std::string::npos ? std::string::npos : cut - pos);
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    bool negated = !part.empty() && part[0] == '!';
    if (negated) part.erase(0, 1);
    if (!part.empty()) g.add({part, negated});
    if (cut == std::string::npos) break;
    pos = cut + 2;
  }
  return g;
}

inline Resolved resolvedFrom(const std::string& text, const std::string& condition = {}) {
  Resolved r;
  r.text = text;
  r.guard = guardFrom(condition);
  for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 1)) {
    size_t close = text.find('}', at);
    if (close == std::string::npos) break;
    std::string body = text.substr(at + 2, close - at - 2);
    bool variable = body.find(':') != std::string::npos && body.find("::") == std::string::npos;
    if (variable || body == "*" || body == "?" || body == "$") continue;
    r.holes.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(close + 1), body});
  }
  return r;
}

inline std::string scalarText(const rapidjson::Value& v) {
  if (v.IsString()) return v.GetString();
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsNumber()) {
    std::string s = std::to_string(v.GetDouble());
    return s;
  }
  throw std::runtime_error("unsupported scalar");
}

inline Value valueFrom(const rapidjson::Value& v) {
  Value out;
  if (v.IsObject() && v.HasMember("If")) {
    const auto& a = v["If"];
    std::string cond = a[0].GetString();
    if (!a[1].IsNull()) out.alts.push_back(resolvedFrom(scalarText(a[1]), cond));
    if (!a[2].IsNull()) out.alts.push_back(resolvedFrom(scalarText(a[2]), "!" + cond));
    return out;
  }
  if (v.IsObject() && v.HasMember("OneOf")) {  // AllowedValues-like alternatives
    for (const auto& x : v["OneOf"].GetArray()) out.alts.push_back(resolvedFrom(scalarText(x)));
    return out;
  }
  out.alts.push_back(resolvedFrom(scalarText(v)));
  return out;
}

inline std::vector<Value> valuesFrom(const rapidjson::Value& v) {
  std::vector<Value> out;
  if (v.IsArray()) {
    for (const auto& x : v.GetArray()) out.push_back(valueFrom(x));
  } else {
    out.push_back(valueFrom(v));
  }
  return out;
}

inline Policy policyFromJson(const std::string& json, PolicyKind kind = PolicyKind::Identity,
                             std::string name = "test") {
  rapidjson::Document d;
  d.Parse(json.c_str());
  if (d.HasParseError() || !d.IsObject()) throw std::runtime_error("bad policy JSON: " + json);
  Policy p;
  p.kind = kind;
  p.name = std::move(name);
  const auto& st = d["Statement"];
  auto add = [&](const rapidjson::Value& s) {
    Statement out;
    out.index = static_cast<uint32_t>(p.statements.size());
    std::string effect = s.HasMember("Effect") ? s["Effect"].GetString() : "";
    out.effect = effect == "Allow" ? Effect::Allow : effect == "Deny" ? Effect::Deny : Effect::Invalid;
    if (s.HasMember("Action")) out.actions = valuesFrom(s["Action"]);
    if (s.HasMember("NotAction")) out.notAction = true, out.actions = valuesFrom(s["NotAction"]);
    if (s.HasMember("Resource")) out.resources = valuesFrom(s["Resource"]);
    if (s.HasMember("NotResource")) out.notResource = true, out.resources = valuesFrom(s["NotResource"]);
    for (const char* key : {"Principal", "NotPrincipal"}) {
      if (!s.HasMember(key)) continue;
      out.notPrincipal = std::string(key) == "NotPrincipal";
      const auto& pr = s[key];
      if (pr.IsString()) {
        out.principals.push_back({"*", nullptr, {valueFrom(pr)}});
      } else {
        for (auto m = pr.MemberBegin(); m != pr.MemberEnd(); ++m)
          out.principals.push_back({m->name.GetString(), nullptr, valuesFrom(m->value)});
      }
    }
    if (s.HasMember("Condition")) {
      for (auto op = s["Condition"].MemberBegin(); op != s["Condition"].MemberEnd(); ++op)
        for (auto k = op->value.MemberBegin(); k != op->value.MemberEnd(); ++k) {
          ConditionEntry c;
          c.op = op->name.GetString();
          c.key = k->name.GetString();
          c.values = valuesFrom(k->value);
          out.conditions.push_back(std::move(c));
        }
    }
    if (s.HasMember("CfnCondition")) out.guard = guardFrom(s["CfnCondition"].GetString());
    p.statements.push_back(std::move(out));
  };
  if (st.IsArray()) {
    for (const auto& s : st.GetArray()) add(s);
  } else {
    add(st);
  }
  return p;
}

}  // namespace iamlint::testutil
