#include "traffic_master/store/journal_rows.hpp"

#include <unordered_set>

namespace traffic_master::store {

using engine::JournalRecord;

std::string encode_seats(std::span<const engine::SeatIndex> seats) {
  std::string out;
  out.reserve(seats.size() * 4);
  for (auto s : seats)
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((s >> (8 * i)) & 0xff));
  return out;
}

std::vector<engine::SeatIndex> decode_seats(std::string_view blob) {
  std::vector<engine::SeatIndex> out(blob.size() / 4);
  for (std::size_t k = 0; k < out.size(); ++k)
    for (int i = 0; i < 4; ++i)
      out[k] |= engine::SeatIndex{static_cast<unsigned char>(blob[k * 4 + i])} << (8 * i);
  return out;
}

JournalRows rows_from_journal(const engine::SeatEngine& eng, std::span<const JournalRecord> records) {
  JournalRows rows;
  rows.reserve(records.size());
  // Every row carries the hold's state at the end of the batch, so one row per hold is enough:
  // a payment extends and confirms the same hold in one command, a hold may be created and
  // released in one batch.
  std::unordered_set<std::uint64_t> holds_written;
  holds_written.reserve(records.size());
  auto first_time = [&](std::uint64_t id) { return holds_written.insert(id).second; };
  for (const auto& r : records) {
    switch (r.kind) {
      case JournalRecord::Kind::hold_created: {
        first_time(r.id);
        const auto& h = *eng.hold(r.id);
        rows.emplace_back(HoldRow{static_cast<std::int64_t>(r.id), eng.account_name(h.account),
                                  encode_seats(eng.hold_seats_of(r.id)), h.created_at, h.expires_at, h.amount_cents,
                                  h.ended_at, h.extended, h.orphan_rule_relaxed, static_cast<std::int64_t>(h.state)});
        break;
      }
      case JournalRecord::Kind::hold_extended:
      case JournalRecord::Kind::hold_ended: {
        if (!first_time(r.id)) break;
        const auto& h = *eng.hold(r.id);
        rows.emplace_back(HoldChangeRow{static_cast<std::int64_t>(r.id), h.expires_at, h.ended_at,
                                        static_cast<std::int64_t>(h.state), h.extended});
        break;
      }
      case JournalRecord::Kind::order_created: {
        const auto& o = *eng.order(r.id);
        auto seats = eng.hold_seats_of(o.hold_id);
        rows.emplace_back(OrderRow{static_cast<std::int64_t>(r.id), static_cast<std::int64_t>(o.hold_id),
                                   eng.account_name(o.account), o.created_at, o.amount_cents, o.payment_ref,
                                   std::vector<engine::SeatIndex>(seats.begin(), seats.end())});
        break;
      }
      case JournalRecord::Kind::idempotency:
        rows.emplace_back(IdempotencyRow{eng.account_name(r.account), *r.idempotency_key,
                                         static_cast<std::int64_t>(r.entry.kind),
                                         static_cast<std::int64_t>(r.entry.fingerprint),
                                         static_cast<std::int64_t>(r.entry.target), r.entry.expires_at});
        break;
    }
  }
  return rows;
}

}  // namespace traffic_master::store
