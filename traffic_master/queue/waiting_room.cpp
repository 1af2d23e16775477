#include "traffic_master/queue/waiting_room.hpp"

#include <algorithm>
#include <cstdlib>

#include "platform/core/encoding.hpp"

namespace traffic_master::queue {
namespace {

// Journal records (drops, expiries, admissions) one tick may write. A tick holds the room's
// lock, so this bounds how long joins and status reads can wait behind it: when a network
// outage lapses 200,000 heartbeats at once, they are dropped over the next ticks instead of
// in one pass. What a tick leaves over is done by the next one.
constexpr std::size_t kMaxRecordsPerTick = 10'000;

bool valid_id(const std::string& s) {
  if (s.empty() || s.size() > 128) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

platform::Result<Phase> parse_phase(std::string_view s) {
  for (auto p : {Phase::pre_open, Phase::open, Phase::paused, Phase::draining, Phase::closed})
    if (to_string(p) == s) return p;
  return platform::fail("journal-corrupt", 500, "Waiting-room journal is corrupt", "unknown phase");
}

}  // namespace

std::string_view to_string(Phase p) {
  switch (p) {
    case Phase::pre_open: return "pre_open";
    case Phase::open: return "open";
    case Phase::paused: return "paused";
    case Phase::draining: return "draining";
    case Phase::closed: return "closed";
  }
  return "?";
}

std::string_view to_string(PlaceState s) {
  switch (s) {
    case PlaceState::waiting: return "waiting";
    case PlaceState::admitted: return "admitted";
    case PlaceState::finished: return "finished";
    case PlaceState::dropped: return "dropped";
    case PlaceState::expired: return "expired";
    case PlaceState::left: return "left";
  }
  return "?";
}

WaitingRoom::WaitingRoom(RoomConfig config, const platform::Clock& clock, RandomBytes random, JournalSink* sink,
                         bool fresh)
    : config_(std::move(config)),
      clock_(clock),
      random_(std::move(random)),
      sink_(sink),
      controller_(config_.controller, clock.now_ms()) {
  if (fresh) {
    commit({"seed", clock_.now_ms(), {platform::hex_encode(random_(32)), std::to_string(config_.opens_at_ms)}});
  }
}

WaitingRoom::WaitingRoom(RoomConfig config, const platform::Clock& clock, RandomBytes random, JournalSink* sink)
    : WaitingRoom(std::move(config), clock, std::move(random), sink, true) {}

platform::Result<std::unique_ptr<WaitingRoom>> WaitingRoom::restore(RoomConfig config, const platform::Clock& clock,
                                                                    RandomBytes random, JournalSink* sink,
                                                                    const std::vector<JournalRecord>& records) {
  std::unique_ptr<WaitingRoom> room(new WaitingRoom(std::move(config), clock, std::move(random), sink, false));
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (auto ok = room->apply(records[i]); !ok) {
      auto e = ok.error();
      e.detail = "record " + std::to_string(i + 1) + " (" + records[i].type + "): " + e.detail;
      return std::unexpected(e);
    }
  }
  if (room->seed_.empty())
    return platform::fail("journal-corrupt", 500, "Waiting-room journal is corrupt", "no seed record");
  // Heartbeats and activity are not journaled: everyone gets a fresh window after a restart.
  auto now = clock.now_ms();
  for (auto& e : room->entries_) {
    e.last_seen = now;
    e.last_active = now;
  }
  return room;
}

void WaitingRoom::commit(JournalRecord record) {
  if (sink_) sink_->append(record);
  // Records built here are valid by construction; failing to apply one is a broken invariant.
  if (!apply(record)) std::abort();
}

platform::Result<void> WaitingRoom::apply(const JournalRecord& r) {
  auto corrupt = [&](std::string why) {
    return platform::fail("journal-corrupt", 500, "Waiting-room journal is corrupt", std::move(why));
  };
  auto need = [&](std::size_t n) { return r.fields.size() == n; };
  auto place = [&]() -> platform::Result<std::uint32_t> {
    if (r.fields.empty()) return corrupt("missing receipt");
    auto it = by_receipt_.find(r.fields[0]);
    if (it == by_receipt_.end()) return corrupt("unknown receipt");
    return it->second;
  };

  if (r.type == "seed") {
    if (!need(2) || !seed_.empty()) return corrupt("bad seed record");
    auto seed = platform::hex_decode(r.fields[0]);
    if (!seed || seed->size() != 32) return corrupt("bad seed");
    seed_ = *seed;
    commitment_hex_ = shuffle_commitment(seed_);
    config_.opens_at_ms = std::strtoll(r.fields[1].c_str(), nullptr, 10);
    return {};
  }
  if (r.type == "join") {
    if (!need(3) || by_receipt_.contains(r.fields[2])) return corrupt("bad join record");
    auto id = static_cast<std::uint32_t>(entries_.size());
    Entry e;
    e.account = r.fields[0];
    e.device = r.fields[1];
    e.receipt = r.fields[2];
    e.joined_at = e.last_seen = r.at_ms;
    if (opened_) {
      e.slot = static_cast<std::int64_t>(queue_.size());
      queue_.push_back(id);
      waiting_.push_back(1);
    } else {
      prequeue_.push_back(id);
    }
    entries_.push_back(std::move(e));
    by_account_[entries_[id].account] = id;
    by_receipt_[entries_[id].receipt] = id;
    heartbeats_.push_back(id);
    ++waiting_count_;
    return {};
  }
  if (r.type == "open") {
    if (opened_ || seed_.empty()) return corrupt("bad open record");
    std::vector<std::string> receipts;
    receipts.reserve(prequeue_.size());
    for (auto id : prequeue_) receipts.push_back(entries_[id].receipt);
    for (auto k : shuffle_order(seed_, receipts)) {
      auto id = prequeue_[k];
      entries_[id].slot = static_cast<std::int64_t>(queue_.size());
      queue_.push_back(id);
      waiting_.push_back(entries_[id].state == PlaceState::waiting ? 1 : 0);
    }
    opened_ = true;
    opened_at_ms_ = r.at_ms;
    if (phase_ == Phase::pre_open) phase_ = Phase::open;
    if (phase_before_pause_ == Phase::pre_open) phase_before_pause_ = Phase::open;
    return {};
  }
  if (r.type == "drop" || r.type == "leave") {
    auto id = place();
    if (!id || !need(1)) return corrupt("bad " + r.type + " record");
    auto& e = entries_[*id];
    auto end_state = r.type == "drop" ? PlaceState::dropped : PlaceState::left;
    if (e.state == PlaceState::waiting) end_waiting(*id, end_state, r.at_ms);
    else if (e.state == PlaceState::admitted && r.type == "leave") end_admission(*id, end_state, r.at_ms);
    else return corrupt("place not live");
    return {};
  }
  if (r.type == "admit") {
    auto id = place();
    if (!id || !need(2) || entries_[*id].state != PlaceState::waiting || entries_[*id].slot < 0)
      return corrupt("bad admit record");
    auto& e = entries_[*id];
    end_waiting(*id, PlaceState::admitted, r.at_ms);
    e.jti = r.fields[1];
    e.admitted_at = e.last_active = r.at_ms;
    shoppers_.push_back(*id);
    ++admitted_total_;
    admitted_meter_.record(r.at_ms);
    return {};
  }
  if (r.type == "finish" || r.type == "expire") {
    auto id = place();
    if (!id || !need(1) || entries_[*id].state != PlaceState::admitted) return corrupt("bad " + r.type + " record");
    end_admission(*id, r.type == "finish" ? PlaceState::finished : PlaceState::expired, r.at_ms);
    if (r.type == "expire") ++expired_total_;
    return {};
  }
  if (r.type == "phase") {
    if (!need(1)) return corrupt("bad phase record");
    auto p = parse_phase(r.fields[0]);
    if (!p) return std::unexpected(p.error());
    set_phase(*p, r.at_ms);
    return {};
  }
  return corrupt("unknown record type");
}

void WaitingRoom::end_waiting(std::uint32_t id, PlaceState state, platform::Millis at) {
  auto& e = entries_[id];
  e.state = state;
  e.ended_at = at;
  heartbeats_.remove(id);
  if (e.slot >= 0) waiting_.add(static_cast<std::size_t>(e.slot), -1);
  --waiting_count_;
  if (state == PlaceState::dropped) ++dropped_total_;
}

void WaitingRoom::end_admission(std::uint32_t id, PlaceState state, platform::Millis at) {
  auto& e = entries_[id];
  e.state = state;
  e.ended_at = at;
  shoppers_.remove(id);
  ended_admissions_.push_back(id);
}

void WaitingRoom::set_phase(Phase p, platform::Millis) {
  if (p == Phase::paused) phase_before_pause_ = phase_;
  phase_ = p;
}

platform::Result<JoinResult> WaitingRoom::join(const std::string& account, const std::string& device) {
  if (!valid_id(account))
    return platform::fail("invalid-account", 422, "Invalid account id", "1-128 printable ASCII characters, no spaces");
  if (!valid_id(device))
    return platform::fail("invalid-device", 422, "Invalid device id", "1-128 printable ASCII characters, no spaces");
  if (phase_ == Phase::draining || phase_ == Phase::closed)
    return platform::fail("queue-closed", 409, "The waiting room is not taking new places",
                          "event " + config_.event_id + " is " + std::string(to_string(phase_)));
  if (auto it = by_account_.find(account); it != by_account_.end()) {
    auto& e = entries_[it->second];
    if (e.state == PlaceState::waiting || e.state == PlaceState::admitted) {
      if (e.state == PlaceState::waiting) {
        e.last_seen = clock_.now_ms();
        heartbeats_.touch(it->second);
      }
      return JoinResult{e.receipt, true};
    }
  }
  auto receipt = platform::base64url_encode(random_(16));
  commit({"join", clock_.now_ms(), {account, device, receipt}});
  return JoinResult{receipt, false};
}

platform::Result<std::uint32_t> WaitingRoom::find_place(const std::string& account, const std::string& receipt) const {
  if (receipt.empty()) {
    auto it = by_account_.find(account);
    if (it == by_account_.end())
      return platform::fail("place-unknown", 404, "No place in this waiting room", "the account has not joined");
    return it->second;
  }
  auto it = by_receipt_.find(receipt);
  if (it == by_receipt_.end()) return platform::fail("place-unknown", 404, "No place in this waiting room", "unknown receipt");
  if (entries_[it->second].account != account)
    return platform::fail("place-not-yours", 403, "This place belongs to another account");
  return it->second;
}

platform::Result<void> WaitingRoom::heartbeat(const std::string& account, const std::string& receipt) {
  auto id = find_place(account, receipt);
  if (!id) return std::unexpected(id.error());
  auto& e = entries_[*id];
  if (e.state == PlaceState::admitted) return {};
  if (e.state != PlaceState::waiting)
    return platform::fail("place-gone", 410, "This place is no longer in the queue",
                          "state " + std::string(to_string(e.state)) + "; join again for a new place");
  e.last_seen = clock_.now_ms();
  heartbeats_.touch(*id);
  return {};
}

std::int64_t WaitingRoom::ahead_of(const Entry& e) const {
  if (e.slot < 0) return 0;
  return waiting_.prefix(static_cast<std::size_t>(e.slot));
}

Eta WaitingRoom::eta_for(std::int64_t ahead) const {
  auto now = clock_.now_ms();
  // The configured rate is an upper bound on what the room will do; the measured rate says
  // what it actually did (lower when shoppers finish slowly). Taking the smaller keeps the
  // opening burst from promising more than the steady state will deliver.
  double rate = controller_.per_minute() / 60.0;
  if (admitted_meter_.total() >= 20) rate = std::min(rate, admitted_meter_.per_second(now));
  double until_open = opened_ ? 0 : std::max<double>(0, static_cast<double>(config_.opens_at_ms - now) / 1000.0);
  Eta eta = estimate_eta(ahead, rate, until_open);
  if (phase_ == Phase::paused) {
    eta.known = false;
    eta.reason = "admissions are paused by the operator";
  } else if (phase_ == Phase::closed) {
    eta.known = false;
    eta.reason = "the sale is closed";
  } else if (controller_.last_change().starts_with("lowered")) {
    // The estimate may have grown: say why instead of silently moving it.
    eta.reason = "admissions slowed to protect the sale (" + controller_.last_change() + ")";
  }
  return eta;
}

platform::Result<PlaceStatus> WaitingRoom::status(const std::string& account, const std::string& receipt) const {
  auto id = find_place(account, receipt);
  if (!id) return std::unexpected(id.error());
  const auto& e = entries_[*id];
  PlaceStatus s;
  s.receipt = e.receipt;
  s.state = e.state;
  s.phase = phase_;
  s.account = e.account;
  s.device = e.device;
  if (e.state == PlaceState::waiting) {
    if (e.slot < 0) {
      s.in_prequeue = true;
      // The place is drawn at open: anywhere in the pre-queue, so the range spans all of it.
      auto all = eta_for(static_cast<std::int64_t>(prequeue_.size()));
      s.eta = all;
      s.eta.low_s = std::max<double>(0, static_cast<double>(config_.opens_at_ms - clock_.now_ms()) / 1000.0);
    } else {
      s.ahead = ahead_of(e);
      s.position = s.ahead + 1;
      s.eta = eta_for(s.ahead);
    }
  } else if (e.state == PlaceState::admitted) {
    s.jti = e.jti;
    s.admitted_at_ms = e.admitted_at;
    s.admission_expires_ms = std::min(e.admitted_at + config_.shopping_max_ms, e.last_active + config_.shopping_idle_ms);
  }
  return s;
}

platform::Result<std::optional<std::string>> WaitingRoom::leave(const std::string& account, const std::string& receipt) {
  auto id = find_place(account, receipt);
  if (!id) return std::unexpected(id.error());
  auto& e = entries_[*id];
  if (e.state != PlaceState::waiting && e.state != PlaceState::admitted)
    return platform::fail("place-gone", 410, "This place is no longer in the queue");
  bool had_admission = e.state == PlaceState::admitted;
  commit({"leave", clock_.now_ms(), {e.receipt}});
  if (had_admission) return std::optional<std::string>(e.jti);
  return std::optional<std::string>();
}

platform::Result<void> WaitingRoom::touch(const std::string& account, const std::string& jti) {
  auto it = by_account_.find(account);
  auto inactive = [] { return platform::fail("admission-inactive", 403, "No active admission for this account"); };
  if (it == by_account_.end()) return inactive();
  auto& e = entries_[it->second];
  if (e.state != PlaceState::admitted || e.jti != jti) return inactive();
  auto now = clock_.now_ms();
  if (now >= e.admitted_at + config_.shopping_max_ms || now >= e.last_active + config_.shopping_idle_ms) {
    commit({"expire", now, {e.receipt}});
    return inactive();
  }
  e.last_active = now;
  shoppers_.touch(it->second);
  return {};
}

std::optional<std::string> WaitingRoom::finish(const std::string& account) {
  auto it = by_account_.find(account);
  if (it == by_account_.end() || entries_[it->second].state != PlaceState::admitted) return std::nullopt;
  auto& e = entries_[it->second];
  commit({"finish", clock_.now_ms(), {e.receipt}});
  return e.jti;
}

TickResult WaitingRoom::tick() {
  TickResult out;
  auto now = clock_.now_ms();
  if (!opened_ && now >= config_.opens_at_ms && phase_ != Phase::closed) commit({"open", now, {}});

  std::size_t budget = kMaxRecordsPerTick;
  while (budget > 0 && !heartbeats_.empty()) {
    auto id = heartbeats_.front();
    if (entries_[id].last_seen + config_.heartbeat_timeout_ms > now) break;
    commit({"drop", now, {entries_[id].receipt}});
    ++out.dropped;
    --budget;
  }
  while (budget > 0 && !shoppers_.empty()) {
    auto id = shoppers_.front();
    if (entries_[id].last_active + config_.shopping_idle_ms > now) break;
    commit({"expire", now, {entries_[id].receipt}});
    out.revoked.emplace_back(entries_[id].jti, entries_[id].admitted_at + config_.shopping_max_ms);
    ++out.expired;
    --budget;
  }

  if (phase_ == Phase::open || phase_ == Phase::draining) {
    auto allowance = controller_.allowance(static_cast<std::int64_t>(shoppers_.size()), now);
    std::int64_t granted = 0;
    while (granted < allowance && head_ < queue_.size() && budget > 0) {
      auto id = queue_[head_];
      // Places whose holders left or stopped heart-beating are skipped, so the queue never
      // stalls behind them. None left here has lapsed: admissions run only with budget left,
      // i.e. after the drop pass reached a place that has not lapsed, and heartbeats_ is
      // ordered oldest first.
      if (entries_[id].state != PlaceState::waiting) {
        ++head_;
        continue;
      }
      --budget;
      auto jti = platform::base64url_encode(random_(16));
      commit({"admit", now, {entries_[id].receipt, jti}});
      const auto& e = entries_[id];
      out.admitted.push_back({e.account, e.device, e.receipt, e.jti, now});
      ++granted;
      ++head_;
    }
    controller_.consume(granted);
    if (phase_ == Phase::draining && waiting_count_ == 0 && shoppers_.empty()) commit({"phase", now, {"closed"}});
  }
  return out;
}

platform::Result<void> WaitingRoom::pause() {
  if (phase_ == Phase::paused || phase_ == Phase::closed)
    return platform::fail("invalid-phase-transition", 409, "Cannot pause now", "phase is " + std::string(to_string(phase_)));
  commit({"phase", clock_.now_ms(), {"paused"}});
  return {};
}

platform::Result<void> WaitingRoom::resume() {
  if (phase_ != Phase::paused)
    return platform::fail("invalid-phase-transition", 409, "Only a paused room can resume",
                          "phase is " + std::string(to_string(phase_)));
  commit({"phase", clock_.now_ms(), {std::string(to_string(phase_before_pause_))}});
  return {};
}

platform::Result<void> WaitingRoom::drain() {
  if (phase_ == Phase::draining || phase_ == Phase::closed)
    return platform::fail("invalid-phase-transition", 409, "Cannot drain now", "phase is " + std::string(to_string(phase_)));
  if (!opened_)
    return platform::fail("invalid-phase-transition", 409, "Cannot drain before the sale opens");
  commit({"phase", clock_.now_ms(), {"draining"}});
  return {};
}

platform::Result<void> WaitingRoom::close() {
  if (phase_ == Phase::closed)
    return platform::fail("invalid-phase-transition", 409, "The room is already closed");
  commit({"phase", clock_.now_ms(), {"closed"}});
  return {};
}

ShuffleRecord WaitingRoom::shuffle_record() const {
  ShuffleRecord r;
  r.event_id = config_.event_id;
  r.commitment_hex = commitment_hex_;
  for (auto id : prequeue_) r.entries.push_back(entries_[id].receipt);
  if (opened_) {
    r.seed_hex = platform::hex_encode(seed_);
    // The pre-queue occupies the first slots of queue_ in shuffled order.
    for (std::size_t k = 0; k < prequeue_.size(); ++k) r.order.push_back(entries_[queue_[k]].receipt);
  }
  return r;
}

RoomSummary WaitingRoom::summary() const {
  RoomSummary s;
  s.phase = phase_;
  s.waiting = waiting_count_;
  s.active = static_cast<std::int64_t>(shoppers_.size());
  s.admitted_total = admitted_total_;
  s.dropped_total = dropped_total_;
  s.expired_total = expired_total_;
  s.prequeue = static_cast<std::int64_t>(prequeue_.size());
  s.limits = controller_.limits();
  s.admission_rate_per_s = admitted_meter_.per_second(clock_.now_ms());
  return s;
}

std::vector<std::pair<std::string, platform::Millis>> WaitingRoom::revoked_jtis() const {
  std::vector<std::pair<std::string, platform::Millis>> out;
  auto now = clock_.now_ms();
  for (auto id : ended_admissions_) {
    const auto& e = entries_[id];
    auto token_expiry = e.admitted_at + config_.shopping_max_ms;
    if (token_expiry > now) out.emplace_back(e.jti, token_expiry);
  }
  return out;
}

}  // namespace traffic_master::queue
