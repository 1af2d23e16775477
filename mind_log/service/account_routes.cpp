// /api/v1 accounts, sessions, the signed-in person (me), GDPR export and account deletion.
#include <boost/json.hpp>

#include "mind_log/service/http_support.hpp"
#include "mind_log/service/mind_log_app.hpp"
#include "mind_log/service/routes.hpp"
#include "platform/http/json_body.hpp"

namespace mind_log::service {
namespace json = boost::json;
using platform::http::Request;
using platform::http::Response;

namespace {

Response session_json(int status, const accounts::Session& s) {
  return Response::json(status, json::object{{"user_id", s.user_id},
                                             {"access_token", s.access_token},
                                             {"refresh_token", s.refresh_token},
                                             {"token_type", "Bearer"},
                                             {"expires_in", s.access_expires_in_ms / 1000}})
      .with_header("Cache-Control", "no-store");
}

// Reads {"email", "password"}; both bounded before any hashing happens.
platform::Result<std::pair<std::string, std::string>> credentials(const Request& req) {
  auto body = platform::http::json_object_body(req);
  if (!body) return std::unexpected(body.error());
  auto email = platform::http::string_field(*body, "email", 254);
  if (!email) return std::unexpected(email.error());
  auto password = platform::http::string_field(*body, "password", 256);
  if (!password) return std::unexpected(password.error());
  return std::pair{std::move(*email), std::move(*password)};
}

platform::Result<std::string> refresh_token_of(const Request& req) {
  auto body = platform::http::json_object_body(req);
  if (!body) return std::unexpected(body.error());
  return platform::http::string_field(*body, "refresh_token", 128);
}

}  // namespace

void install_account_routes(MindLogApp& m, const AddRoute& add) {
  add("POST", "/api/v1/accounts", [&m](Request& req) {
    auto c = credentials(req);
    if (!c) return problem(c.error());
    auto id = m.accounts().sign_up(c->first, c->second);
    if (!id) return problem(id.error());
    return Response::json(201, json::object{{"user_id", *id}});
  });

  add("POST", "/api/v1/sessions", [&m](Request& req) {
    auto c = credentials(req);
    if (!c) return problem(c.error());
    auto s = m.accounts().log_in(c->first, c->second, req.remote_address);
    if (!s) {
      auto r = problem(s.error());
      if (s.error().code == "login-rate-limited" || s.error().code == "account-locked") {
        // The detail ends with "in N s"; expose N as Retry-After too.
        auto& d = s.error().detail;
        auto in = d.rfind("in ");
        if (in != std::string::npos) r.with_header("Retry-After", d.substr(in + 3, d.find(' ', in + 3) - in - 3));
      }
      return r;
    }
    return session_json(201, *s);
  });

  add("POST", "/api/v1/sessions/refresh", [&m](Request& req) {
    auto token = refresh_token_of(req);
    if (!token) return problem(token.error());
    auto s = m.accounts().refresh(*token);
    if (!s) return problem(s.error());
    return session_json(200, *s);
  });

  add("POST", "/api/v1/sessions/logout", [&m](Request& req) {
    auto token = refresh_token_of(req);
    if (!token) return problem(token.error());
    if (auto r = m.accounts().log_out(*token); !r) return problem(r.error());
    return Response::no_content();
  });

  add("POST", "/api/v1/sessions/logout-all", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    if (auto r = m.accounts().log_out_everywhere(*user); !r) return problem(r.error());
    return Response::no_content();
  });

  add("GET", "/api/v1/me", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    auto email = m.accounts().email_of(*user);
    if (!email) return problem(email.error());
    return Response::json(200, json::object{{"user_id", *user}, {"email", *email}});
  });

  add("DELETE", "/api/v1/me", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    auto body = platform::http::json_object_body(req);
    if (!body) return problem(body.error());
    auto password = platform::http::string_field(*body, "password", 256);
    if (!password) return problem(password.error());
    if (auto r = m.accounts().delete_account(*user, *password); !r) return problem(r.error());
    return Response::no_content();
  });

  add("GET", "/api/v1/me/export", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    auto archive = m.app().data.export_user(*user, m.app().clock.now_ms());
    if (!archive) return problem(archive.error());
    (void)m.app().audit.append("data.exported", *user);
    return Response::json(200, *archive)
        .with_header("Content-Disposition", "attachment; filename=\"mind-log-export.json\"")
        .with_header("Cache-Control", "no-store");
  });
}

}  // namespace mind_log::service
