// Turns bytes into a located Document. One entry point; the format is chosen by content.
#pragma once

#include <optional>
#include <string>

#include "iamlint/node.h"

namespace iamlint {

struct LoadError {
  std::string message;
  Range range;  // where the text stops making sense
};

struct LoadLimits {
  // CloudFormation accepts templates up to 1 MB; a file sixteen times that is no template,
  // and reading it would only cost time and memory.
  size_t maxBytes = 16u << 20;    // larger files are refused, not read
  size_t maxNodes = 1'000'000;    // bounds alias expansion and giant documents
  size_t maxDepth = 256;
};

// Parses `text` as JSON when it starts with `{` or `[`, else as YAML. On failure returns
// false and fills `error`; `document.source` is always set so the error can be shown.
bool loadDocument(std::string path, std::string text, Document& document, LoadError& error,
                  const LoadLimits& limits = {});

bool loadJson(Document& document, LoadError& error, const LoadLimits& limits);
bool loadYaml(Document& document, LoadError& error, const LoadLimits& limits);

// Checks that text is UTF-8 and not binary; returns the offset of the first bad byte.
std::optional<size_t> findInvalidText(const std::string& text);

}  // namespace iamlint
