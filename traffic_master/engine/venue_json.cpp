#include "traffic_master/engine/venue_json.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <unordered_set>

namespace traffic_master::engine {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxText = 64;

platform::Error invalid(const std::string& path, const std::string& what) {
  return platform::Error{"invalid-venue", 422, "Venue document is invalid", path + ": " + what};
}

// Each reader returns the value or sets err (first error wins) and returns a default.
struct Reader {
  std::optional<platform::Error> err;

  const json::object* object(const json::value& v, const std::string& path) {
    if (err) return nullptr;
    if (!v.is_object()) {
      err = invalid(path, "expected an object");
      return nullptr;
    }
    return &v.as_object();
  }
  const json::value* field(const json::object& o, std::string_view key, const std::string& path,
                           bool required = true) {
    if (err) return nullptr;
    auto* v = o.if_contains(key);
    if (!v && required) err = invalid(path + "." + std::string(key), "is required");
    return v;
  }
  std::string text(const json::object& o, std::string_view key, const std::string& path,
                   bool required = true) {
    auto* v = field(o, key, path, required);
    if (!v || err) return {};
    std::string p = path + "." + std::string(key);
    if (!v->is_string()) {
      err = invalid(p, "expected a string");
      return {};
    }
    std::string s(v->as_string());
    if (s.empty() || s.size() > kMaxText) err = invalid(p, "must be 1..64 characters");
    return s;
  }
  double number(const json::object& o, std::string_view key, const std::string& path) {
    auto* v = field(o, key, path);
    if (!v || err) return 0;
    std::string p = path + "." + std::string(key);
    double d = 0;
    if (v->is_double()) d = v->as_double();
    else if (v->is_int64()) d = static_cast<double>(v->as_int64());
    else if (v->is_uint64()) d = static_cast<double>(v->as_uint64());
    else {
      err = invalid(p, "expected a number");
      return 0;
    }
    if (!std::isfinite(d) || std::fabs(d) > 1e6) err = invalid(p, "must be a finite number within +-1e6");
    return d;
  }
  const json::array* array(const json::object& o, std::string_view key, const std::string& path) {
    auto* v = field(o, key, path);
    if (!v || err) return nullptr;
    if (!v->is_array()) {
      err = invalid(path + "." + std::string(key), "expected an array");
      return nullptr;
    }
    if (v->as_array().empty()) {
      err = invalid(path + "." + std::string(key), "must not be empty");
      return nullptr;
    }
    return &v->as_array();
  }
};

}  // namespace

platform::Result<std::shared_ptr<const Venue>> venue_from_json(std::string_view text) {
  boost::system::error_code ec;
  auto doc = json::parse(text, ec);
  if (ec) return platform::fail("malformed-json", 400, "Body is not valid JSON", ec.message());
  return venue_from_json_value(doc);
}

platform::Result<std::shared_ptr<const Venue>> venue_from_json_value(const json::value& doc) {
  Reader r;
  const std::string root = "$";
  auto* o = r.object(doc, root);
  if (!o) return std::unexpected(*r.err);
  if (auto fmt = r.text(*o, "format", root); !r.err && fmt != "traffic-master/venue@1")
    return std::unexpected(invalid("$.format", "must be \"traffic-master/venue@1\""));
  auto id = r.text(*o, "id", root);
  auto name = r.text(*o, "name", root);
  Point stage;
  if (auto* sv = r.field(*o, "stage", root)) {
    if (auto* so = r.object(*sv, "$.stage")) {
      stage.x = r.number(*so, "x", "$.stage");
      stage.y = r.number(*so, "y", "$.stage");
    }
  }
  std::vector<std::string> categories;
  if (auto* cats = r.array(*o, "categories", root)) {
    for (std::size_t i = 0; i < cats->size() && !r.err; ++i) {
      std::string p = "$.categories[" + std::to_string(i) + "]";
      const auto& c = (*cats)[i];
      if (!c.is_string() || c.as_string().empty() || c.as_string().size() > kMaxText) {
        r.err = invalid(p, "expected a category name of 1..64 characters");
        break;
      }
      std::string cname(c.as_string());
      for (auto& existing : categories)
        if (existing == cname) r.err = invalid(p, "duplicate category \"" + cname + "\"");
      categories.push_back(std::move(cname));
    }
    if (!r.err && categories.size() > 64) r.err = invalid("$.categories", "at most 64 categories");
  }
  std::vector<Section> sections;
  std::vector<Seat> seats;
  std::unordered_set<std::string> section_ids, seat_ids;
  if (auto* secs = r.array(*o, "sections", root)) {
    for (std::size_t si = 0; si < secs->size() && !r.err; ++si) {
      std::string sp = "$.sections[" + std::to_string(si) + "]";
      auto* so = r.object((*secs)[si], sp);
      if (!so) break;
      Section sec;
      sec.id = r.text(*so, "id", sp);
      sec.name = r.text(*so, "name", sp);
      if (!r.err && !section_ids.insert(sec.id).second)
        r.err = invalid(sp + ".id", "duplicate section id \"" + sec.id + "\"");
      auto* rows = r.array(*so, "rows", sp);
      for (std::size_t ri = 0; rows && ri < rows->size() && !r.err; ++ri) {
        std::string rp = sp + ".rows[" + std::to_string(ri) + "]";
        auto* ro = r.object((*rows)[ri], rp);
        if (!ro) break;
        Row row;
        row.label = r.text(*ro, "label", rp);
        for (auto& other : sec.rows)
          if (!r.err && other.label == row.label)
            r.err = invalid(rp + ".label", "duplicate row label \"" + row.label + "\"");
        auto* st = r.array(*ro, "seats", rp);
        for (std::size_t ki = 0; st && ki < st->size() && !r.err; ++ki) {
          std::string kp = rp + ".seats[" + std::to_string(ki) + "]";
          auto* ko = r.object((*st)[ki], kp);
          if (!ko) break;
          Seat seat;
          seat.number = r.text(*ko, "number", kp);
          seat.x = r.number(*ko, "x", kp);
          seat.y = r.number(*ko, "y", kp);
          auto cat = r.text(*ko, "category", kp);
          if (r.err) break;
          auto ci = std::find(categories.begin(), categories.end(), cat);
          if (ci == categories.end()) {
            r.err = invalid(kp + ".category", "unknown category \"" + cat + "\"");
            break;
          }
          seat.category = static_cast<CategoryIndex>(ci - categories.begin());
          if (ko->if_contains("id")) seat.id = r.text(*ko, "id", kp);
          else seat.id = sec.id + "-" + row.label + "-" + seat.number;
          bool gap_before = false;
          if (auto* g = ko->if_contains("gap_before")) {
            if (!g->is_bool()) {
              r.err = invalid(kp + ".gap_before", "expected a boolean");
              break;
            }
            gap_before = g->as_bool();
          }
          seat.adjacent_to_previous = ki > 0 && !gap_before;
          if (r.err) break;
          if (!seat_ids.insert(seat.id).second) {
            r.err = invalid(kp, "duplicate seat id \"" + seat.id + "\"");
            break;
          }
          if (seats.size() >= kMaxVenueSeats) {
            r.err = invalid(kp, "venue exceeds " + std::to_string(kMaxVenueSeats) + " seats");
            break;
          }
          seat.section = static_cast<std::uint32_t>(sections.size());
          seat.row = static_cast<std::uint32_t>(sec.rows.size());
          row.seats.push_back(static_cast<SeatIndex>(seats.size()));
          seats.push_back(std::move(seat));
        }
        sec.rows.push_back(std::move(row));
      }
      sections.push_back(std::move(sec));
    }
  }
  if (r.err) return std::unexpected(*r.err);
  return std::make_shared<const Venue>(std::move(id), std::move(name), stage, std::move(categories),
                                       std::move(sections), std::move(seats));
}

std::string venue_to_json(const Venue& venue) {
  json::object doc;
  doc["format"] = "traffic-master/venue@1";
  doc["id"] = venue.id();
  doc["name"] = venue.name();
  doc["stage"] = json::object{{"x", venue.stage().x}, {"y", venue.stage().y}};
  json::array cats;
  for (auto& c : venue.categories()) cats.emplace_back(c);
  doc["categories"] = std::move(cats);
  json::array secs;
  for (auto& sec : venue.sections()) {
    json::array rows;
    for (auto& row : sec.rows) {
      json::array seats;
      bool first = true;
      for (auto idx : row.seats) {
        const auto& s = venue.seats()[idx];
        json::object so{{"number", s.number},
                        {"x", std::round(s.x * 100) / 100},
                        {"y", std::round(s.y * 100) / 100},
                        {"category", venue.categories()[s.category]}};
        if (s.id != sec.id + "-" + row.label + "-" + s.number) so["id"] = s.id;
        if (!first && !s.adjacent_to_previous) so["gap_before"] = true;
        first = false;
        seats.emplace_back(std::move(so));
      }
      rows.emplace_back(json::object{{"label", row.label}, {"seats", std::move(seats)}});
    }
    secs.emplace_back(json::object{{"id", sec.id}, {"name", sec.name}, {"rows", std::move(rows)}});
  }
  doc["sections"] = std::move(secs);
  return json::serialize(doc);
}

}  // namespace traffic_master::engine
