// iamlint_pack_catalog CATALOG INDEX OUT: the build's step that packs data/iam-catalog.jsonl
// (catalog_pack.h) for the binary to read in place.
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "analyzer/iamdata/catalog_pack.h"

namespace {
std::string readAll(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string(path) + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: iamlint_pack_catalog CATALOG INDEX OUT\n";
    return 2;
  }
  try {
    const std::string catalog = readAll(argv[1]), index = readAll(argv[2]);
    const std::vector<uint32_t> words = iamlint::iamdata::packCatalog(catalog, index);
    const std::string tmp = std::string(argv[3]) + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(words.data()), static_cast<std::streamsize>(words.size() * 4));
      if (!out) throw std::runtime_error(tmp + ": cannot write");
    }
    if (std::rename(tmp.c_str(), argv[3]) != 0) throw std::runtime_error(std::string(argv[3]) + ": cannot write");
  } catch (const std::exception& e) {
    std::cerr << "iamlint_pack_catalog: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
