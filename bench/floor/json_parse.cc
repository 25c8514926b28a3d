// Floor: read each file named on the command line and parse it into a RapidJSON DOM, the least any
// JSON reader that keeps the document can do.
#include <rapidjson/document.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
  size_t members = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.IsObject()) members += doc.MemberCount();
  }
  std::printf("%zu\n", members);
  return 0;
}
