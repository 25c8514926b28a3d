// JUnit XML for CI test reports: one test suite per file, one failing test case per finding, one
// passing case for a clean file.
#include <filesystem>

#include "analyzer/report/report.h"

namespace iamlint {

static std::string xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
        else out += c;
    }
  }
  return out;
}

void renderJunit(const RunResult& run, std::ostream& out) {
  Summary s = summarize(run);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"iamlint\" tests=\"" << s.errors + s.warnings + s.notes << "\" failures=\""
      << s.errors + s.warnings + s.notes << "\">\n";
  for (const FileResult& file : run.files) {
    if (file.skipped) continue;
    size_t failures = 0;
    for (const Finding& f : file.findings) failures += f.reported();
    out << " <testsuite name=\"" << xml(file.path) << "\" tests=\"" << (failures ? failures : 1) << "\" failures=\""
        << failures << "\" errors=\"0\">\n";
    if (!failures) out << "  <testcase classname=\"iamlint\" name=\"" << xml(file.path) << "\"/>\n";
    for (const Finding& f : file.findings) {
      if (!f.reported()) continue;
      std::string where = f.path + ":" + std::to_string(f.display.line) + ":" + std::to_string(f.display.column);
      out << "  <testcase classname=\"" << xml(ruleTitle(f)) << "\" name=\"" << xml(where) << "\">\n";
      out << "   <failure type=\"" << levelName(f.level) << "\" message=\"" << xml(f.message) << "\">"
          << xml(where + ": " + levelName(f.level) + ": " + f.message + " [" + ruleTitle(f) + "]")
          << "</failure>\n";
      out << "  </testcase>\n";
    }
    out << " </testsuite>\n";
  }
  out << "</testsuites>\n";
}

// GitHub workflow commands: `::error file=...,line=...,col=...::message`.
static std::string ghEscapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

static std::string ghEscapeProperty(std::string_view s) {
  std::string out = ghEscapeData(s);
  std::string r;
  for (char c : out) {
    if (c == ':') r += "%3A";
    else if (c == ',') r += "%2C";
    else r += c;
  }
  return r;
}

// GitHub resolves an annotation's file against the workspace, so paths are made relative to the
// repository root (as SARIF URIs are), whatever the working directory of the step.
static std::string repositoryPath(const std::string& path, const std::string& baseDirectory) {
  namespace fs = std::filesystem;
  if (path == "-" || baseDirectory.empty()) return path;
  std::error_code ec;
  fs::path base = fs::weakly_canonical(fs::absolute(baseDirectory, ec), ec);
  fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  fs::path rel = absolute.lexically_relative(base);
  if (ec || rel.empty() || rel.native().rfind("..", 0) == 0) return path;
  return rel.generic_string();
}

void renderGithub(const RunResult& run, std::ostream& out) {
  for (const FileResult& file : run.files) {
    std::string path = repositoryPath(file.path, run.baseDirectory);
    for (const Finding& f : file.findings) {
      if (!f.reported()) continue;
      const char* command = f.level == Level::Error ? "error" : f.level == Level::Warning ? "warning" : "notice";
      out << "::" << command << " file=" << ghEscapeProperty(f.path == file.path ? path : repositoryPath(f.path, run.baseDirectory));
      if (f.range.valid()) {
        const Range& d = f.display;
        out << ",line=" << d.line << ",col=" << d.column;
        if (d.endLine) out << ",endLine=" << d.endLine;
        if (d.endLine == d.line) out << ",endColumn=" << d.endColumn;
      }
      out << ",title=" << ghEscapeProperty(ruleTitle(f)) << "::" << ghEscapeData(f.message);
      if (!f.suggestion.empty()) out << ghEscapeData(withSuggestion(f));
      out << '\n';
    }
  }
}

}  // namespace iamlint
