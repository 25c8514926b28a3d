#include "analyzer/lsp/server.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <map>
#include <memory>

#include "analyzer/cli/options.h"
#include "analyzer/engine/config.h"
#include "analyzer/fix/fix.h"
#include "analyzer/lsp/protocol.h"
#include "analyzer/report/rule_docs.h"
#include "iamlint/catalog.h"

namespace iamlint::lsp {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Positions: LSP counts UTF-16 code units from 0; findings count bytes from 1.
struct LineIndex {
  std::vector<size_t> starts;
  explicit LineIndex(const std::string& text) {
    starts.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts.push_back(i + 1);
  }
  std::string_view line(const std::string& text, size_t index) const {
    if (index >= starts.size()) return {};
    size_t end = index + 1 < starts.size() ? starts[index + 1] - 1 : text.size();
    return std::string_view(text).substr(starts[index], end - starts[index]);
  }
};

uint32_t utf16Units(std::string_view bytes) {
  uint32_t units = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if ((c & 0xC0) == 0x80) continue;
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

size_t bytesForUnits(std::string_view line, uint32_t units) {
  size_t i = 0;
  uint32_t seen = 0;
  while (i < line.size() && seen < units) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    seen += len == 4 ? 2 : 1;
    i = std::min(line.size(), i + len);
  }
  return i;
}

struct Position {
  uint32_t line = 0, character = 0;
};

Position toPosition(const std::string& text, const LineIndex& index, uint32_t line1, uint32_t byteColumn1) {
  if (line1 == 0) return {};
  std::string_view line = index.line(text, line1 - 1);
  size_t bytes = std::min<size_t>(byteColumn1 ? byteColumn1 - 1 : 0, line.size());
  return {line1 - 1, utf16Units(line.substr(0, bytes))};
}

Position offsetPosition(const std::string& text, const LineIndex& index, size_t offset) {
  size_t line = static_cast<size_t>(std::upper_bound(index.starts.begin(), index.starts.end(), offset) -
                                    index.starts.begin()) - 1;
  return {static_cast<uint32_t>(line),
          utf16Units(std::string_view(text).substr(index.starts[line], offset - index.starts[line]))};
}

void writePosition(Writer& w, Position p) {
  w.StartObject();
  w.Key("line"), w.Uint(p.line);
  w.Key("character"), w.Uint(p.character);
  w.EndObject();
}

void writeRange(Writer& w, Position a, Position b) {
  w.StartObject();
  w.Key("start"), writePosition(w, a);
  w.Key("end"), writePosition(w, b);
  w.EndObject();
}

void str(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string percentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// `file:///a/b%20c.yaml` -> `/a/b c.yaml`; other schemes keep their text as a name.
std::string pathOfUri(std::string_view uri) {
  if (uri.rfind("file://", 0) == 0) {
    std::string_view rest = uri.substr(7);
    size_t slash = rest.find('/');  // skip an authority (`file://localhost/...`)
    return percentDecode(slash == std::string_view::npos ? rest : rest.substr(slash));
  }
  return std::string(uri);
}

const rapidjson::Value* member(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(key);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

std::optional<std::string> stringAt(const rapidjson::Value& v, const char* key) {
  const rapidjson::Value* m = member(v, key);
  if (!m || !m->IsString()) return std::nullopt;
  return std::string(m->GetString(), m->GetStringLength());
}

struct Doc {
  std::string uri, path, text;
  int64_t version = 0;
  bool dirty = true;
  FileResult result;
};

class Server {
 public:
  Server(int in, int out) : reader_(in), out_(out) {}

  int run() {
    while (std::optional<std::string> body = reader_.next()) {
      handle(*body);
      if (exit_) break;
      if (!reader_.pending()) lintDirty();
    }
    return shutdown_ ? 0 : 1;
  }

 private:
  void send(const rapidjson::StringBuffer& b) { writeMessage(out_, std::string(b.GetString(), b.GetSize())); }

  void respondError(const rapidjson::Value* id, int code, const std::string& message) {
    rapidjson::StringBuffer b;
    Writer w(b);
    w.StartObject();
    str(w, "jsonrpc", "2.0");
    w.Key("id");
    if (id && (id->IsString() || id->IsInt64())) id->Accept(w);
    else w.Null();
    w.Key("error");
    w.StartObject();
    w.Key("code"), w.Int(code);
    str(w, "message", message);
    w.EndObject();
    w.EndObject();
    send(b);
  }

  template <class Body>
  void respond(const rapidjson::Value& id, Body body) {
    rapidjson::StringBuffer b;
    Writer w(b);
    w.StartObject();
    str(w, "jsonrpc", "2.0");
    w.Key("id");
    id.Accept(w);
    w.Key("result");
    body(w);
    w.EndObject();
    send(b);
  }

  void handle(const std::string& body) {
    rapidjson::Document msg;
    msg.Parse(body.data(), body.size());
    if (msg.HasParseError()) return respondError(nullptr, -32700, "the message is not JSON");
    const rapidjson::Value* id = member(msg, "id");
    if (id && !(id->IsString() || id->IsInt64())) id = nullptr;
    std::optional<std::string> method = msg.IsObject() ? stringAt(msg, "method") : std::nullopt;
    if (!method) {
      if (id || !msg.IsObject()) respondError(id, -32600, "a request needs a `method`");
      return;  // a response to something we never asked
    }
    static const rapidjson::Value empty(rapidjson::kObjectType);
    const rapidjson::Value* params = member(msg, "params");
    const rapidjson::Value& p = params && params->IsObject() ? *params : empty;
    if (*method == "exit") {
      exit_ = true;
      return;
    }
    if (!initialized_ && *method != "initialize") {
      if (id) respondError(id, -32002, "the server is not initialized");
      return;
    }
    if (shutdown_) {
      if (id) respondError(id, -32600, "the server is shut down");
      return;
    }
    if (*method == "initialize") return id ? initialize(*id) : void();
    if (*method == "shutdown") {
      shutdown_ = true;
      if (id) respond(*id, [](Writer& w) { w.Null(); });
      return;
    }
    if (*method == "textDocument/didOpen") return didOpen(p);
    if (*method == "textDocument/didChange") return didChange(p);
    if (*method == "textDocument/didSave") return didSave(p);
    if (*method == "textDocument/didClose") return didClose(p);
    if (*method == "textDocument/codeAction") return id ? codeAction(*id, p) : void();
    if (id) respondError(id, -32601, "iamlint does not handle `" + *method + "`");
    // Notifications it does not know ($/cancelRequest, initialized, ...) need no answer.
  }

  void initialize(const rapidjson::Value& id) {
    initialized_ = true;
    Catalog::instance();  // load the data now, not on the first keystroke
    respond(id, [](Writer& w) {
      w.StartObject();
      w.Key("capabilities");
      w.StartObject();
      w.Key("textDocumentSync");
      w.StartObject();
      w.Key("openClose"), w.Bool(true);
      w.Key("change"), w.Int(1);  // full text
      w.Key("save");
      w.StartObject();
      w.Key("includeText"), w.Bool(true);
      w.EndObject();
      w.EndObject();
      w.Key("codeActionProvider");
      w.StartObject();
      w.Key("codeActionKinds");
      w.StartArray();
      w.String("quickfix");
      w.EndArray();
      w.EndObject();
      w.EndObject();
      w.Key("serverInfo");
      w.StartObject();
      str(w, "name", "iamlint");
      str(w, "version", IAMLINT_VERSION);
      w.EndObject();
      w.EndObject();
    });
  }

  Doc* docOf(const rapidjson::Value& p) {
    const rapidjson::Value* td = member(p, "textDocument");
    std::optional<std::string> uri = td ? stringAt(*td, "uri") : std::nullopt;
    if (!uri) return nullptr;
    auto it = docs_.find(*uri);
    return it == docs_.end() ? nullptr : &it->second;
  }

  static int64_t versionOf(const rapidjson::Value& p) {
    const rapidjson::Value* td = member(p, "textDocument");
    const rapidjson::Value* v = td ? member(*td, "version") : nullptr;
    return v && v->IsInt64() ? v->GetInt64() : 0;
  }

  void didOpen(const rapidjson::Value& p) {
    const rapidjson::Value* td = member(p, "textDocument");
    std::optional<std::string> uri = td ? stringAt(*td, "uri") : std::nullopt;
    std::optional<std::string> text = td ? stringAt(*td, "text") : std::nullopt;
    if (!uri || !text) return;
    Doc& d = docs_[*uri];
    d.uri = *uri;
    d.path = pathOfUri(*uri);
    d.text = std::move(*text);
    d.version = versionOf(p);
    d.dirty = true;
  }

  void didChange(const rapidjson::Value& p) {
    Doc* d = docOf(p);
    const rapidjson::Value* changes = member(p, "contentChanges");
    if (!d || !changes || !changes->IsArray()) return;
    for (const rapidjson::Value& c : changes->GetArray()) {
      std::optional<std::string> text = stringAt(c, "text");
      if (!text) continue;
      const rapidjson::Value* range = member(c, "range");
      if (!range) {
        d->text = std::move(*text);
        continue;
      }
      // An incremental change, from a client that ignored the full-sync capability.
      LineIndex index(d->text);
      auto offset = [&](const char* which) -> std::optional<size_t> {
        const rapidjson::Value* pos = member(*range, which);
        const rapidjson::Value* line = pos ? member(*pos, "line") : nullptr;
        const rapidjson::Value* ch = pos ? member(*pos, "character") : nullptr;
        if (!line || !ch || !line->IsUint() || !ch->IsUint()) return std::nullopt;
        if (line->GetUint() >= index.starts.size()) return d->text.size();
        return index.starts[line->GetUint()] + bytesForUnits(index.line(d->text, line->GetUint()), ch->GetUint());
      };
      std::optional<size_t> from = offset("start"), to = offset("end");
      if (!from || !to || *to < *from) continue;
      d->text.replace(*from, *to - *from, *text);
    }
    d->version = versionOf(p);
    d->dirty = true;
  }

  void didSave(const rapidjson::Value& p) {
    Doc* d = docOf(p);
    if (!d) return;
    if (std::optional<std::string> text = stringAt(p, "text")) d->text = std::move(*text);
    d->dirty = true;
  }

  void didClose(const rapidjson::Value& p) {
    Doc* d = docOf(p);
    if (!d) return;
    std::string uri = d->uri;
    docs_.erase(uri);
    publish(uri, nullptr);
  }

  // The settings of `check` for a file: its nearest .iamlint.yaml, read once.
  const EngineOptions* optionsFor(const std::string& path, std::string& error) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path dir = fs::path(path).has_parent_path() ? fs::path(path).parent_path() : fs::current_path(ec);
    std::optional<std::string> config = fs::is_directory(dir, ec) ? findConfig(dir.string()) : std::nullopt;
    std::string key = config.value_or("");
    auto it = settings_.find(key);
    if (it == settings_.end()) {
      auto s = std::make_unique<CheckSettings>();
      // No config file near the file: none at all, whatever the server's working directory.
      Args args = config ? Args{"--config", *config, path} : Args{"--no-config", path};
      std::string why;
      if (parseCheckSettings(args, *s, why) >= 0) {
        error = why;
        return nullptr;
      }
      it = settings_.emplace(key, std::move(s)).first;
    }
    return &it->second->engine;
  }

  void lint(Doc& d) {
    d.dirty = false;
    std::string error;
    const EngineOptions* options = optionsFor(d.path, error);
    if (!options) {
      d.result = FileResult();
      d.result.path = d.path;
      d.result.findings.push_back(
          makeFinding(kParseError, d.path, {1, 1, 1, 1}, "the configuration cannot be used: " + error));
    } else {
      d.result = lintText(d.path, d.text, *options, /*named=*/false);
    }
    publish(d.uri, &d);
  }

  void lintDirty() {
    for (auto& [uri, d] : docs_)
      if (d.dirty) lint(d);
  }

  void publish(const std::string& uri, const Doc* d) {
    rapidjson::StringBuffer b;
    Writer w(b);
    w.StartObject();
    str(w, "jsonrpc", "2.0");
    str(w, "method", "textDocument/publishDiagnostics");
    w.Key("params");
    w.StartObject();
    str(w, "uri", uri);
    if (d) w.Key("version"), w.Int64(d->version);
    w.Key("diagnostics");
    w.StartArray();
    if (d) {
      LineIndex index(d->text);
      for (const Finding& f : d->result.findings) {
        if (!f.reported()) continue;
        w.StartObject();
        Position start = toPosition(d->text, index, f.range.line, f.range.column);
        Position end = f.range.endLine ? toPosition(d->text, index, f.range.endLine, f.range.endColumn) : start;
        if (end.line < start.line || (end.line == start.line && end.character < start.character)) end = start;
        w.Key("range"), writeRange(w, start, end);
        w.Key("severity"), w.Int(f.level == Level::Error ? 1 : f.level == Level::Warning ? 2 : 3);
        str(w, "code", f.id());
        const Rule* rule = f.definition;
        if (rule) {
          w.Key("codeDescription");
          w.StartObject();
          str(w, "href", ruleHelpUri(rule->info));
          w.EndObject();
        }
        str(w, "source", "iamlint");
        std::string message = f.message + " [" + std::string(f.id()) + " " + std::string(f.name()) + "]";
        if (!f.suggestion.empty()) message += "\ndid you mean `" + f.suggestion + "`?";
        for (const std::string& h : f.help) message += "\n" + h;
        str(w, "message", message);
        bool anyRelated = false;
        for (const RelatedLocation& r : f.related) anyRelated |= r.range.valid() && r.path == f.path;
        if (anyRelated) {
          w.Key("relatedInformation");
          w.StartArray();
          for (const RelatedLocation& r : f.related) {
            if (!r.range.valid() || r.path != f.path) continue;
            w.StartObject();
            w.Key("location");
            w.StartObject();
            str(w, "uri", uri);
            Position rs = toPosition(d->text, index, r.range.line, r.range.column);
            Position re = r.range.endLine == r.range.line ? toPosition(d->text, index, r.range.line, r.range.endColumn) : rs;
            w.Key("range"), writeRange(w, rs, re);
            w.EndObject();
            str(w, "message", r.message);
            w.EndObject();
          }
          w.EndArray();
        }
        w.EndObject();
      }
    }
    w.EndArray();
    w.EndObject();
    w.EndObject();
    send(b);
  }

  void codeAction(const rapidjson::Value& id, const rapidjson::Value& p) {
    Doc* d = docOf(p);
    if (!d) {
      respond(id, [](Writer& w) {
        w.StartArray();
        w.EndArray();
      });
      return;
    }
    if (d->dirty) lint(*d);
    uint32_t firstLine = 0, lastLine = UINT32_MAX;
    if (const rapidjson::Value* range = member(p, "range")) {
      const rapidjson::Value* s = member(*range, "start");
      const rapidjson::Value* e = member(*range, "end");
      const rapidjson::Value* sl = s ? member(*s, "line") : nullptr;
      const rapidjson::Value* el = e ? member(*e, "line") : nullptr;
      if (sl && sl->IsUint()) firstLine = sl->GetUint();
      if (el && el->IsUint()) lastLine = el->GetUint();
    }
    std::vector<fix::Edit> edits = fix::safeFixes(d->text, d->result);
    LineIndex index(d->text);
    respond(id, [&](Writer& w) {
      w.StartArray();
      for (const fix::Edit& e : edits) {
        if (e.line == 0 || e.line - 1 < firstLine || e.line - 1 > lastLine) continue;
        w.StartObject();
        str(w, "title", "Fix " + e.rule + ": " + e.description);
        str(w, "kind", "quickfix");
        w.Key("isPreferred"), w.Bool(true);
        w.Key("diagnostics");
        w.StartArray();
        for (const Finding& f : d->result.findings)
          if (f.reported() && f.id() == e.rule && f.range.line == e.line) {
            w.StartObject();
            Position start = toPosition(d->text, index, f.range.line, f.range.column);
            Position end = toPosition(d->text, index, f.range.endLine, f.range.endColumn);
            w.Key("range"), writeRange(w, start, end);
            str(w, "code", f.id());
            str(w, "message", f.message);
            w.EndObject();
          }
        w.EndArray();
        w.Key("edit");
        w.StartObject();
        w.Key("changes");
        w.StartObject();
        w.Key(d->uri.c_str(), static_cast<rapidjson::SizeType>(d->uri.size()));
        w.StartArray();
        w.StartObject();
        w.Key("range"), writeRange(w, offsetPosition(d->text, index, e.offset),
                                   offsetPosition(d->text, index, e.offset + e.length));
        str(w, "newText", e.replacement);
        w.EndObject();
        w.EndArray();
        w.EndObject();
        w.EndObject();
        w.EndObject();
      }
      w.EndArray();
    });
  }

  Reader reader_;
  int out_;
  bool initialized_ = false, shutdown_ = false, exit_ = false;
  std::map<std::string, Doc> docs_;
  std::map<std::string, std::unique_ptr<CheckSettings>> settings_;
};

}  // namespace

int serve(int in, int out) {
  Server server(in, out);
  return server.run();
}

}  // namespace iamlint::lsp
