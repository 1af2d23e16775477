// Demo data for `./dev run` (--demo): one account with a few journal entries in Korean and
// English, created only when the store holds no account yet. Stored exactly like real data.
#include "mind_log/service/mind_log_app.hpp"
#include "platform/log/logger.hpp"

namespace mind_log::service {

platform::Result<void> MindLogApp::load_demo_data() {
  bool empty = false;
  auto r = db_->read([&](store::Connection& c) -> platform::Result<void> {
    auto s = c.prepare("SELECT count(*) FROM users");
    if (!s) return std::unexpected(s.error());
    if (auto st = s->step(); !st) return std::unexpected(st.error());
    empty = s->int64(0) == 0;
    return {};
  });
  if (!r || !empty) return r;
  const std::string email = "demo@mind-log.example", password = "demo password 1234";
  auto user = accounts_->sign_up(email, password);
  if (!user) return std::unexpected(user.error());
  struct Demo {
    const char* text;
    int mood;
    const char* when;
    double sleep;
  };
  const Demo entries[] = {
      {"시험 때문에 너무 불안했지만 저녁에 산책을 하고 나니 조금 편안해졌다.", 5, "2026-11-24T22:10:00+09:00", 6.0},
      {"Had coffee with an old friend. I felt really happy and grateful.", 8, "2026-11-25T19:30:00+09:00", 7.5},
      {"오늘은 피곤하고 좀 우울했다. 일찍 자야겠다.", 4, "2026-11-26T23:00:00+09:00", 5.0},
  };
  for (auto& d : entries) {
    journal::EntryInput in;
    in.text = d.text;
    in.mood = d.mood;
    in.occurred_at = d.when;
    in.time_zone = "Asia/Seoul";
    in.sleep_hours = d.sleep;
    in.activities = {"walk"};
    if (auto e = journal_->create(*user, in); !e) return std::unexpected(e.error());
  }
  platform::log::info("mind_log.demo_data", {{"email", email}, {"password", password}});
  return {};
}

}  // namespace mind_log::service
