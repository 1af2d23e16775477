#pragma once
// Writes JSON text straight into a string. For response bodies on hot paths, where building a
// boost::json tree first (one allocation per member, then a serializer pass) cost more than
// the request's own work. Strings are escaped as RFC 8259 requires; bytes >= 0x80 pass through,
// so callers hand in UTF-8. Nesting is checked only by the shape of the calling code: keep it
// in small functions that open and close what they write.
#include <charconv>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace platform {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 256) { out_.reserve(reserve); }

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // A member name inside an object; the value follows with one of the calls below.
  JsonWriter& key(std::string_view name) {
    separate();
    append_string(name);
    out_ += ':';
    after_key_ = true;
    return *this;
  }

  JsonWriter& string(std::string_view v) {
    separate();
    append_string(v);
    return *this;
  }
  template <std::integral T>
  JsonWriter& integer(T v) {
    separate();
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
    out_.append(digits, end);
    return *this;
  }
  JsonWriter& boolean(bool v) {
    separate();
    out_ += v ? "true" : "false";
    return *this;
  }
  JsonWriter& field(std::string_view name, std::string_view v) { return key(name).string(v); }
  JsonWriter& field(std::string_view name, const char* v) { return key(name).string(v); }
  JsonWriter& field(std::string_view name, const std::string& v) { return key(name).string(v); }
  template <std::integral T>
  JsonWriter& field(std::string_view name, T v) {
    if constexpr (std::is_same_v<T, bool>) return key(name).boolean(v);
    else return key(name).integer(v);
  }

  std::string take() { return std::move(out_); }

 private:
  // Writes the comma before every element of a container but its first.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (need_comma_) out_ += ',';
    need_comma_ = true;
  }
  JsonWriter& open(char c) {
    separate();
    out_ += c;
    need_comma_ = false;
    return *this;
  }
  JsonWriter& close(char c) {
    out_ += c;
    need_comma_ = true;
    return *this;
  }
  void append_string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    std::size_t run = 0;  // start of the bytes not yet copied; copied in runs, not per byte
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto u = static_cast<unsigned char>(s[i]);
      if (u >= 0x20 && u != '"' && u != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      if (u < 0x20) {
        out_ += "\\u00";
        out_ += kHex[u >> 4];
        out_ += kHex[u & 0xf];
      } else {
        out_ += '\\';
        out_ += static_cast<char>(u);
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string out_;
  bool need_comma_ = false;
  bool after_key_ = false;
};

}  // namespace platform
