#include "platform/http/router.hpp"

#include <gtest/gtest.h>

using namespace platform::http;

namespace {
Request make(std::string path) {
  Request r;
  r.path = std::move(path);
  return r;
}
Handler ok() {
  return [](Request&) { return Response::text(200, "ok"); };
}
}  // namespace

TEST(Router, MatchesLiteralAndParams) {
  Router r;
  r.get("/api/v1/events", ok()).get("/api/v1/events/{id}/seats/{seat}", ok());
  auto req = make("/api/v1/events/e42/seats/A-1");
  auto m = r.match("GET", req);
  ASSERT_NE(m.target, nullptr);
  EXPECT_EQ(m.route, "/api/v1/events/{id}/seats/{seat}");
  EXPECT_EQ(req.param("id"), "e42");
  EXPECT_EQ(req.param("seat"), "A-1");
}

TEST(Router, UnknownPathIsNotKnown) {
  Router r;
  r.get("/a", ok());
  auto req = make("/b");
  auto m = r.match("GET", req);
  EXPECT_EQ(m.target, nullptr);
  EXPECT_FALSE(m.path_known);
}

TEST(Router, WrongMethodListsAllowed) {
  Router r;
  r.get("/items/{id}", ok()).del("/items/{id}", ok()).post("/items", ok());
  auto req = make("/items/7");
  auto m = r.match("PUT", req);
  EXPECT_EQ(m.target, nullptr);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allow, "GET, DELETE");
}

TEST(Router, HeadFallsBackToGet) {
  Router r;
  r.get("/a", ok());
  auto req = make("/a");
  EXPECT_NE(r.match("HEAD", req).target, nullptr);
}

TEST(Router, TrailingSlashAndEmptyParamDoNotMatch) {
  Router r;
  r.get("/a/{id}", ok());
  auto slash = make("/a/x/");
  EXPECT_EQ(r.match("GET", slash).target, nullptr);
  auto empty = make("/a/");
  EXPECT_EQ(r.match("GET", empty).target, nullptr);
}

TEST(Router, OverlyDeepPathIsUnknownNotACrash) {
  Router r;
  r.get("/a/{id}", ok());
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "/x";
  auto req = make(deep);
  auto m = r.match("GET", req);
  EXPECT_EQ(m.target, nullptr);
  EXPECT_FALSE(m.path_known);
}
