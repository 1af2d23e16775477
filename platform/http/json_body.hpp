#pragma once
// The one way to read JSON request bodies and their fields. Errors are ready-made problems:
//   "unsupported-media-type" 415, "malformed-json" 400, "invalid-field" 422 (detail names the
//   field path and what was expected).
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/error.hpp"
#include "platform/http/message.hpp"

namespace platform::http {

Result<boost::json::object> json_object_body(const Request& req);

Result<std::string> string_field(const boost::json::object& o, std::string_view key,
                                 std::size_t max_len = 1024);
Result<std::optional<std::string>> optional_string_field(const boost::json::object& o, std::string_view key,
                                                         std::size_t max_len = 1024);
Result<std::int64_t> int_field(const boost::json::object& o, std::string_view key,
                               std::int64_t min, std::int64_t max);
Result<std::optional<std::int64_t>> optional_int_field(const boost::json::object& o, std::string_view key,
                                                       std::int64_t min, std::int64_t max);
Result<double> number_field(const boost::json::object& o, std::string_view key, double min, double max);
Result<const boost::json::array*> array_field(const boost::json::object& o, std::string_view key,
                                              std::size_t max_items);

}  // namespace platform::http
