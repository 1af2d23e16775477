#include "traffic_master/queue/waiting_room.hpp"

#include <gtest/gtest.h>

#include "traffic_master/queue/test_support.hpp"

using namespace traffic_master::queue;
using platform::ManualClock;

namespace {

constexpr platform::Millis kOpen = 1'700'000'600'000;

RoomConfig room_config(double per_minute = 600, std::int64_t max_active = 1000) {
  RoomConfig c;
  c.event_id = "ev1";
  c.opens_at_ms = kOpen;
  c.heartbeat_timeout_ms = 30'000;
  c.shopping_idle_ms = 120'000;
  c.shopping_max_ms = 600'000;
  c.controller.initial_per_minute = per_minute;
  c.controller.initial_max_active = max_active;
  c.controller.min_max_active = 1;
  return c;
}

struct Fixture {
  explicit Fixture(RoomConfig c = room_config()) : clock(kOpen - 60'000), room(c, clock, test_support::counter_random(), &journal) {}
  ManualClock clock;
  MemoryJournal journal;
  WaitingRoom room;

  std::string join(const std::string& account) {
    auto r = room.join(account, "dev-" + account);
    EXPECT_TRUE(r) << (r ? "" : r.error().code);
    return r ? r->receipt : "";
  }
  // Keeps everyone in `accounts` alive while time passes.
  std::vector<Admission> run(platform::Millis ms, const std::vector<std::string>& alive = {}) {
    std::vector<Admission> out;
    for (platform::Millis t = 0; t < ms; t += 100) {
      clock.advance(100);
      for (const auto& a : alive) (void)room.heartbeat(a, "");
      auto tick = room.tick();
      out.insert(out.end(), tick.admitted.begin(), tick.admitted.end());
    }
    return out;
  }
};

std::vector<std::string> names(int n, const std::string& prefix = "a") {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

}  // namespace

TEST(WaitingRoom, PreQueueIsPlacedInTheVerifiableShuffleOrder) {
  Fixture f;
  auto accounts = names(30);
  for (auto& a : accounts) f.join(a);
  auto before = f.room.shuffle_record();
  EXPECT_TRUE(before.seed_hex.empty());  // not revealed before open
  EXPECT_EQ(before.commitment_hex.size(), 64u);
  EXPECT_TRUE(f.room.status("a3", "")->in_prequeue);

  f.clock.set(kOpen);
  f.room.tick();
  auto record = f.room.shuffle_record();
  ASSERT_EQ(record.order.size(), 30u);
  EXPECT_EQ(record.commitment_hex, before.commitment_hex);
  EXPECT_TRUE(verify_shuffle(record));
  // Arrival order is not kept: the shuffle moved at least someone.
  EXPECT_NE(record.order, record.entries);
}

TEST(WaitingRoom, AfterOpenJoinsAreServedInArrivalOrder) {
  Fixture f(room_config(600));
  f.clock.set(kOpen);
  f.room.tick();
  auto accounts = names(40);
  for (auto& a : accounts) {
    f.join(a);
    f.clock.advance(1);
  }
  EXPECT_EQ(f.room.status("a0", "")->position, 1);
  EXPECT_EQ(f.room.status("a39", "")->position, 40);
  EXPECT_EQ(f.room.status("a39", "")->ahead, 39);
  auto admitted = f.run(10'000, accounts);
  ASSERT_EQ(admitted.size(), 40u);
  for (std::size_t i = 0; i < admitted.size(); ++i) EXPECT_EQ(admitted[i].account, accounts[i]);
}

TEST(WaitingRoom, AdmissionRateFollowsTheController) {
  Fixture f(room_config(600, 100'000));  // 10 per second, active limit out of the way
  auto accounts = names(2000);
  f.clock.set(kOpen);
  f.room.tick();
  for (auto& a : accounts) f.join(a);
  auto first_minute = f.run(60'000, accounts);
  // 600 per minute plus the full 2-second bucket that filled while the room was closed.
  EXPECT_NEAR(static_cast<double>(first_minute.size()), 620, 2);
  EXPECT_NEAR(f.room.summary().admission_rate_per_s, 10, 0.5);
  f.clock.advance(5'000);
  f.room.observe_health({800, 0});  // downstream hold latency too high: 600 -> 420 / min
  EXPECT_EQ(f.room.summary().limits.per_minute, 420);
  auto second_minute = f.run(60'000, accounts);
  EXPECT_NEAR(static_cast<double>(second_minute.size()), 420, 25);
  // The ETA says why it may have grown.
  EXPECT_NE(f.room.status("a1999", "")->eta.reason.find("hold latency"), std::string::npos);
}

TEST(WaitingRoom, ActiveShopperLimitHoldsUntilSomeoneFinishes) {
  Fixture f(room_config(60'000, 3));
  f.clock.set(kOpen);
  f.room.tick();
  auto accounts = names(5);
  for (auto& a : accounts) f.join(a);
  auto admitted = f.run(5'000, accounts);
  ASSERT_EQ(admitted.size(), 3u);
  EXPECT_EQ(f.room.summary().active, 3);
  EXPECT_TRUE(f.room.finish("a0"));
  admitted = f.run(1'000, accounts);
  ASSERT_EQ(admitted.size(), 1u);
  EXPECT_EQ(admitted[0].account, "a3");
}

TEST(WaitingRoom, OnePlacePerAccount) {
  Fixture f;
  auto r1 = f.room.join("alice", "d1");
  auto r2 = f.room.join("alice", "d2");
  ASSERT_TRUE(r1 && r2);
  EXPECT_EQ(r1->receipt, r2->receipt);
  EXPECT_FALSE(r1->rejoined);
  EXPECT_TRUE(r2->rejoined);
  EXPECT_EQ(f.room.summary().waiting, 1);
  EXPECT_EQ(f.journal.records.size(), 2u);  // seed + one join
}

TEST(WaitingRoom, SilentClientsAreDroppedAndTheQueueDoesNotStall) {
  Fixture f(room_config(60'000, 2));
  f.clock.set(kOpen);
  f.room.tick();
  for (auto& a : names(6)) f.join(a);
  // a0 and a2 stop heart-beating; the rest keep going.
  std::vector<std::string> alive{"a1", "a3", "a4", "a5"};
  auto admitted = f.run(40'000, alive);
  ASSERT_EQ(admitted.size(), 2u);
  // The first two admitted at open were a0 and a1 (a0 was still alive then).
  EXPECT_EQ(admitted[0].account, "a0");
  EXPECT_EQ(admitted[1].account, "a1");
  EXPECT_TRUE(f.room.finish("a0"));
  admitted = f.run(1'000, alive);
  ASSERT_EQ(admitted.size(), 1u);
  EXPECT_EQ(admitted[0].account, "a3");  // a2 went silent and was skipped
  auto gone = f.room.heartbeat("a2", "");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, "place-gone");
  EXPECT_EQ(f.room.summary().dropped_total, 1);
  // Joining again gives a new place at the back.
  auto again = f.room.join("a2", "dev-a2");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->rejoined);
  EXPECT_EQ(f.room.status("a2", "")->position, 3);  // behind a4, a5
}

TEST(WaitingRoom, HeartbeatForSomeoneElsesPlaceIsRejectedAndChangesNothing) {
  Fixture f;
  auto alice = f.join("alice");
  f.join("bob");
  auto records = f.journal.records.size();
  auto r = f.room.heartbeat("bob", alice);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "place-not-yours");
  EXPECT_EQ(r.error().status, 403);
  EXPECT_EQ(f.room.status("bob", alice).error().code, "place-not-yours");
  EXPECT_EQ(f.room.leave("bob", alice).error().code, "place-not-yours");
  EXPECT_EQ(f.room.heartbeat("bob", "no-such-receipt").error().code, "place-unknown");
  EXPECT_EQ(f.room.status("carol", "").error().code, "place-unknown");
  EXPECT_EQ(f.journal.records.size(), records);
  EXPECT_EQ(f.room.summary().waiting, 2);
}

TEST(WaitingRoom, InvalidIdsAndClosedRoomsRejectJoins) {
  Fixture f;
  EXPECT_EQ(f.room.join("", "d").error().code, "invalid-account");
  EXPECT_EQ(f.room.join("has space", "d").error().code, "invalid-account");
  EXPECT_EQ(f.room.join("ok", std::string(129, 'x')).error().code, "invalid-device");
  ASSERT_TRUE(f.room.close());
  auto r = f.room.join("late", "d");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "queue-closed");
  EXPECT_EQ(r.error().status, 409);
  EXPECT_EQ(f.room.summary().waiting, 0);
  EXPECT_EQ(f.room.close().error().code, "invalid-phase-transition");
}

TEST(WaitingRoom, IdleShopperLosesTheAdmission) {
  Fixture f(room_config(60'000, 1));
  f.clock.set(kOpen);
  f.join("alice");
  f.join("bob");
  auto admitted = f.run(200, {"alice", "bob"});
  ASSERT_EQ(admitted.size(), 1u);
  auto jti = admitted[0].jti;
  EXPECT_TRUE(f.room.touch("alice", jti));
  EXPECT_EQ(f.room.touch("alice", "other-jti").error().code, "admission-inactive");
  EXPECT_EQ(f.room.touch("bob", jti).error().code, "admission-inactive");
  // No activity for the idle window: expired, its token id is revoked, bob goes in.
  f.clock.advance(119'000);
  (void)f.room.heartbeat("bob", "");
  EXPECT_TRUE(f.room.tick().admitted.empty());
  f.clock.advance(1'000);
  (void)f.room.heartbeat("bob", "");
  auto tick = f.room.tick();
  EXPECT_EQ(tick.expired, 1);
  ASSERT_EQ(tick.revoked.size(), 1u);
  EXPECT_EQ(tick.revoked[0].first, jti);
  ASSERT_EQ(tick.admitted.size(), 1u);
  EXPECT_EQ(tick.admitted[0].account, "bob");
  EXPECT_EQ(f.room.status("alice", "")->state, PlaceState::expired);
  EXPECT_EQ(f.room.touch("alice", jti).error().code, "admission-inactive");
}

TEST(WaitingRoom, PauseStopsAdmissionsResumeContinuesDrainCloses) {
  Fixture f(room_config(60'000, 1000));
  f.clock.set(kOpen);
  f.room.tick();
  ASSERT_TRUE(f.room.pause());
  f.join("alice");
  EXPECT_TRUE(f.run(2'000, {"alice"}).empty());
  auto st = f.room.status("alice", "");
  EXPECT_FALSE(st->eta.known);
  EXPECT_FALSE(st->eta.reason.empty());
  ASSERT_TRUE(f.room.resume());
  EXPECT_EQ(f.room.phase(), Phase::open);
  EXPECT_EQ(f.room.resume().error().code, "invalid-phase-transition");
  EXPECT_EQ(f.run(200, {"alice"}).size(), 1u);
  f.join("bob");
  ASSERT_TRUE(f.room.drain());
  EXPECT_EQ(f.room.join("carol", "d").error().code, "queue-closed");
  EXPECT_EQ(f.run(200, {"bob"}).size(), 1u);  // draining still admits those waiting
  EXPECT_EQ(f.room.phase(), Phase::draining);
  f.room.finish("alice");
  f.room.finish("bob");
  f.room.tick();
  EXPECT_EQ(f.room.phase(), Phase::closed);
}

TEST(WaitingRoom, RestartFromTheJournalKeepsEveryonesPlace) {
  Fixture f(room_config(600, 1000));
  auto early = names(50, "e");
  for (auto& a : early) f.join(a);
  f.clock.set(kOpen);
  f.room.tick();
  auto late = names(50, "l");
  for (auto& a : late) f.join(a);
  auto everyone = early;
  everyone.insert(everyone.end(), late.begin(), late.end());
  std::vector<std::string> alive(everyone.begin() + 1, everyone.end());  // e0 goes silent
  f.run(5'000, alive);
  ASSERT_TRUE(f.room.leave("l7", ""));
  auto admitted_before = f.room.summary().admitted_total;
  ASSERT_GT(admitted_before, 0);

  MemoryJournal replayed_sink;
  auto restored = WaitingRoom::restore(room_config(600, 1000), f.clock, test_support::counter_random("after"),
                                       &replayed_sink, f.journal.records);
  ASSERT_TRUE(restored) << restored.error().detail;
  auto& room2 = **restored;
  EXPECT_EQ(room2.commitment_hex(), f.room.commitment_hex());
  EXPECT_EQ(room2.summary().admitted_total, admitted_before);
  EXPECT_EQ(room2.summary().waiting, f.room.summary().waiting);
  for (auto& a : everyone) {
    auto s1 = f.room.status(a, "");
    auto s2 = room2.status(a, "");
    ASSERT_TRUE(s1 && s2);
    EXPECT_EQ(s1->receipt, s2->receipt) << a;
    EXPECT_EQ(s1->state, s2->state) << a;
    EXPECT_EQ(s1->position, s2->position) << a;
    EXPECT_EQ(s1->jti, s2->jti) << a;
  }
  EXPECT_TRUE(verify_shuffle(room2.shuffle_record()));
  EXPECT_EQ(room2.revoked_jtis(), f.room.revoked_jtis());
}

TEST(WaitingRoom, CorruptJournalIsReportedWithTheRecord) {
  std::vector<JournalRecord> records{{"seed", 1, {std::string(64, 'a'), "5"}}, {"admit", 2, {"nobody", "j"}}};
  ManualClock clock;
  auto r = WaitingRoom::restore(room_config(), clock, test_support::counter_random(), nullptr, records);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "journal-corrupt");
  EXPECT_NE(r.error().detail.find("record 2"), std::string::npos);
  EXPECT_FALSE(WaitingRoom::restore(room_config(), clock, test_support::counter_random(), nullptr, {}));
}

TEST(WaitingRoom, EtaIsARangeThatShrinksAsTheQueueMoves) {
  Fixture f(room_config(600, 100000));
  f.clock.set(kOpen);
  f.room.tick();
  auto accounts = names(300);
  for (auto& a : accounts) f.join(a);
  auto first = f.room.status("a299", "")->eta;
  EXPECT_TRUE(first.known);
  EXPECT_LT(first.low_s, first.high_s);
  EXPECT_NEAR((first.low_s + first.high_s) / 2, 299 / 10.0, 2);
  double last_high = first.high_s;
  for (int i = 0; i < 20; ++i) {
    f.run(1'000, accounts);
    auto eta = f.room.status("a299", "")->eta;
    EXPECT_LE(eta.high_s, last_high + 0.5) << "second " << i;
    last_high = eta.high_s;
  }
}

TEST(WaitingRoom, AMassLapseIsDroppedOverSeveralTicksAndNeverAdmitted) {
  // An outage silences 25,000 waiting people at once; one tick must not write them all under the
  // room's lock, and no admission may happen while lapsed places are still being dropped.
  Fixture f(room_config(6'000'000, 1'000'000));
  f.clock.set(kOpen);
  f.room.tick();
  f.room.pause();
  auto silent = names(25'000, "s");
  for (auto& a : silent) f.join(a);
  f.join("alive");
  f.clock.advance(30'000);
  ASSERT_TRUE(f.room.heartbeat("alive", ""));
  f.room.resume();
  std::vector<std::int64_t> dropped_per_tick;
  std::vector<Admission> admitted;
  for (int i = 0; i < 10 && admitted.empty(); ++i) {
    auto t = f.room.tick();
    dropped_per_tick.push_back(t.dropped);
    admitted.insert(admitted.end(), t.admitted.begin(), t.admitted.end());
  }
  ASSERT_EQ(dropped_per_tick, (std::vector<std::int64_t>{10'000, 10'000, 5'000}));
  EXPECT_EQ(f.room.summary().dropped_total, 25'000);
  ASSERT_EQ(admitted.size(), 1u);
  EXPECT_EQ(admitted[0].account, "alive");
  EXPECT_EQ(f.room.heartbeat("s0", "").error().code, "place-gone");
}
