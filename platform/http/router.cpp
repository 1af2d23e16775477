#include "platform/http/router.hpp"

#include <array>
#include <stdexcept>

namespace platform::http {
namespace {

// Splits a path into at most kMaxSegments views without allocating; false if it has more.
constexpr std::size_t kMaxSegments = 24;
bool split_path(std::string_view path, std::array<std::string_view, kMaxSegments>& out, std::size_t& n) {
  n = 0;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    if (n == kMaxSegments) return false;
    out[n++] = path.substr(i, end - i);
    i = end;
  }
  return true;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

Router& Router::insert(std::string method, std::string pattern, Target target) {
  std::array<std::string_view, kMaxSegments> views;
  std::size_t count = 0;
  if (!split_path(pattern, views, count)) throw std::logic_error("route pattern too deep: " + pattern);
  std::vector<std::string> segments(views.begin(), views.begin() + static_cast<std::ptrdiff_t>(count));
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), std::move(target)});
  return *this;
}

Router& Router::add(std::string method, std::string pattern, Handler h) {
  return insert(std::move(method), std::move(pattern), std::move(h));
}
Router& Router::add_async(std::string method, std::string pattern, AsyncHandler h) {
  return insert(std::move(method), std::move(pattern), std::move(h));
}
Router& Router::stream(std::string pattern, StreamHandler h) { return insert("GET", std::move(pattern), std::move(h)); }
Router& Router::websocket(std::string pattern, WebSocketHandler h) {
  return insert("GET", std::move(pattern), std::move(h));
}

Router::Match Router::match(std::string_view method, Request& req) const {
  Match result;
  std::array<std::string_view, kMaxSegments> segments;
  std::size_t count = 0;
  if (!split_path(req.path, segments, count)) return result;
  // A trailing slash is a different resource; "/a/" does not match "/a".
  bool trailing_slash = req.path.size() > 1 && req.path.back() == '/';
  const Route* head_fallback = nullptr;
  auto accept = [&](const Route& route) {
    result.target = &route.target;
    result.route = route.pattern;
    req.params.clear();
    for (std::size_t i = 0; i < count; ++i)
      if (is_param(route.segments[i]))
        req.params.emplace_back(route.segments[i].substr(1, route.segments[i].size() - 2), segments[i]);
  };
  for (const auto& route : routes_) {
    if (trailing_slash || route.segments.size() != count) continue;
    bool ok = true;
    for (std::size_t i = 0; i < count && ok; ++i)
      ok = is_param(route.segments[i]) ? !segments[i].empty() : route.segments[i] == segments[i];
    if (!ok) continue;
    result.path_known = true;
    if (result.route.empty()) result.route = route.pattern;
    if (route.method == method) {
      accept(route);
      return result;
    }
    if (method == "HEAD" && route.method == "GET" && !head_fallback) head_fallback = &route;
    if (result.allow.find(route.method) == std::string::npos) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += route.method;
    }
  }
  if (head_fallback) accept(*head_fallback);
  return result;
}

}  // namespace platform::http
