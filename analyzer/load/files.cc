#include "analyzer/load/files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <mutex>

#include <re2/re2.h>
#include <iostream>

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

// One directory level at a time, sorted, so an unreadable directory is said and the walk goes
// on. Symlinked directories are not entered (no loops); symlinked files are read.
static void walk(const fs::path& dir, const std::vector<std::string>& excludes, const std::string& excludeRoot,
                 std::vector<std::string>& found, std::vector<UnreadablePath>& unreadable) {
  std::vector<fs::path> pending{dir};
  while (!pending.empty()) {
    fs::path current = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    fs::directory_iterator it(current, ec), end;
    for (; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) {
      unreadable.push_back({current.string(), ec.message()});
      continue;
    }
    std::sort(entries.begin(), entries.end());
    std::vector<fs::path> subdirs;
    for (const fs::directory_entry& e : entries) {
      const fs::path& p = e.path();
      std::string name = p.filename().string();
      std::error_code sec;
      if (e.is_directory(sec)) {
        if (e.is_symlink(sec) || (name.size() > 1 && name[0] == '.') || name == "node_modules" ||
            isExcluded(p.string(), excludes, excludeRoot))
          continue;
        subdirs.push_back(p);
        continue;
      }
      if (e.is_regular_file(sec) && isCandidate(p) && !isExcluded(p.string(), excludes, excludeRoot))
        found.push_back(p.string());
    }
    for (auto s = subdirs.rbegin(); s != subdirs.rend(); ++s) pending.push_back(*s);
  }
}

std::vector<InputFile> collectInputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& excludes,
                                     std::vector<std::string>& missing, const std::string& excludeRoot) {
  std::vector<UnreadablePath> unreadable;
  return collectInputs(paths, excludes, missing, unreadable, excludeRoot);
}

std::vector<InputFile> collectInputs(const std::vector<std::string>& paths,
                                     const std::vector<std::string>& excludes, std::vector<std::string>& missing,
                                     std::vector<UnreadablePath>& unreadable, const std::string& excludeRoot) {
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
    walk(path, excludes, excludeRoot, found, unreadable);
    std::sort(found.begin(), found.end());
    for (std::string& f : found) out.push_back({std::move(f), false});
  }
  return out;
}

std::optional<std::string> readFile(const std::string& path, std::string& error, size_t limit, bool& tooLarge) {
  tooLarge = false;
  // Opened without blocking and checked before reading: a FIFO or a device named as input
  // (or as `.iamlint.yaml`) would block forever or never end.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return std::nullopt;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = S_ISDIR(st.st_mode)    ? "is a directory"
            : S_ISFIFO(st.st_mode) ? "not a regular file (a FIFO); iamlint does not read it"
            : S_ISSOCK(st.st_mode) ? "not a regular file (a socket); iamlint does not read it"
                                   : "not a regular file (a device); iamlint does not read it";
    ::close(fd);
    return std::nullopt;
  }
  if (static_cast<uint64_t>(st.st_size) > limit) {
    ::close(fd);
    tooLarge = true;
    return std::string();
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string text;
  text.reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::string("read error: ") + std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > limit) {  // the file grew while being read
      ::close(fd);
      tooLarge = true;
      return std::string();
    }
  }
  ::close(fd);
  return text;
}

bool writeFileAtomically(const std::string& path, const std::string& content, std::string& error) {
  return writeOutput(path, [&](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); },
                     error);
}

bool writeOutput(const std::string& path, const std::function<void(std::ostream&)>& write, std::string& error) {
  auto failed = [&](const std::string& what, int err) {
    error = "cannot write " + path + ": " + what + (err ? std::string(": ") + std::strerror(err) : std::string());
    return false;
  };
  if (path == "-") {
    write(std::cout);
    std::cout.flush();
    return std::cout ? true : failed("write failed", errno);
  }
  // What the path names, through any symlinks. /dev/stdout, /dev/null, a FIFO: renaming over
  // it would replace the device with a file, so it is opened and written directly.
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return failed("is a directory", 0);
  if (exists && !S_ISREG(st.st_mode)) {
    std::ofstream out(path, std::ios::binary);
    if (!out) return failed("cannot open", errno);
    write(out);
    out.flush();
    if (!out) return failed("write failed", errno);
    return true;
  }
  // A symlink to a regular file is followed: the file it names is replaced, the link stays.
  std::error_code ec;
  fs::path target = path;
  for (int hops = 0; fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
    if (hops == 40) return failed("too many levels of symbolic links", 0);
    fs::path link = fs::read_symlink(target, ec);
    if (ec) return failed("cannot read the symbolic link", ec.value());
    target = link.is_absolute() ? link : target.parent_path() / link;
  }
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  int fd = mkstemp(tmp.data());
  if (fd < 0) return failed("cannot create a temporary file in " + dir.string(), errno);
  mode_t mode = exists ? st.st_mode & 07777 : [] {
    mode_t mask = umask(0);
    umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  bool ok = fchmod(fd, mode) == 0;
  if (exists && geteuid() == 0) ok = fchown(fd, st.st_uid, st.st_gid) == 0 && ok;
  ::close(fd);
  int err = 0;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (out) {
      write(out);
      out.flush();
    }
    if (!out) err = errno ? errno : EIO;
    ok = ok && out.good();
  }
  if (ok) {
    fd = ::open(tmp.c_str(), O_RDONLY);
    ok = fd >= 0 && fsync(fd) == 0;
    if (!ok) err = errno;
    if (fd >= 0) ::close(fd);
  }
  if (ok && std::rename(tmp.c_str(), target.c_str()) != 0) ok = false, err = errno;
  if (!ok) {
    ::unlink(tmp.c_str());
    return failed("write failed", err);
  }
  return true;
}

}  // namespace iamlint
