// Opens N keep-alive connections to a server, makes one request on each, then holds them idle
// and reports the server's resident memory growth per connection (read from /proc/PID/status).
//   idle_connections --port P --pid SERVER_PID --connections 15000
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

long rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool one_request(int fd) {
  const char req[] = "GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n";
  if (::send(fd, req, sizeof req - 1, MSG_NOSIGNAL) != static_cast<ssize_t>(sizeof req - 1)) return false;
  char buf[512];
  std::string got;
  while (got.find("\r\n\r\nok") == std::string::npos) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    got.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, pid = 0, count = 15000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--port") port = std::atoi(argv[i + 1]);
    else if (k == "--pid") pid = std::atoi(argv[i + 1]);
    else if (k == "--connections") count = std::atoi(argv[i + 1]);
  }
  if (!port || !pid) {
    std::fprintf(stderr, "usage: idle_connections --port P --pid SERVER_PID [--connections N]\n");
    return 2;
  }
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);

  // Warm the server (allocator arenas, first coroutine frames) so the baseline is fair.
  for (int i = 0; i < 64; ++i) {
    int fd = connect_to(port);
    if (fd >= 0) {
      one_request(fd);
      ::close(fd);
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  long before = rss_kib(pid);
  std::vector<int> fds;
  fds.reserve(static_cast<std::size_t>(count));
  int failed = 0;
  for (int i = 0; i < count; ++i) {
    int fd = connect_to(port);
    if (fd < 0 || !one_request(fd)) {
      ++failed;
      if (fd >= 0) ::close(fd);
      continue;
    }
    fds.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  long after = rss_kib(pid);
  double per_conn = fds.empty() ? 0.0 : static_cast<double>(after - before) / static_cast<double>(fds.size());
  std::printf("{\"connections\":%zu,\"failed\":%d,\"rss_before_kib\":%ld,\"rss_after_kib\":%ld,\"kib_per_connection\":%.3f}\n",
              fds.size(), failed, before, after, per_conn);
  for (int fd : fds) ::close(fd);
  return failed == 0 ? 0 : 1;
}
