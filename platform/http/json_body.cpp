#include "platform/http/json_body.hpp"

#include <boost/json/parse.hpp>
#include <cmath>

namespace platform::http {
namespace json = boost::json;
namespace {

std::unexpected<Error> invalid(std::string_view key, std::string_view expected) {
  return fail("invalid-field", 422, "A field is missing or has the wrong type or range",
              "/" + std::string(key) + ": " + std::string(expected));
}

}  // namespace

Result<json::object> json_object_body(const Request& req) {
  auto ctype = req.header("content-type");
  if (ctype.substr(0, 16) != "application/json")
    return fail("unsupported-media-type", 415, "Request body must be application/json");
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 32;
  auto value = json::parse(req.body, ec, {}, options);
  if (ec) return fail("malformed-json", 400, "Request body is not valid JSON", ec.message());
  if (!value.is_object()) return fail("malformed-json", 400, "Request body must be a JSON object");
  return std::move(value.as_object());
}

Result<std::string> string_field(const json::object& o, std::string_view key, std::size_t max_len) {
  auto r = optional_string_field(o, key, max_len);
  if (!r) return std::unexpected(r.error());
  if (!*r) return invalid(key, "required string");
  return std::move(**r);
}

Result<std::optional<std::string>> optional_string_field(const json::object& o, std::string_view key,
                                                         std::size_t max_len) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return invalid(key, "expected a string");
  if (v->as_string().size() > max_len) return invalid(key, "longer than " + std::to_string(max_len) + " bytes");
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<std::int64_t> int_field(const json::object& o, std::string_view key, std::int64_t min, std::int64_t max) {
  auto r = optional_int_field(o, key, min, max);
  if (!r) return std::unexpected(r.error());
  if (!*r) return invalid(key, "required integer");
  return **r;
}

Result<std::optional<std::int64_t>> optional_int_field(const json::object& o, std::string_view key,
                                                       std::int64_t min, std::int64_t max) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::int64_t>();
  std::int64_t n;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    n = static_cast<std::int64_t>(v->as_uint64());
  } else {
    return invalid(key, "expected an integer");
  }
  if (n < min || n > max)
    return invalid(key, "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  return std::optional<std::int64_t>(n);
}

Result<double> number_field(const json::object& o, std::string_view key, double min, double max) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_number()) return invalid(key, "expected a number");
  double d = v->to_number<double>();
  if (!std::isfinite(d) || d < min || d > max) return invalid(key, "number out of range");
  return d;
}

Result<const json::array*> array_field(const json::object& o, std::string_view key, std::size_t max_items) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_array()) return invalid(key, "expected an array");
  if (v->as_array().size() > max_items)
    return invalid(key, "more than " + std::to_string(max_items) + " items");
  return &v->as_array();
}

}  // namespace platform::http
