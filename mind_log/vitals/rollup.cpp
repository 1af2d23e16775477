#include "mind_log/vitals/rollup.hpp"

#include <cassert>
#include <cmath>

#include "mind_log/vitals/bit_io.hpp"

namespace mind_log::vitals {
namespace {

constexpr std::uint8_t kRollupVersion = 1;

}  // namespace

const char* tier_name(Tier t) { return t == Tier::minute ? "1m" : t == Tier::hour ? "1h" : "1d"; }

RollupBlock::RollupBlock(Tier tier, std::int64_t block_start)
    : tier_(tier),
      block_start_(block_start),
      slots_(static_cast<std::size_t>(tier_block_ms(tier) / tier_resolution_ms(tier))) {}

void RollupBlock::merge(std::int64_t t, const Agg& agg) {
  if (t < block_start_ || t >= block_end()) std::abort();  // caller routed to the wrong block
  Agg& slot = slots_[static_cast<std::size_t>((t - block_start_) / tier_resolution_ms(tier_))];
  if (slot.count == 0 && agg.count > 0) ++filled_;
  slot.merge(agg);
}

std::vector<RollupEntry> RollupBlock::entries() const {
  std::vector<RollupEntry> out;
  out.reserve(filled_);
  const std::int64_t res = tier_resolution_ms(tier_);
  for (std::size_t i = 0; i < slots_.size(); ++i)
    if (slots_[i].count) out.push_back({block_start_ + static_cast<std::int64_t>(i) * res, slots_[i]});
  return out;
}

std::vector<RollupEntry> aggregate(std::span<const Sample> sorted, std::int64_t res) {
  std::vector<RollupEntry> out;
  for (const Sample& s : sorted) {
    std::int64_t slot = floor_to(s.t, res);
    if (out.empty() || out.back().start != slot) out.push_back({slot, {}});
    out.back().agg.add(s.v);
  }
  return out;
}

std::vector<RollupEntry> coarsen(std::span<const RollupEntry> finer, std::int64_t res) {
  std::vector<RollupEntry> out;
  for (const RollupEntry& e : finer) {
    std::int64_t slot = floor_to(e.start, res);
    if (out.empty() || out.back().start != slot) out.push_back({slot, {}});
    out.back().agg.merge(e.agg);
  }
  return out;
}

std::string encode_rollup_block(const RollupBlock& block) {
  std::vector<RollupEntry> entries = block.entries();
  std::string out;
  ByteWriter w(out);
  w.u8(kRollupVersion);
  w.varint(entries.size());
  if (entries.empty()) return out;
  std::vector<Sample> column(entries.size());
  auto put_column = [&](auto field) {
    for (std::size_t i = 0; i < entries.size(); ++i) column[i] = {entries[i].start, field(entries[i].agg)};
    std::string c = encode_chunk(column);
    w.varint(c.size());
    w.bytes(c);
  };
  put_column([](const Agg& a) { return static_cast<double>(a.count); });
  put_column([](const Agg& a) { return a.min; });
  put_column([](const Agg& a) { return a.max; });
  put_column([](const Agg& a) { return a.sum; });
  return out;
}

const char* decode_rollup_block_into(std::string_view bytes, RollupBlock& block) {
  ByteReader r(bytes);
  std::uint8_t version;
  std::uint64_t n;
  if (!block.empty()) std::abort();  // caller contract
  if (!r.u8(version) || version != kRollupVersion || !r.varint(n)) return "bad header";
  const Tier tier = block.tier();
  const std::int64_t block_start = block.block_start();
  const std::int64_t res = tier_resolution_ms(tier);
  if (n > static_cast<std::uint64_t>(tier_block_ms(tier) / res)) return "too many entries";
  if (n == 0) return r.remaining() == 0 ? nullptr : "trailing bytes";
  std::vector<Sample> cols[4];
  for (auto& col : cols) {
    std::uint64_t len;
    std::string_view c;
    if (!r.varint(len) || !r.bytes(len, c)) return "truncated column";
    DecodedChunk decoded;
    if (decode_chunk_into(c, decoded) || decoded.samples.size() != n) return "bad column";
    col = std::move(decoded.samples);
  }
  if (r.remaining() != 0) return "trailing bytes";
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t t = cols[0][i].t;
    double count = cols[0][i].v;
    if (t < block_start || t >= block.block_end() || floor_to(t, res) != t) return "slot outside block";
    if (cols[1][i].t != t || cols[2][i].t != t || cols[3][i].t != t) return "columns disagree";
    if (!(count >= 1 && count <= 4294967295.0) || count != std::floor(count)) return "bad count";
    if (i > 0 && t <= cols[0][i - 1].t) return "slots not increasing";
    block.merge(t, Agg{static_cast<std::uint32_t>(count), cols[1][i].v, cols[2][i].v, cols[3][i].v});
  }
  return nullptr;
}

}  // namespace mind_log::vitals
