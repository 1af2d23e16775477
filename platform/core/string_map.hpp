#pragma once
// A hash map keyed by std::string that is looked up with any string_view-convertible key
// without building a std::string first (heterogeneous lookup).
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace platform {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace platform
