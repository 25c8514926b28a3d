// LSP base protocol framing: `Content-Length: N\r\n...\r\n\r\n` followed by N bytes of JSON.
#pragma once

#include <optional>
#include <string>

namespace iamlint::lsp {

class Reader {
 public:
  explicit Reader(int fd) : fd_(fd) {}
  // The next message body; nullopt at end of input. A header block without a usable
  // Content-Length is skipped (and counted in `malformed`).
  std::optional<std::string> next();
  // Whether a whole message (or more bytes) can be had without waiting.
  bool pending();
  size_t malformed = 0;

 private:
  bool fill(bool wait);
  int fd_;
  std::string buffer_;
  bool eof_ = false;
};

// Writes one framed message and flushes it.
void writeMessage(int fd, const std::string& body);

// Messages larger than this are refused (the body is skipped), so a broken client cannot make
// the server hold unbounded memory.
inline constexpr size_t kMaxMessageBytes = 64u << 20;

}  // namespace iamlint::lsp
