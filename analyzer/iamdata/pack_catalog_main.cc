// iamlint_pack_catalog CATALOG INDEX OUT: the build's step that packs data/iam-catalog.jsonl
// (catalog_pack.h) for the binary to read in place.
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "analyzer/iamdata/build_step.h"
#include "analyzer/iamdata/catalog_pack.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: iamlint_pack_catalog CATALOG INDEX OUT\n";
    return 2;
  }
  try {
    const std::string catalog = iamlint::iamdata::readWholeFile(argv[1]), index = iamlint::iamdata::readWholeFile(argv[2]);
    const std::vector<uint32_t> words = iamlint::iamdata::packCatalog(catalog, index);
    iamlint::iamdata::writeFileAtomically(
        argv[3], std::string_view(reinterpret_cast<const char*>(words.data()), words.size() * 4));
  } catch (const std::exception& e) {
    std::cerr << "iamlint_pack_catalog: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
