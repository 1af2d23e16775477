#include "traffic_master/queue/journal.hpp"

#include <charconv>

namespace traffic_master::queue {

std::string JournalRecord::encode() const {
  std::string line;
  encode_into(line);
  return line;
}

void JournalRecord::encode_into(std::string& line) const {
  line.assign(type);
  line += '\t';
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, at_ms);
  line.append(digits, end);
  for (const auto& f : fields) {
    line += '\t';
    line += f;
  }
  line += '\n';
}

std::optional<JournalRecord> JournalRecord::decode(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    auto tab = line.find('\t', start);
    parts.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (parts.size() < 2 || parts[0].empty()) return std::nullopt;
  JournalRecord r;
  r.type = std::string(parts[0]);
  auto [ptr, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), r.at_ms);
  if (ec != std::errc{} || ptr != parts[1].data() + parts[1].size()) return std::nullopt;
  for (std::size_t i = 2; i < parts.size(); ++i) r.fields.emplace_back(parts[i]);
  return r;
}

}  // namespace traffic_master::queue
