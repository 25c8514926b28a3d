// Shared by the fuzz harnesses: the input as text, and a run result rendered in every format.
#pragma once

#include <sstream>
#include <string>

#include "analyzer/report/report.h"

namespace iamlint::fuzz {

inline std::string text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Every reporter over one result; what they write is thrown away, only crashes matter.
inline void renderAll(const RunResult& run) {
  std::ostringstream out;
  renderText(run, out, false, false);
  renderText(run, out, true, true);
  renderJson(run, out);
  renderSarif(run, out);
  renderJunit(run, out);
  renderGithub(run, out);
}

}  // namespace iamlint::fuzz
