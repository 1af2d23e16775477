#include "mind_log/journal/journal_store.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <limits>

#include "platform/crypto/primitives.hpp"

namespace mind_log::journal {
namespace json = boost::json;

namespace {

constexpr store::Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE journal_entries (
  entry_id      TEXT    PRIMARY KEY,
  user_id       TEXT    NOT NULL,
  occurred_at   INTEGER NOT NULL,
  time_zone_ct  BLOB    NOT NULL,
  text_ct       BLOB    NOT NULL,
  mood_ct       BLOB    NOT NULL,
  tags_ct       BLOB    NOT NULL,
  activities_ct BLOB    NOT NULL,
  sleep_ct      BLOB    NOT NULL,
  emotions_ct   BLOB,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX journal_entries_user_time ON journal_entries (user_id, occurred_at);
)sql"},
};

constexpr const char* kColumns =
    "entry_id, occurred_at, time_zone_ct, text_ct, mood_ct, tags_ct, activities_ct, sleep_ct, emotions_ct, "
    "created_at, updated_at";

json::array to_array(const std::vector<std::string>& v) {
  json::array a;
  for (auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> from_array(std::string_view text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (!ec && v.is_array())
    for (auto& x : v.as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

EmotionScores emotions_from_json(std::string_view text) {
  EmotionScores s;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return s;
  auto& o = v.as_object();
  if (auto* l = o.if_contains("language"); l && l->is_string()) s.language = l->as_string();
  if (auto* d = o.if_contains("dominant"); d && d->is_string()) s.dominant = d->as_string();
  if (auto* h = o.if_contains("hits"); h && h->is_int64()) s.hits = static_cast<int>(h->as_int64());
  if (auto* sc = o.if_contains("scores"); sc && sc->is_object())
    for (std::size_t i = 0; i < kEmotionNames.size(); ++i)
      if (auto* x = sc->as_object().if_contains(kEmotionNames[i]); x && x->is_number()) s.score[i] = x->to_number<double>();
  return s;
}

}  // namespace

std::span<const store::Migration> journal_migrations() { return kMigrations; }

boost::json::object emotions_to_json(const EmotionScores& s) {
  json::object scores;
  for (std::size_t i = 0; i < kEmotionNames.size(); ++i)
    scores[kEmotionNames[i]] = std::round(s.score[i] * 1000.0) / 1000.0;
  return json::object{{"version", 1}, {"language", s.language}, {"dominant", s.dominant}, {"hits", s.hits},
                      {"scores", std::move(scores)}};
}

boost::json::object entry_to_json(const Entry& e) {
  json::object o{{"id", e.entry_id},
                 {"occurred_at", platform::format_rfc3339(e.occurred_at, e.utc_offset_minutes)},
                 {"time_zone", e.time_zone},
                 {"text", e.text},
                 {"mood", e.mood},
                 {"tags", to_array(e.tags)},
                 {"activities", to_array(e.activities)},
                 {"created_at", platform::format_rfc3339(e.created_at, 0)},
                 {"updated_at", platform::format_rfc3339(e.updated_at, 0)}};
  o["sleep_hours"] = e.sleep_hours ? json::value(*e.sleep_hours) : json::value(nullptr);
  o["emotions"] = e.emotions ? json::value(emotions_to_json(*e.emotions)) : json::value(nullptr);
  return o;
}

struct JournalStore::Sealed {
  std::string time_zone, text, mood, tags, activities, sleep, emotions;
};

platform::Result<JournalStore::Sealed> JournalStore::seal(std::string_view user_id, const std::string& id,
                                                          const Entry& e) {
  Sealed s;
  auto enc = [&](std::string_view field, std::string_view value, std::string& out) -> platform::Result<void> {
    auto ct = vault_.encrypt(user_id, id, field, value);
    if (!ct) return std::unexpected(ct.error());
    out = std::move(*ct);
    return {};
  };
  json::object tz{{"name", e.time_zone}, {"offset_minutes", e.utc_offset_minutes}};
  std::string sleep = e.sleep_hours ? json::serialize(json::value(*e.sleep_hours)) : "null";
  for (auto r : {enc("journal.time_zone", json::serialize(tz), s.time_zone), enc("journal.text", e.text, s.text),
                 enc("journal.mood", std::to_string(e.mood), s.mood),
                 enc("journal.tags", json::serialize(to_array(e.tags)), s.tags),
                 enc("journal.activities", json::serialize(to_array(e.activities)), s.activities),
                 enc("journal.sleep", sleep, s.sleep),
                 enc("journal.emotions", json::serialize(emotions_to_json(*e.emotions)), s.emotions)})
    if (!r) return std::unexpected(r.error());
  return s;
}

platform::Result<Entry> JournalStore::create(std::string_view user_id, const EntryInput& input) {
  auto e = validate_entry(input, limits_);
  if (!e) return std::unexpected(e.error());
  e->entry_id = platform::crypto::random_id(16);
  e->created_at = e->updated_at = clock_.now_ms();
  auto sealed = seal(user_id, e->entry_id, *e);
  if (!sealed) return std::unexpected(sealed.error());
  auto w = db_.write([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare(
        "INSERT INTO journal_entries (entry_id, user_id, occurred_at, time_zone_ct, text_ct, mood_ct, tags_ct, "
        "activities_ct, sleep_ct, emotions_ct, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, e->entry_id).bind_text(2, user_id).bind(3, e->occurred_at).bind_blob(4, sealed->time_zone);
    s->bind_blob(5, sealed->text).bind_blob(6, sealed->mood).bind_blob(7, sealed->tags);
    s->bind_blob(8, sealed->activities).bind_blob(9, sealed->sleep).bind_blob(10, sealed->emotions);
    s->bind(11, e->created_at).bind(12, e->updated_at);
    return s->run();
  });
  if (!w) return std::unexpected(w.error());
  return e;
}

platform::Result<Entry> JournalStore::update(std::string_view user_id, std::string_view entry_id,
                                             const EntryInput& input) {
  auto existing = get(user_id, entry_id);
  if (!existing) return std::unexpected(existing.error());
  auto e = validate_entry(input, limits_);
  if (!e) return std::unexpected(e.error());
  e->entry_id = existing->entry_id;
  e->created_at = existing->created_at;
  e->updated_at = clock_.now_ms();
  // Re-sealed under the user's current data key: records move to new keys as they are edited.
  auto sealed = seal(user_id, e->entry_id, *e);
  if (!sealed) return std::unexpected(sealed.error());
  auto w = db_.write([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare(
        "UPDATE journal_entries SET occurred_at = ?, time_zone_ct = ?, text_ct = ?, mood_ct = ?, tags_ct = ?, "
        "activities_ct = ?, sleep_ct = ?, emotions_ct = ?, updated_at = ? WHERE entry_id = ? AND user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind(1, e->occurred_at).bind_blob(2, sealed->time_zone).bind_blob(3, sealed->text).bind_blob(4, sealed->mood);
    s->bind_blob(5, sealed->tags).bind_blob(6, sealed->activities).bind_blob(7, sealed->sleep);
    s->bind_blob(8, sealed->emotions).bind(9, e->updated_at).bind_text(10, e->entry_id).bind_text(11, user_id);
    if (auto r = s->run(); !r) return r;
    if (c.changes() == 0) return platform::fail("entry-not-found", 404, "Journal entry not found");
    return {};
  });
  if (!w) return std::unexpected(w.error());
  return e;
}

platform::Result<void> JournalStore::remove(std::string_view user_id, std::string_view entry_id) {
  return db_.write([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("DELETE FROM journal_entries WHERE entry_id = ? AND user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, entry_id).bind_text(2, user_id);
    if (auto r = s->run(); !r) return r;
    if (c.changes() == 0) return platform::fail("entry-not-found", 404, "Journal entry not found");
    return {};
  });
}

namespace {

struct Row {
  std::string entry_id;
  platform::Millis occurred_at, created_at, updated_at;
  std::string time_zone, text, mood, tags, activities, sleep;
  std::optional<std::string> emotions;
};

Row read_row(const store::Statement& s) {
  return Row{s.text(0), s.int64(1), s.int64(9), s.int64(10), s.blob(2), s.blob(3), s.blob(4), s.blob(5), s.blob(6),
             s.blob(7), s.optional_blob(8)};
}

}  // namespace

namespace {
platform::Result<Entry> open_row(vault::Vault& vault, std::string_view user_id, const Row& r) {
  Entry e;
  e.entry_id = r.entry_id;
  e.occurred_at = r.occurred_at;
  e.created_at = r.created_at;
  e.updated_at = r.updated_at;
  auto dec = [&](std::string_view field, const std::string& ct) { return vault.decrypt(user_id, r.entry_id, field, ct); };
  auto tz = dec("journal.time_zone", r.time_zone);
  auto text = dec("journal.text", r.text);
  auto mood = dec("journal.mood", r.mood);
  auto tags = dec("journal.tags", r.tags);
  auto acts = dec("journal.activities", r.activities);
  auto sleep = dec("journal.sleep", r.sleep);
  for (auto* x : {&tz, &text, &mood, &tags, &acts, &sleep})
    if (!*x) return std::unexpected(x->error());
  boost::system::error_code ec;
  auto tzv = json::parse(*tz, ec);
  if (!ec && tzv.is_object()) {
    if (auto* n = tzv.as_object().if_contains("name"); n && n->is_string()) e.time_zone = n->as_string();
    if (auto* o = tzv.as_object().if_contains("offset_minutes"); o && o->is_int64())
      e.utc_offset_minutes = static_cast<int>(o->as_int64());
  }
  e.text = std::move(*text);
  e.mood = std::stoll(*mood);
  e.tags = from_array(*tags);
  e.activities = from_array(*acts);
  auto sv = json::parse(*sleep, ec);
  if (!ec && sv.is_number()) e.sleep_hours = sv.to_number<double>();
  if (r.emotions) {
    auto em = dec("journal.emotions", *r.emotions);
    if (!em) return std::unexpected(em.error());
    e.emotions = emotions_from_json(*em);
  }
  return e;
}
}  // namespace

platform::Result<Entry> JournalStore::get(std::string_view user_id, std::string_view entry_id) {
  std::optional<Row> row;
  auto r = db_.read([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare(std::string("SELECT ") + kColumns + " FROM journal_entries WHERE entry_id = ? AND user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, entry_id).bind_text(2, user_id);
    auto more = s->step();
    if (!more) return std::unexpected(more.error());
    if (*more) row = read_row(*s);
    return {};
  });
  if (!r) return std::unexpected(r.error());
  if (!row) return platform::fail("entry-not-found", 404, "Journal entry not found");
  return open_row(vault_, user_id, *row);
}

platform::Result<std::vector<Entry>> JournalStore::list(std::string_view user_id, platform::Millis from_ms,
                                                        platform::Millis to_ms, std::int64_t limit) {
  if (from_ms > to_ms) return platform::fail("invalid-field", 422, "A field is invalid", "from: must not be after to");
  if (limit < 1 || limit > 500) return platform::fail("invalid-field", 422, "A field is invalid", "limit: 1 to 500");
  std::vector<Row> rows;
  auto r = db_.read([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare(std::string("SELECT ") + kColumns +
                       " FROM journal_entries WHERE user_id = ? AND occurred_at >= ? AND occurred_at < ? "
                       "ORDER BY occurred_at, entry_id LIMIT ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, user_id).bind(2, from_ms).bind(3, to_ms).bind(4, limit);
    for (;;) {
      auto more = s->step();
      if (!more) return std::unexpected(more.error());
      if (!*more) return {};
      rows.push_back(read_row(*s));
    }
  });
  if (!r) return std::unexpected(r.error());
  std::vector<Entry> out;
  for (auto& row : rows) {
    auto e = open_row(vault_, user_id, row);
    if (!e) return std::unexpected(e.error());
    out.push_back(std::move(*e));
  }
  return out;
}

platform::Result<boost::json::value> JournalStore::export_user(std::string_view user_id) {
  json::array entries;
  // Keyset pages of (occurred_at, entry_id), so a huge journal never sits in one read.
  platform::Millis after_time = std::numeric_limits<platform::Millis>::min();
  std::string after_id;
  for (;;) {
    std::vector<Row> rows;
    auto r = db_.read([&](store::Connection& c) -> platform::Result<void> {
      auto s = c.prepare(std::string("SELECT ") + kColumns +
                         " FROM journal_entries WHERE user_id = ? AND (occurred_at > ? OR (occurred_at = ? AND "
                         "entry_id > ?)) ORDER BY occurred_at, entry_id LIMIT 500");
      if (!s) return std::unexpected(s.error());
      s->bind_text(1, user_id).bind(2, after_time).bind(3, after_time).bind_text(4, after_id);
      for (;;) {
        auto more = s->step();
        if (!more) return std::unexpected(more.error());
        if (!*more) return {};
        rows.push_back(read_row(*s));
      }
    });
    if (!r) return std::unexpected(r.error());
    for (auto& row : rows) {
      auto e = open_row(vault_, user_id, row);
      if (!e) return std::unexpected(e.error());
      entries.push_back(entry_to_json(*e));
    }
    if (rows.size() < 500) break;
    after_time = rows.back().occurred_at;
    after_id = rows.back().entry_id;
  }
  return json::value(std::move(entries));
}

platform::Result<void> JournalStore::erase_user(std::string_view user_id) {
  return db_.write([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("DELETE FROM journal_entries WHERE user_id = ?");
    if (!s) return std::unexpected(s.error());
    s->bind_text(1, user_id);
    return s->run();
  });
}

}  // namespace mind_log::journal
