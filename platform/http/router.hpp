#pragma once
// Method + path-pattern routing. Patterns are literal segments and {name} parameters:
// "/api/v1/events/{id}/seats". A path that matches with another method answers 405 + Allow.
// Routes are registered before the server starts and are read-only afterwards, so the router
// needs no synchronisation.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/http/message.hpp"

namespace platform::http {

class Router {
 public:
  using Target = std::variant<Handler, AsyncHandler, StreamHandler, WebSocketHandler>;

  Router& get(std::string pattern, Handler h) { return add("GET", std::move(pattern), std::move(h)); }
  Router& post(std::string pattern, Handler h) { return add("POST", std::move(pattern), std::move(h)); }
  Router& put(std::string pattern, Handler h) { return add("PUT", std::move(pattern), std::move(h)); }
  Router& patch(std::string pattern, Handler h) { return add("PATCH", std::move(pattern), std::move(h)); }
  Router& del(std::string pattern, Handler h) { return add("DELETE", std::move(pattern), std::move(h)); }
  Router& add(std::string method, std::string pattern, Handler h);
  Router& add_async(std::string method, std::string pattern, AsyncHandler h);
  Router& stream(std::string pattern, StreamHandler h);        // GET
  Router& websocket(std::string pattern, WebSocketHandler h);  // GET + Upgrade

  struct Match {
    const Target* target = nullptr;  // null: no route for this method
    std::string route;               // the pattern, used as the metrics label
    std::string allow;               // methods that do match the path, for 405
    bool path_known = false;
  };
  // Fills req.params on success.
  Match match(std::string_view method, Request& req) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Target target;
  };
  Router& insert(std::string method, std::string pattern, Target target);
  std::vector<Route> routes_;
};

}  // namespace platform::http
