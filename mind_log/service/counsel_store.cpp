#include "mind_log/service/counsel_store.hpp"

#include <boost/json.hpp>

#include "platform/crypto/primitives.hpp"

namespace mind_log::service {

namespace json = boost::json;
using platform::Result;

std::span<const store::Migration> CounselStore::migrations() {
  static const store::Migration m[] = {{1, R"sql(
    CREATE TABLE counsel_conversations (
      conversation_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX counsel_conversations_user ON counsel_conversations(user_id);
    CREATE TABLE counsel_messages (
      conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, user_id TEXT NOT NULL,
      role TEXT NOT NULL, text_ct BLOB NOT NULL, created_at INTEGER NOT NULL,
      PRIMARY KEY (conversation_id, seq));
    CREATE INDEX counsel_messages_user ON counsel_messages(user_id);
    CREATE TABLE counsel_profiles (user_id TEXT PRIMARY KEY, profile_ct BLOB NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE counsel_ratings (
      rating_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, rating_ct BLOB NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX counsel_ratings_user ON counsel_ratings(user_id);
    CREATE TABLE counsel_safety_plans (user_id TEXT PRIMARY KEY, plan_ct BLOB NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE counsel_risk_events (
      event_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
      detail_ct BLOB NOT NULL, status TEXT NOT NULL, note_ct BLOB, created_at INTEGER NOT NULL,
      resolved_at INTEGER);
    CREATE INDEX counsel_risk_events_status ON counsel_risk_events(status, created_at);
  )sql"}};
  return m;
}

Result<std::string> CounselStore::seal(std::string_view user, std::string_view record, std::string_view field,
                                       std::string_view plain) {
  return vault_.encrypt(user, record, field, plain);
}

Result<std::string> CounselStore::open(std::string_view user, std::string_view record, std::string_view field,
                                       std::string_view sealed) {
  return vault_.decrypt(user, record, field, sealed);
}

Result<std::string> CounselStore::create_conversation(std::string_view user) {
  std::string id = platform::crypto::random_id();
  const auto now = clock_.now_ms();
  auto r = db_.write([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("INSERT INTO counsel_conversations(conversation_id, user_id, created_at) VALUES (?, ?, ?)");
    if (!st) return std::unexpected(st.error());
    return st->bind_text(1, id).bind_text(2, user).bind(3, now).run();
  });
  if (!r) return std::unexpected(r.error());
  return id;
}

Result<void> CounselStore::check_conversation(std::string_view user, std::string_view conversation) {
  bool found = false;
  auto r = db_.read([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("SELECT 1 FROM counsel_conversations WHERE conversation_id = ? AND user_id = ?");
    if (!st) return std::unexpected(st.error());
    st->bind_text(1, conversation).bind_text(2, user);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    found = *row;
    return {};
  });
  if (!r) return r;
  if (!found) return platform::fail("conversation-not-found", 404, "No such conversation");
  return {};
}

Result<std::vector<std::string>> CounselStore::conversations(std::string_view user) {
  std::vector<std::string> out;
  auto r = db_.read([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("SELECT conversation_id FROM counsel_conversations WHERE user_id = ? ORDER BY created_at");
    if (!st) return std::unexpected(st.error());
    st->bind_text(1, user);
    for (;;) {
      auto row = st->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      out.push_back(st->text(0));
    }
  });
  if (!r) return std::unexpected(r.error());
  return out;
}

Result<void> CounselStore::append(std::string_view user, std::string_view conversation, std::string_view role,
                                  std::string_view text) {
  const auto now = clock_.now_ms();
  return db_.write([&](store::Connection& c) -> Result<void> {
    auto next = c.prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM counsel_messages WHERE conversation_id = ?");
    if (!next) return std::unexpected(next.error());
    next->bind_text(1, conversation);
    auto row = next->step();
    if (!row) return std::unexpected(row.error());
    const std::int64_t seq = next->int64(0);
    const std::string record = std::string(conversation) + ":" + std::to_string(seq);
    auto ct = seal(user, record, "counsel.message", text);
    if (!ct) return std::unexpected(ct.error());
    auto st = c.prepare(
        "INSERT INTO counsel_messages(conversation_id, seq, user_id, role, text_ct, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (!st) return std::unexpected(st.error());
    return st->bind_text(1, conversation).bind(2, seq).bind_text(3, user).bind_text(4, role).bind_blob(5, *ct).bind(6, now).run();
  });
}

Result<std::vector<CounselMessage>> CounselStore::messages(std::string_view user, std::string_view conversation) {
  std::vector<std::tuple<std::int64_t, std::string, std::string, std::int64_t>> rows;
  auto r = db_.read([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("SELECT seq, role, text_ct, created_at FROM counsel_messages WHERE conversation_id = ? AND user_id = ? ORDER BY seq");
    if (!st) return std::unexpected(st.error());
    st->bind_text(1, conversation).bind_text(2, user);
    for (;;) {
      auto row = st->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      rows.emplace_back(st->int64(0), st->text(1), st->blob(2), st->int64(3));
    }
  });
  if (!r) return std::unexpected(r.error());
  std::vector<CounselMessage> out;
  for (auto& [seq, role, ct, at] : rows) {
    auto text = open(user, std::string(conversation) + ":" + std::to_string(seq), "counsel.message", ct);
    if (!text) return std::unexpected(text.error());
    out.push_back({seq, role, std::move(*text), at});
  }
  return out;
}

Result<void> CounselStore::delete_conversation(std::string_view user, std::string_view conversation) {
  if (auto ok = check_conversation(user, conversation); !ok) return ok;
  return db_.write([&](store::Connection& c) -> Result<void> {
    for (const char* sql : {"DELETE FROM counsel_messages WHERE conversation_id = ? AND user_id = ?",
                            "DELETE FROM counsel_conversations WHERE conversation_id = ? AND user_id = ?"}) {
      auto st = c.prepare(sql);
      if (!st) return std::unexpected(st.error());
      if (auto r = st->bind_text(1, conversation).bind_text(2, user).run(); !r) return r;
    }
    return {};
  });
}

namespace {

// One encrypted blob per user for the profile and the plan: record id = user id.
Result<std::optional<std::string>> read_blob(store::Database& db, const char* sql, std::string_view user) {
  std::optional<std::string> out;
  auto r = db.read([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare(sql);
    if (!st) return std::unexpected(st.error());
    st->bind_text(1, user);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (*row) out = st->blob(0);
    return {};
  });
  if (!r) return std::unexpected(r.error());
  return out;
}

Result<void> upsert_blob(store::Database& db, const char* sql, std::string_view user, const std::string& ct,
                         std::int64_t now) {
  return db.write([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare(sql);
    if (!st) return std::unexpected(st.error());
    return st->bind_text(1, user).bind_blob(2, ct).bind(3, now).run();
  });
}

}  // namespace

Result<counsel::MemoryProfile> CounselStore::profile(std::string_view user) {
  auto blob = read_blob(db_, "SELECT profile_ct FROM counsel_profiles WHERE user_id = ?", user);
  if (!blob) return std::unexpected(blob.error());
  if (!*blob) return counsel::MemoryProfile{};
  auto plain = open(user, user, "counsel.profile", **blob);
  if (!plain) return std::unexpected(plain.error());
  boost::system::error_code ec;
  auto v = json::parse(*plain, ec);
  if (ec) return platform::fail("invalid-memory-profile", 500, "Stored memory profile is unreadable");
  return counsel::memory_profile_from_json(v);
}

Result<void> CounselStore::put_profile(std::string_view user, const counsel::MemoryProfile& p) {
  auto ct = seal(user, user, "counsel.profile", json::serialize(counsel::to_json(p)));
  if (!ct) return std::unexpected(ct.error());
  return upsert_blob(db_,
                     "INSERT INTO counsel_profiles(user_id, profile_ct, updated_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(user_id) DO UPDATE SET profile_ct = excluded.profile_ct, updated_at = excluded.updated_at",
                     user, *ct, clock_.now_ms());
}

Result<void> CounselStore::add_rating(std::string_view user, const counsel::ExerciseRating& rating) {
  const std::string id = platform::crypto::random_id();
  auto ct = seal(user, id, "counsel.rating",
                 json::serialize(json::object{{"exercise", rating.exercise}, {"helpful", rating.helpful}}));
  if (!ct) return std::unexpected(ct.error());
  const auto now = clock_.now_ms();
  return db_.write([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("INSERT INTO counsel_ratings(rating_id, user_id, rating_ct, created_at) VALUES (?, ?, ?, ?)");
    if (!st) return std::unexpected(st.error());
    return st->bind_text(1, id).bind_text(2, user).bind_blob(3, *ct).bind(4, now).run();
  });
}

Result<std::vector<counsel::ExerciseRating>> CounselStore::ratings(std::string_view user) {
  std::vector<std::tuple<std::string, std::string, std::int64_t>> rows;
  auto r = db_.read([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("SELECT rating_id, rating_ct, created_at FROM counsel_ratings WHERE user_id = ? ORDER BY created_at");
    if (!st) return std::unexpected(st.error());
    st->bind_text(1, user);
    for (;;) {
      auto row = st->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      rows.emplace_back(st->text(0), st->blob(1), st->int64(2));
    }
  });
  if (!r) return std::unexpected(r.error());
  std::vector<counsel::ExerciseRating> out;
  for (auto& [id, ct, at] : rows) {
    auto plain = open(user, id, "counsel.rating", ct);
    if (!plain) return std::unexpected(plain.error());
    auto v = json::parse(*plain);
    out.push_back({std::string(v.at("exercise").as_string()), v.at("helpful").as_bool(), at});
  }
  return out;
}

Result<counsel::SafetyPlan> CounselStore::safety_plan(std::string_view user) {
  auto blob = read_blob(db_, "SELECT plan_ct FROM counsel_safety_plans WHERE user_id = ?", user);
  if (!blob) return std::unexpected(blob.error());
  if (!*blob) return platform::fail("safety-plan-not-found", 404, "No safety plan yet");
  auto plain = open(user, user, "counsel.safety_plan", **blob);
  if (!plain) return std::unexpected(plain.error());
  boost::system::error_code ec;
  auto v = json::parse(*plain, ec);
  if (ec) return platform::fail("invalid-safety-plan", 500, "Stored safety plan is unreadable");
  return counsel::safety_plan_from_json(v);
}

Result<void> CounselStore::put_safety_plan(std::string_view user, const counsel::SafetyPlan& plan) {
  auto ct = seal(user, user, "counsel.safety_plan", json::serialize(counsel::to_json(plan)));
  if (!ct) return std::unexpected(ct.error());
  return upsert_blob(db_,
                     "INSERT INTO counsel_safety_plans(user_id, plan_ct, updated_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(user_id) DO UPDATE SET plan_ct = excluded.plan_ct, updated_at = excluded.updated_at",
                     user, *ct, clock_.now_ms());
}

Result<void> CounselStore::delete_safety_plan(std::string_view user) {
  return db_.write([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM counsel_safety_plans WHERE user_id = ?");
    if (!st) return std::unexpected(st.error());
    return st->bind_text(1, user).run();
  });
}

Result<std::string> CounselStore::add_risk_event(std::string_view user, std::string_view conversation,
                                                 const counsel::RiskAssessment& risk) {
  const std::string id = platform::crypto::random_id();
  json::array reasons;
  for (const auto& r : risk.reasons) reasons.emplace_back(r);
  auto ct = seal(user, id, "counsel.risk_event",
                 json::serialize(json::object{{"level", counsel::to_string(risk.level)}, {"reasons", reasons}}));
  if (!ct) return std::unexpected(ct.error());
  const auto now = clock_.now_ms();
  auto r = db_.write([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare(
        "INSERT INTO counsel_risk_events(event_id, user_id, conversation_id, detail_ct, status, created_at) "
        "VALUES (?, ?, ?, ?, 'open', ?)");
    if (!st) return std::unexpected(st.error());
    return st->bind_text(1, id).bind_text(2, user).bind_text(3, conversation).bind_blob(4, *ct).bind(5, now).run();
  });
  if (!r) return std::unexpected(r.error());
  return id;
}

Result<std::vector<RiskEvent>> CounselStore::risk_events(std::string_view status, std::int64_t limit) {
  struct Row {
    RiskEvent e;
    std::string detail_ct;
    std::optional<std::string> note_ct;
  };
  std::vector<Row> rows;
  auto r = db_.read([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare(
        "SELECT event_id, user_id, conversation_id, detail_ct, status, note_ct, created_at, COALESCE(resolved_at, 0) "
        "FROM counsel_risk_events WHERE status = ? ORDER BY created_at LIMIT ?");
    if (!st) return std::unexpected(st.error());
    st->bind_text(1, status).bind(2, limit);
    for (;;) {
      auto row = st->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      Row x;
      x.e.event_id = st->text(0);
      x.e.user_id = st->text(1);
      x.e.conversation_id = st->text(2);
      x.detail_ct = st->blob(3);
      x.e.status = st->text(4);
      x.note_ct = st->optional_blob(5);
      x.e.created_at = st->int64(6);
      x.e.resolved_at = st->int64(7);
      rows.push_back(std::move(x));
    }
  });
  if (!r) return std::unexpected(r.error());
  std::vector<RiskEvent> out;
  for (auto& x : rows) {
    auto plain = open(x.e.user_id, x.e.event_id, "counsel.risk_event", x.detail_ct);
    if (!plain) continue;  // the person was erased (keys shredded) while the event was queued
    auto v = json::parse(*plain);
    x.e.level = std::string(v.at("level").as_string());
    for (const auto& reason : v.at("reasons").as_array()) x.e.reasons.emplace_back(reason.as_string());
    if (x.note_ct) {
      if (auto note = open(x.e.user_id, x.e.event_id, "counsel.risk_note", *x.note_ct)) x.e.note = *note;
    }
    out.push_back(std::move(x.e));
  }
  return out;
}

Result<RiskEvent> CounselStore::resolve_risk_event(std::string_view event_id, std::string_view note) {
  std::string user;
  auto found = db_.read([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("SELECT user_id FROM counsel_risk_events WHERE event_id = ?");
    if (!st) return std::unexpected(st.error());
    st->bind_text(1, event_id);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (*row) user = st->text(0);
    return {};
  });
  if (!found) return std::unexpected(found.error());
  if (user.empty()) return platform::fail("risk-event-not-found", 404, "No such risk event");
  auto ct = seal(user, event_id, "counsel.risk_note", note);
  if (!ct) return std::unexpected(ct.error());
  const auto now = clock_.now_ms();
  auto w = db_.write([&](store::Connection& c) -> Result<void> {
    auto st = c.prepare("UPDATE counsel_risk_events SET status = 'resolved', note_ct = ?, resolved_at = ? WHERE event_id = ?");
    if (!st) return std::unexpected(st.error());
    return st->bind_blob(1, *ct).bind(2, now).bind_text(3, event_id).run();
  });
  if (!w) return std::unexpected(w.error());
  RiskEvent e;
  e.event_id = std::string(event_id);
  e.user_id = user;
  e.status = "resolved";
  e.note = std::string(note);
  e.resolved_at = now;
  return e;
}

Result<json::value> CounselStore::export_user(std::string_view user) {
  json::object out;
  json::array convs;
  auto ids = conversations(user);
  if (!ids) return std::unexpected(ids.error());
  for (const auto& id : *ids) {
    auto msgs = messages(user, id);
    if (!msgs) return std::unexpected(msgs.error());
    json::array m;
    for (const auto& x : *msgs) m.push_back(json::object{{"role", x.role}, {"text", x.text}, {"at", x.at}});
    convs.push_back(json::object{{"conversation_id", id}, {"messages", std::move(m)}});
  }
  out["conversations"] = std::move(convs);
  auto p = profile(user);
  if (!p) return std::unexpected(p.error());
  out["memory"] = counsel::to_json(*p);
  auto plan = safety_plan(user);
  if (plan) out["safety_plan"] = counsel::to_json(*plan);
  else if (plan.error().code != "safety-plan-not-found") return std::unexpected(plan.error());
  auto rs = ratings(user);
  if (!rs) return std::unexpected(rs.error());
  json::array ra;
  for (const auto& x : *rs) ra.push_back(json::object{{"exercise", x.exercise}, {"helpful", x.helpful}, {"at", x.at_ms}});
  out["exercise_ratings"] = std::move(ra);
  return out;
}

Result<void> CounselStore::erase_user(std::string_view user) {
  return db_.write([&](store::Connection& c) -> Result<void> {
    for (const char* sql : {"DELETE FROM counsel_messages WHERE user_id = ?", "DELETE FROM counsel_conversations WHERE user_id = ?",
                            "DELETE FROM counsel_profiles WHERE user_id = ?", "DELETE FROM counsel_ratings WHERE user_id = ?",
                            "DELETE FROM counsel_safety_plans WHERE user_id = ?", "DELETE FROM counsel_risk_events WHERE user_id = ?"}) {
      auto st = c.prepare(sql);
      if (!st) return std::unexpected(st.error());
      if (auto r = st->bind_text(1, user).run(); !r) return r;
    }
    return {};
  });
}

}  // namespace mind_log::service
