// The YAML loader on any bytes: a located tree or a located error, never a crash.
#include "analyzer/load/loader.h"
#include "fuzz/fuzz_util.h"

using namespace iamlint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Document document;
  LoadError error;
  document.source = SourceFile("input.yaml", fuzz::text(data, size), LineBreaks::Yaml);
  if (findInvalidText(document.source.text())) return 0;  // loadDocument refuses these first
  if (!loadYaml(document, error, LoadLimits{})) {
    const Range& r = error.range;
    if (!r.valid() || r.line > document.source.lineCount()) __builtin_trap();
    return 0;
  }
  for (const LoadNote& n : document.notes)
    if (n.range.valid() && n.range.line > document.source.lineCount()) __builtin_trap();
  (void)document.root.pointer();
  return 0;
}
