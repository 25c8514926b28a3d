// `iamlint query`'s answer, as text or JSON.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "analyzer/report/report.h"

namespace iamlint {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

void renderSummaryJson(const QueryAnswer& answer, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("principal"), w.String(answer.principal.c_str());
  w.Key("grants");
  w.StartArray();
  for (const QueryGrant& g : answer.grants) {
    w.StartObject();
    w.Key("service"), w.String(g.service.c_str());
    w.Key("accessLevel"), w.String(std::string(accessLevelName(g.accessLevel)).c_str());
    w.Key("actions");
    w.StartArray();
    for (const std::string& a : g.actions) w.String(a.c_str());
    w.EndArray();
    w.Key("resource"), w.String(g.resource.c_str());
    w.Key("statement"), w.String(g.statement.what.c_str());
    w.Key("location"), w.String(g.statement.where.c_str());
    w.Key("certain"), w.Bool(g.certain);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out << "\n";
}

void renderSummaryText(const QueryAnswer& answer, std::ostream& out) {
  size_t total = answer.actionCount, services = answer.serviceCount;
  out << answer.principal << " may use " << total << " action" << (total == 1 ? "" : "s") << " of " << services
      << " service" << (services == 1 ? "" : "s") << ":\n";
  std::string lastService;
  for (const QueryGrant& g : answer.grants) {
    if (g.service != lastService) {
      out << "  " << g.service << (g.serviceName ? " (" + *g.serviceName + ")" : "") << "\n";
      lastService = g.service;
    }
    std::string list;
    for (size_t i = 0; i < g.actions.size() && i < 6; ++i) list += (i ? ", " : "") + g.actions[i];
    if (g.actions.size() > 6) list += " and " + std::to_string(g.actions.size() - 6) + " more";
    const QueryStatement& l = g.statement;
    out << "    " << accessLevelName(g.accessLevel) << " (" << g.actions.size() << "): " << list << " on "
        << g.resource << (g.certain ? "" : " (not certain)") << "\n      by " << l.what
        << (l.where.empty() ? "" : " (" + l.where + ")") << "\n";
  }
}

void renderDecisionJson(const QueryAnswer& answer, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  Writer w(stream);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("principal"), w.String(answer.principal.c_str());
  if (!answer.principalArn.empty()) w.Key("principalArn"), w.String(answer.principalArn.c_str());
  w.Key("action"), w.String(answer.action.c_str());
  w.Key("resource"), w.String(answer.resource.c_str());
  w.Key("decision"), w.String(decisionName(answer.decision));
  w.Key("certain"), w.Bool(answer.certain);
  w.Key("statements");
  w.StartArray();
  for (const QueryStatement& l : answer.statements) {
    w.StartObject();
    w.Key("statement"), w.String(l.what.c_str());
    w.Key("location"), w.String(l.where.c_str());
    w.Key("applies"), w.String(triName(l.applies));
    w.EndObject();
  }
  w.EndArray();
  w.Key("missing");
  w.StartArray();
  for (const std::string& m : answer.missing) w.String(m.c_str());
  w.EndArray();
  w.Key("assumptions");
  w.StartArray();
  for (const std::string& a : answer.assumptions) w.String(a.c_str());
  w.EndArray();
  w.EndObject();
  out << "\n";
}

void renderDecisionText(const QueryAnswer& answer, std::ostream& out) {
  const char* verdict = answer.decision == Decision::Allow          ? "ALLOW"
                        : answer.decision == Decision::ExplicitDeny ? "DENY (explicit)"
                                                                    : "DENY (implicit)";
  out << verdict << (answer.certain ? "" : " (not certain)") << ": " << answer.principal << " " << answer.action
      << " on " << answer.resource << "\n";
  const char* verb = answer.decision == Decision::Allow          ? "allowed by"
                     : answer.decision == Decision::ExplicitDeny ? "denied by"
                                                                 : "";
  if (answer.statements.empty() && answer.decision == Decision::ImplicitDeny && answer.missing.empty())
    out << (answer.certain ? "  no statement allows it\n" : "  no statement iamlint knows allows it\n");
  for (const std::string& m : answer.missing) out << "  not allowed: " << m << "\n";
  for (const QueryStatement& l : answer.statements) {
    out << "  " << (l.applies == Tri::Yes ? verb : "may apply:") << " " << l.what;
    if (!l.where.empty()) out << " (" << l.where << ")";
    out << "\n";
  }
  for (const std::string& a : answer.assumptions) out << "  assumes: " << a << "\n";
}

}  // namespace

void renderQuery(const QueryAnswer& answer, std::string_view format, std::ostream& out) {
  bool json = format == "json";
  if (answer.summary) json ? renderSummaryJson(answer, out) : renderSummaryText(answer, out);
  else json ? renderDecisionJson(answer, out) : renderDecisionText(answer, out);
}

}  // namespace iamlint
