#include "platform/core/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace platform {
namespace {

TEST(JsonWriter, NestsWithCommasOnlyBetweenElements) {
  JsonWriter w;
  w.begin_object().field("a", 1).field("b", true).field("c", "x");
  w.key("list").begin_array();
  w.begin_object().field("n", std::int64_t{-5}).end_object();
  w.begin_object().end_object();
  w.string("s").integer(std::uint64_t{18446744073709551615u});
  w.end_array();
  w.key("empty").begin_array().end_array();
  w.end_object();
  EXPECT_EQ(w.take(),
            R"({"a":1,"b":true,"c":"x","list":[{"n":-5},{},"s",18446744073709551615],"empty":[]})");
}

TEST(JsonWriter, EscapesWhatRfc8259RequiresAndPassesUtf8) {
  std::string nasty = "q\"b\\n\n\x01 \xea\xb0\x80";  // quote, backslash, newline, control, U+AC00
  JsonWriter w;
  w.begin_object().field(nasty, nasty).end_object();
  auto text = w.take();
  EXPECT_EQ(text, "{\"q\\\"b\\\\n\\u000a\\u0001 \xea\xb0\x80\":\"q\\\"b\\\\n\\u000a\\u0001 \xea\xb0\x80\"}");
  auto parsed = boost::json::parse(text).as_object();
  EXPECT_EQ(parsed.at(nasty).as_string(), nasty);  // a JSON parser reads back the same bytes
}

}  // namespace
}  // namespace platform
