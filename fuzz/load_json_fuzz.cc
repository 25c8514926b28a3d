// The JSON loader on any bytes, through the same entry point the check uses.
#include "analyzer/load/loader.h"
#include "fuzz/fuzz_util.h"

using namespace iamlint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Document document;
  LoadError error;
  // Starting with `{` makes loadDocument choose JSON, as it would for a real file.
  std::string input = "{" + fuzz::text(data, size);
  if (!loadDocument("input.json", std::move(input), document, error)) {
    if (!error.range.valid() || error.range.line > std::max(1u, document.source.lineCount())) __builtin_trap();
    return 0;
  }
  std::string raw = fuzz::text(data, size);
  Document plain;
  (void)loadDocument("input.json", std::move(raw), plain, error);
  return 0;
}
