// What the build's generator tools (iamlint_pack_catalog, iamlint_pack_policies,
// iamlint_gen_tables) share: reading an input file whole, and writing an output so that a
// stopped build never leaves half of one. Errors are exceptions with the path in their message.
#pragma once

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace iamlint::iamdata {

inline std::string readWholeFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string(path) + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes `bytes` to `path` through `path.tmp` and a rename.
inline void writeFileAtomically(const char* path, std::string_view bytes) {
  const std::string tmp = std::string(path) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error(tmp + ": cannot write");
  }
  if (std::rename(tmp.c_str(), path) != 0) throw std::runtime_error(std::string(path) + ": cannot write");
}

}  // namespace iamlint::iamdata
