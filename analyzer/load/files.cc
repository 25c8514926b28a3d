#include "analyzer/load/files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace iamlint {
namespace fs = std::filesystem;

static bool isCandidate(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template";
}

bool pathMatches(std::string_view pattern, std::string_view path) {
  // Iterative glob with backtracking for the last `*`/`**`.
  size_t p = 0, s = 0, starP = std::string_view::npos, starS = 0;
  bool starCrossesSlash = false;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      starCrossesSlash = p + 1 < pattern.size() && pattern[p + 1] == '*';
      p += starCrossesSlash ? 2 : 1;
      if (starCrossesSlash && p < pattern.size() && pattern[p] == '/') ++p;
      starP = p;
      starS = s;
    } else if (p < pattern.size() && (pattern[p] == '?' ? path[s] != '/' : pattern[p] == path[s])) {
      ++p;
      ++s;
    } else if (starP != std::string_view::npos && (starCrossesSlash || path[starS] != '/')) {
      p = starP;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool isExcluded(const std::string& path, const std::vector<std::string>& excludes, const std::string& root) {
  if (excludes.empty()) return false;
  auto matches = [&](const std::string& p) {
    std::string clean = p.rfind("./", 0) == 0 ? p.substr(2) : p;
    for (const std::string& e : excludes)
      if (pathMatches(e, clean) || pathMatches(e + "/**", clean)) return true;
    return false;
  };
  if (matches(path)) return true;
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
