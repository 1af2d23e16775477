// /api/v1/journal/entries: create, list by date range, read, replace, delete.
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

platform::Result<std::vector<std::string>> string_list(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return out;
  auto arr = platform::http::array_field(o, key, 20);
  if (!arr) return std::unexpected(arr.error());
  for (auto& item : **arr) {
    if (!item.is_string())
      return platform::fail("invalid-field", 422, "A field is missing or has the wrong type or range",
                            "/" + std::string(key) + ": items must be strings");
    out.emplace_back(item.as_string());
  }
  return out;
}

// The entry fields of a request body. Text size is checked by the journal ("entry-too-large");
// the server's body limit bounds what we parse at all.
platform::Result<journal::EntryInput> entry_input(const Request& req) {
  auto body = platform::http::json_object_body(req);
  if (!body) return std::unexpected(body.error());
  journal::EntryInput in;
  auto text = platform::http::optional_string_field(*body, "text", std::size_t{1} << 20);
  if (!text) return std::unexpected(text.error());
  in.text = text->value_or("");
  auto mood = platform::http::int_field(*body, "mood", 1, 10);
  if (!mood) return std::unexpected(mood.error());
  in.mood = *mood;
  auto tags = string_list(*body, "tags");
  if (!tags) return std::unexpected(tags.error());
  in.tags = std::move(*tags);
  auto acts = string_list(*body, "activities");
  if (!acts) return std::unexpected(acts.error());
  in.activities = std::move(*acts);
  if (auto* s = body->if_contains("sleep_hours"); s && !s->is_null()) {
    auto sleep = platform::http::number_field(*body, "sleep_hours", 0, 24);
    if (!sleep) return std::unexpected(sleep.error());
    in.sleep_hours = *sleep;
  }
  auto when = platform::http::string_field(*body, "occurred_at", 64);
  if (!when) return std::unexpected(when.error());
  in.occurred_at = std::move(*when);
  auto tz = platform::http::string_field(*body, "time_zone", 64);
  if (!tz) return std::unexpected(tz.error());
  in.time_zone = std::move(*tz);
  return in;
}

platform::Result<platform::Millis> time_param(const Request& req, std::string_view name, platform::Millis fallback) {
  auto v = req.query_param(name);
  if (!v) return fallback;
  auto t = platform::parse_timestamp(*v);
  if (!t)
    return platform::fail("invalid-field", 422, "A field is missing or has the wrong type or range",
                          std::string(name) + ": an RFC 3339 date-time with offset");
  return t->utc_ms;
}

}  // namespace

void install_journal_routes(MindLogApp& m, const AddRoute& add) {
  add("POST", "/api/v1/journal/entries", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    auto in = entry_input(req);
    if (!in) return problem(in.error());
    auto e = m.journal().create(*user, *in);
    if (!e) return problem(e.error());
    return Response::json(201, journal::entry_to_json(*e))
        .with_header("Location", "/api/v1/journal/entries/" + e->entry_id);
  });

  add("GET", "/api/v1/journal/entries", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    auto from = time_param(req, "from", 0);
    if (!from) return problem(from.error());
    auto to = time_param(req, "to", std::numeric_limits<platform::Millis>::max());
    if (!to) return problem(to.error());
    std::int64_t limit = 100;
    if (auto l = req.query_param("limit")) {
      try {
        std::size_t used = 0;
        limit = std::stoll(*l, &used);
        if (used != l->size()) limit = 0;
      } catch (...) {
        limit = 0;
      }
    }
    auto entries = m.journal().list(*user, *from, *to, limit);
    if (!entries) return problem(entries.error());
    json::array out;
    for (auto& e : *entries) out.push_back(journal::entry_to_json(e));
    return Response::json(200, json::object{{"entries", std::move(out)}});
  });

  add("GET", "/api/v1/journal/entries/{id}", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    auto e = m.journal().get(*user, req.param("id"));
    if (!e) return problem(e.error());
    return Response::json(200, journal::entry_to_json(*e));
  });

  add("PUT", "/api/v1/journal/entries/{id}", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    auto in = entry_input(req);
    if (!in) return problem(in.error());
    auto e = m.journal().update(*user, req.param("id"), *in);
    if (!e) return problem(e.error());
    return Response::json(200, journal::entry_to_json(*e));
  });

  add("DELETE", "/api/v1/journal/entries/{id}", [&m](Request& req) {
    auto user = m.app().authenticate(req);
    if (!user) return problem(user.error());
    if (auto r = m.journal().remove(*user, req.param("id")); !r) return problem(r.error());
    return Response::no_content();
  });
}

}  // namespace mind_log::service
