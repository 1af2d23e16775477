// Static files over HTTP: types, ETags, pre-compressed variants, and every traversal attempt.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "platform/tests/running_server.hpp"

using namespace platform::http;
using platform::testing::RunningServer;
namespace ht = platform::http::testing;
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::path(::testing::TempDir()) / ("static-" + std::to_string(::getpid()));
    fs::remove_all(base_);
    root_ = base_ / "www";
    fs::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<h1>home</h1>";
    std::ofstream(root_ / "assets" / "app.js") << "console.log('plain')";
    std::ofstream(root_ / "assets" / "app.js.br") << "BROTLI-BYTES";
    std::ofstream(root_ / "assets" / "app.js.gz") << "GZIP-BYTES";
    std::ofstream(root_ / ".env") << "SECRET=1";
    std::ofstream(base_ / "outside.txt") << "TOP SECRET";
    fs::create_symlink(base_ / "outside.txt", root_ / "escape.txt");
    ServerConfig cfg;
    cfg.static_root = root_.string();
    server_ = std::make_unique<RunningServer>(Router{}, cfg);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(base_);
  }
  std::uint16_t port() { return server_->port(); }

  fs::path base_, root_;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(StaticFilesTest, ServesIndexWithTypeAndEtag) {
  auto r = ht::request(port(), "GET", "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<h1>home</h1>");
  EXPECT_EQ(r->header("content-type"), "text/html; charset=utf-8");
  auto etag = r->header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = ht::request(port(), "GET", "/index.html", {}, {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
}

TEST_F(StaticFilesTest, PicksPrecompressedVariant) {
  auto br = ht::request(port(), "GET", "/assets/app.js", {}, {{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(br);
  EXPECT_EQ(br->header("content-encoding"), "br");
  EXPECT_EQ(br->body, "BROTLI-BYTES");
  EXPECT_EQ(br->header("content-type"), "text/javascript; charset=utf-8");
  auto gz = ht::request(port(), "GET", "/assets/app.js", {}, {{"Accept-Encoding", "gzip, br;q=0"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->header("content-encoding"), "gzip");
  auto plain = ht::request(port(), "GET", "/assets/app.js");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->header("content-encoding"), "");
  EXPECT_EQ(plain->body, "console.log('plain')");
}

TEST_F(StaticFilesTest, TraversalAttemptsNeverLeak) {
  for (std::string target : {"/../outside.txt", "/assets/../../outside.txt", "/%2e%2e/outside.txt",
                             "/%2E%2E/%2e%2e/etc/passwd", "/..%2foutside.txt", "/assets/..%2f..%2foutside.txt",
                             "//etc/passwd", "/.env", "/escape.txt", "/assets/%00app.js", "/..\\outside.txt",
                             "/%5c..%5coutside.txt"}) {
    auto r = ht::request(port(), "GET", target);
    ASSERT_TRUE(r) << target;
    EXPECT_TRUE(r->status == 404 || r->status == 400) << target << " -> " << r->status;
    EXPECT_EQ(r->body.find("SECRET"), std::string::npos) << target;
  }
}
