#include "analyzer/load/files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

#include <map>
#include <memory>
#include <mutex>

#include <re2/re2.h>

namespace iamlint {
namespace fs = std::filesystem;

static bool isCandidate(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template";
}

// A glob as an anchored RE2 pattern, with .gitignore's meaning: `*` and `?` stay within one
// path segment, `**/` is any number of directories, `/**` at the end is everything below, a
// pattern without a `/` (but for a trailing one) matches at any depth, a leading `./` or `/`
// anchors nothing more than the pattern's own `/` does, and whatever matches a directory
// matches everything below it.
std::string globToRegex(std::string_view glob) {
  std::string g(glob);
  while (g.rfind("./", 0) == 0) g.erase(0, 2);
  bool anchored = false;
  if (!g.empty() && g[0] == '/') {
    anchored = true;
    g.erase(0, 1);
  }
  while (g.size() > 1 && g.back() == '/') g.pop_back();
  if (g.find('/') != std::string::npos) anchored = true;
  std::string re = anchored ? "" : "(?:.*/)?";
  for (size_t i = 0; i < g.size(); ++i) {
    char c = g[i];
    if (c == '*' && i + 1 < g.size() && g[i + 1] == '*') {
      bool segmentStart = i == 0 || g[i - 1] == '/';
      size_t after = i + 2;
      if (segmentStart && after < g.size() && g[after] == '/') {
        re += "(?:.*/)?";
        i = after;
      } else if (segmentStart && after == g.size()) {
        re += ".*";
        i = after - 1;
      } else {
        re += "[^/]*";  // `a**b` is `a*b`, as in .gitignore
        ++i;
      }
    } else if (c == '*') {
      re += "[^/]*";
    } else if (c == '?') {
      re += "[^/]";
    } else if (c == '[') {
      size_t close = g.find(']', i + 2);
      if (close == std::string::npos) {
        re += "\\[";
        continue;
      }
      std::string set = g.substr(i + 1, close - i - 1);
      if (!set.empty() && set[0] == '!') set[0] = '^';
      std::string cls = "[";
      for (char x : set) cls += (x == '\\' || x == '[') ? std::string("\\") + x : std::string(1, x);
      re += cls + "]";
      i = close;
    } else {
      re += RE2::QuoteMeta(std::string_view(&g[i], 1));
    }
  }
  return re + "(?:/.*)?";
}

bool pathMatches(std::string_view pattern, std::string_view path) {
  // Patterns are few and paths many: compile each pattern once per process.
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<RE2>, std::less<>> cache;
  const RE2* re;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(pattern);
    if (it == cache.end()) {
      RE2::Options options;
      options.set_log_errors(false);
      options.set_dot_nl(true);
      it = cache.emplace(std::string(pattern), std::make_unique<RE2>(globToRegex(pattern), options)).first;
    }
    re = it->second.get();
  }
  if (!re->ok()) return false;
  std::string clean(path);
  while (clean.rfind("./", 0) == 0) clean.erase(0, 2);
  return RE2::FullMatch(clean, *re);
}

bool isExcluded(const std::string& path, const std::vector<std::string>& excludes, const std::string& root) {
  if (excludes.empty()) return false;
  auto matches = [&](const std::string& p) {
    for (const std::string& e : excludes)
      if (pathMatches(e, p)) return true;
    return false;
  };
  std::string given = fs::path(path).lexically_normal().generic_string();
  if (matches(given)) return true;
  if (root.empty()) return false;
  std::error_code ec;
  fs::path relative = fs::absolute(path, ec).lexically_normal().lexically_relative(fs::path(root).lexically_normal());
  std::string r = relative.generic_string();
  return !ec && !r.empty() && r.rfind("..", 0) != 0 && matches(r);
}

std::vector<InputFile> collectInputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& excludes,
                                     std::vector<std::string>& missing, const std::string& excludeRoot) {
  std::vector<InputFile> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      missing.push_back(path);
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back({path, true});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      if (it->is_directory(ec)) {
        if ((name.size() > 1 && name[0] == '.') || name == "node_modules" || isExcluded(p.string(), excludes, excludeRoot))
          it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && isCandidate(p) && !isExcluded(p.string(), excludes, excludeRoot)) found.push_back(p.string());
    }
    std::sort(found.begin(), found.end());
    for (std::string& f : found) out.push_back({std::move(f), false});
  }
  return out;
}

std::optional<std::string> readFile(const std::string& path, std::string& error, size_t limit, bool& tooLarge) {
  tooLarge = false;
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (!ec && size > limit) {
    tooLarge = true;
    return std::string();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount()) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > limit) {
      tooLarge = true;
      return std::string();
    }
  }
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return text;
}

bool writeFileAtomically(const std::string& path, const std::string& content, std::string& error) {
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp." + std::to_string(getpid()))).string();
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = (std::fflush(f) == 0) && ok;
  ok = (fsync(fileno(f)) == 0) && ok;
  ok = (std::fclose(f) == 0) && ok;
  std::error_code ec;
  if (ok) fs::rename(tmp, target, ec);
  if (!ok || ec) {
    fs::remove(tmp, ec);
    error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace iamlint
