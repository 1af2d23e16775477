#pragma once
// A deliberately dumb blocking HTTP/1.1 client over raw sockets for tests: it sends exactly the
// bytes it is given (so tests can send malformed or slow requests) and parses one response.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace platform::http::testing {

struct ParsedResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;
  std::string header(const std::string& lower_name) const;
};

class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port, const std::string& host = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool send(const std::string& bytes);
  // Reads one response (Content-Length or close-delimited). nullopt on timeout or close.
  std::optional<ParsedResponse> read_response(int timeout_ms = 5000);
  // Exactly n bytes (after anything already buffered), or nullopt on timeout or close.
  std::optional<std::string> read_exact(std::size_t n, int timeout_ms = 5000);
  // True if the peer closed the connection within timeout_ms.
  bool closed_by_peer(int timeout_ms);
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  std::string buffer_;
};

// One request on a fresh connection.
std::optional<ParsedResponse> request(std::uint16_t port, const std::string& method, const std::string& target,
                                      const std::string& body = {},
                                      const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace platform::http::testing
