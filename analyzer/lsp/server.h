// `iamlint lsp`: a Language Server Protocol server over stdio. Open documents are linted as they
// change (full-text sync; bursts of changes are coalesced so only the newest text is linted) and
// their findings published as diagnostics with the rule id, a link to the rule's page and the
// safe fixes as quick-fix code actions.
#pragma once

namespace iamlint::lsp {

// Serves on file descriptors `in` and `out` until `exit`; returns the process exit code (0 after
// `shutdown`, 1 otherwise, as the protocol asks).
int serve(int in, int out);

}  // namespace iamlint::lsp
