// TLS: 1.3 accepted, 1.2 refused, checked with the curl and openssl command-line clients.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "platform/tests/running_server.hpp"

using namespace platform::http;
using platform::testing::RunningServer;

namespace {
int run(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }
std::string capture(const std::string& cmd) {
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (auto n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    pclose(p);
  }
  return out;
}
}  // namespace

TEST(ServerTls, Tls13AcceptedTls12Refused) {
  auto dir = std::filesystem::path(::testing::TempDir()) / ("tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  ASSERT_EQ(run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost"
                " -keyout " + key + " -out " + cert),
            0);
  ServerConfig cfg;
  cfg.tls_cert_file = cert;
  cfg.tls_key_file = key;
  RunningServer s(Router{}, cfg);
  std::string url = "https://127.0.0.1:" + std::to_string(s.port()) + "/healthz";
  EXPECT_EQ(capture("curl -sk --tlsv1.3 " + url), "ok");
  EXPECT_NE(run("curl -sk --tlsv1.2 --tls-max 1.2 " + url), 0);
  auto s_client = capture("openssl s_client -connect 127.0.0.1:" + std::to_string(s.port()) +
                          " -tls1_2 </dev/null 2>&1");
  EXPECT_NE(s_client.find("Cipher is (NONE)"), std::string::npos) << s_client;
  auto s_client13 = capture("openssl s_client -connect 127.0.0.1:" + std::to_string(s.port()) +
                            " -tls1_3 </dev/null 2>&1");
  EXPECT_NE(s_client13.find("New, TLSv1.3, Cipher is"), std::string::npos) << s_client13;
  std::filesystem::remove_all(dir);
}
