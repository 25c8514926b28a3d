// The `.iamlint.yaml` loader on any text (it reads a file, so the input is written to one).
#include <unistd.h>

#include <cstdio>

#include "analyzer/engine/config.h"
#include "fuzz/fuzz_util.h"

using namespace iamlint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = [] {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return std::string(dir) + "/iamlint-config-fuzz-" + std::to_string(getpid()) + ".yaml";
  }();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  Config config;
  std::string error;
  (void)loadConfig(path, config, error);
  return 0;
}
