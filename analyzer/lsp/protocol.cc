#include "analyzer/lsp/protocol.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace iamlint::lsp {

bool Reader::fill(bool wait) {
  if (eof_) return false;
  if (!wait) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0) return false;
  }
  char chunk[1 << 16];
  for (;;) {
    ssize_t n = read(fd_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    eof_ = true;
    return false;
  }
}

bool Reader::pending() {
  if (!buffer_.empty()) return true;
  return fill(false);
}

std::optional<std::string> Reader::next() {
  for (;;) {
    size_t end = buffer_.find("\r\n\r\n");
    if (end == std::string::npos) {
      if (buffer_.size() > 1 << 16) {  // no header ends in 64 KiB: not LSP; drop it
        ++malformed;
        buffer_.clear();
      }
      if (!fill(true)) return std::nullopt;
      continue;
    }
    std::string_view headers(buffer_.data(), end);
    std::optional<size_t> length;
    size_t pos = 0;
    while (pos <= headers.size()) {
      size_t eol = headers.find("\r\n", pos);
      if (eol == std::string_view::npos) eol = headers.size();
      std::string_view line = headers.substr(pos, eol - pos);
      constexpr std::string_view key = "content-length:";
      if (line.size() > key.size() && strncasecmp(line.data(), key.data(), key.size()) == 0) {
        std::string value(line.substr(key.size()));
        char* stop = nullptr;
        unsigned long long n = std::strtoull(value.c_str(), &stop, 10);
        while (stop && (*stop == ' ' || *stop == '\t')) ++stop;
        if (stop && *stop == 0 && value.find_first_of("0123456789") != std::string::npos) length = n;
      }
      pos = eol + 2;
    }
    buffer_.erase(0, end + 4);
    if (!length) {
      ++malformed;
      continue;
    }
    if (*length > kMaxMessageBytes) {
      ++malformed;
      size_t skip = *length;
      while (skip > 0) {
        if (buffer_.empty() && !fill(true)) return std::nullopt;
        size_t n = std::min(skip, buffer_.size());
        buffer_.erase(0, n);
        skip -= n;
      }
      continue;
    }
    while (buffer_.size() < *length)
      if (!fill(true)) return std::nullopt;
    std::string body = buffer_.substr(0, *length);
    buffer_.erase(0, *length);
    return body;
  }
}

void writeMessage(int fd, const std::string& body) {
  std::string message = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  size_t done = 0;
  while (done < message.size()) {
    ssize_t n = write(fd, message.data() + done, message.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the client went away
    done += static_cast<size_t>(n);
  }
}

}  // namespace iamlint::lsp
