// `iamlint lsp`: the Language Server Protocol over standard input and output.
#include <unistd.h>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/lsp/server.h"

namespace iamlint {

int runLsp(const Args& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << "usage: iamlint lsp [--stdio]\n\n"
                   "Speaks the Language Server Protocol on standard input and output: open CloudFormation\n"
                   "templates and policy files are linted as you type, with the findings as diagnostics and\n"
                   "the safe fixes as quick fixes. Settings come from the nearest .iamlint.yaml of each file.\n"
                   "See docs/editors.md for Neovim and VS Code.\n";
      return kExitClean;
    }
    if (a != "--stdio") {
      std::cerr << "iamlint: unrecognised argument `" << a << "` (see iamlint lsp --help)\n";
      return kExitUsage;
    }
  }
  return lsp::serve(STDIN_FILENO, STDOUT_FILENO);
}

}  // namespace iamlint
