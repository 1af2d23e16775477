#pragma once
// A hash map keyed by std::string that is looked up with any string_view-convertible key
// without building a std::string first (heterogeneous lookup). Open addressing, no node per
// entry (large tables stay fast), so an insert may move every value: no reference into the map
// survives an insert.
#include <boost/unordered/unordered_flat_map.hpp>
#include <functional>
#include <string>
#include <string_view>

namespace platform {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <class Value>
using StringMap = boost::unordered_flat_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace platform
