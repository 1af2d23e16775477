#include "mind_log/vitals/vitals_store.hpp"

#include <algorithm>

#include "mind_log/vitals/bit_io.hpp"

namespace mind_log::vitals {

std::string chunk_record_id(std::string_view metric, std::int64_t seq) {
  return std::string(metric) + "/c/" + std::to_string(seq);
}
std::string rollup_record_id(std::string_view metric, Tier tier, std::int64_t block_start) {
  return std::string(metric) + "/r/" + tier_name(tier) + "/" + std::to_string(block_start);
}
std::string head_record_id(std::string_view metric, std::int64_t seq) {
  return std::string(metric) + "/h/" + std::to_string(seq);
}

std::string encode_chunk_list(std::span<const Sample> samples) {
  std::string out;
  ByteWriter w(out);
  std::size_t pieces = (samples.size() + kMaxChunkPoints - 1) / kMaxChunkPoints;
  w.varint(pieces);
  for (std::size_t p = 0; p < pieces; ++p) {
    auto piece = samples.subspan(p * kMaxChunkPoints, std::min(kMaxChunkPoints, samples.size() - p * kMaxChunkPoints));
    std::string c = encode_chunk(piece);
    w.varint(c.size());
    w.bytes(c);
  }
  return out;
}

platform::Result<std::vector<Sample>> decode_chunk_list(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint64_t pieces;
  if (!r.varint(pieces) || pieces > bytes.size()) return platform::fail("corrupt-chunk", 500, "Corrupt head record");
  std::vector<Sample> out;
  for (std::uint64_t p = 0; p < pieces; ++p) {
    std::uint64_t len;
    std::string_view c;
    if (!r.varint(len) || !r.bytes(len, c)) return platform::fail("corrupt-chunk", 500, "Corrupt head record");
    auto d = decode_chunk(c);
    if (!d) return std::unexpected(d.error());
    out.insert(out.end(), d->samples.begin(), d->samples.end());
  }
  return out;
}

VitalsStore::VitalsStore(ChunkStore& store, ChunkSealer& sealer, const platform::Clock& clock, SealPolicy seal,
                         IngestLimits limits)
    : store_(store), sealer_(sealer), clock_(clock), seal_(seal), limits_(limits) {}

std::string VitalsStore::key(std::string_view user, std::string_view metric) {
  std::string k(user);
  k.push_back('\0');
  k.append(metric);
  return k;
}

platform::Result<VitalsStore::Series*> VitalsStore::load(std::string_view user, std::string_view metric) {
  std::string k = key(user, metric);
  if (auto it = series_.find(k); it != series_.end()) return &it->second;
  auto meta = store_.meta(user, metric);
  if (!meta) return std::unexpected(meta.error());
  Series s;
  s.next_chunk_seq = meta->next_chunk_seq;
  s.next_head_seq = meta->next_head_seq;
  s.head = SeriesHead({}, meta->sealed_until);
  auto log = store_.head_log(user, metric);
  if (!log) return std::unexpected(log.error());
  for (const HeadLogRow& row : *log) {
    // Replaying the accepted batches in order rebuilds the head exactly, replacements included.
    auto plain = sealer_.open(user, head_record_id(metric, row.seq), row.sealed);
    if (!plain) return std::unexpected(plain.error());
    auto samples = decode_chunk_list(*plain);
    if (!samples) return std::unexpected(samples.error());
    auto fresh = std::find_if(samples->begin(), samples->end(),
                              [&](const Sample& x) { return x.t > meta->sealed_until; });
    s.head.merge(std::span<const Sample>(fresh, samples->end()));
  }
  if (!s.head.points().empty()) {
    s.latest = s.head.points().back();
  } else if (meta->next_chunk_seq > 0) {
    auto last = store_.last_chunk(user, metric);
    if (!last) return std::unexpected(last.error());
    if (*last) {
      auto plain = sealer_.open(user, chunk_record_id(metric, (*last)->seq), (*last)->sealed);
      if (!plain) return std::unexpected(plain.error());
      auto decoded = decode_chunk(*plain);
      if (!decoded) return std::unexpected(decoded.error());
      s.latest = decoded->samples.back();
    }
  }
  return &series_.emplace(std::move(k), std::move(s)).first->second;
}

platform::Result<RollupBlock*> VitalsStore::block(std::string_view user, std::string_view metric, Tier tier,
                                                  std::int64_t block_start, BlockCache& blocks) {
  BlockKey k{static_cast<int>(tier), block_start};
  if (auto it = blocks.find(k); it != blocks.end()) return &it->second;
  auto rows = store_.rollups(user, metric, tier, block_start, block_start + 1);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return &blocks.emplace(k, RollupBlock(tier, block_start)).first->second;
  auto plain = sealer_.open(user, rollup_record_id(metric, tier, block_start), rows->front().sealed);
  if (!plain) return std::unexpected(plain.error());
  RollupBlock decoded(tier, block_start);
  if (const char* why = decode_rollup_block_into(*plain, decoded))
    return platform::fail("corrupt-rollup", 500, "Corrupt rollup block", why);
  return &blocks.emplace(k, std::move(decoded)).first->second;
}

platform::Result<void> VitalsStore::seal_chunks(std::string_view user, std::string_view metric, Series& s,
                                                std::vector<std::vector<Sample>> chunks, BlockCache& blocks,
                                                SeriesWrite& w) {
  for (auto& chunk : chunks) {
    std::int64_t seq = s.next_chunk_seq++;
    auto sealed = sealer_.seal(user, chunk_record_id(metric, seq), encode_chunk(chunk));
    if (!sealed) return std::unexpected(sealed.error());
    w.chunks.push_back({seq, chunk.front().t, chunk.back().t, static_cast<std::uint32_t>(chunk.size()),
                        std::move(*sealed)});
    auto minutes = aggregate(chunk, tier_resolution_ms(Tier::minute));
    auto hours = coarsen(minutes, tier_resolution_ms(Tier::hour));
    auto days = coarsen(hours, tier_resolution_ms(Tier::day));
    for (auto [tier, entries] : {std::pair{Tier::minute, &minutes}, {Tier::hour, &hours}, {Tier::day, &days}}) {
      for (const RollupEntry& e : *entries) {
        auto b = block(user, metric, tier, floor_to(e.start, tier_block_ms(tier)), blocks);
        if (!b) return std::unexpected(b.error());
        (*b)->merge(e.start, e.agg);
      }
    }
  }
  return {};
}

platform::Result<void> VitalsStore::finish_write(std::string_view user, std::string_view metric, const Series& s,
                                                 BlockCache& blocks, SeriesWrite& w) {
  for (auto& [k, b] : blocks) {
    auto sealed = sealer_.seal(user, rollup_record_id(metric, b.tier(), b.block_start()), encode_rollup_block(b));
    if (!sealed) return std::unexpected(sealed.error());
    w.rollups.push_back({b.tier(), b.block_start(), std::move(*sealed)});
  }
  if (!w.chunks.empty()) w.trim_head_log_through = s.head.sealed_until();
  return {};
}

platform::Result<IngestReport> VitalsStore::ingest(std::string_view user, std::span<const SeriesBatch> batches) {
  const platform::Millis now = clock_.now_ms();
  std::vector<ValidBatch> valid;
  valid.reserve(batches.size());
  for (const SeriesBatch& b : batches) {
    auto v = validate_batch(b.metric, b.unit, b.samples, now, limits_);
    if (!v) return std::unexpected(v.error());
    for (const ValidBatch& other : valid)
      if (other.metric == v->metric)
        return platform::fail("duplicate-series", 422, "A metric appears twice in one request",
                              std::string(v->metric->name));
    valid.push_back(std::move(*v));
  }

  std::lock_guard lock(mutex_);
  std::vector<Series*> series;
  for (const ValidBatch& v : valid) {
    auto s = load(user, v.metric->name);
    if (!s) return std::unexpected(s.error());
    if (auto ok = (*s)->head.check(v.samples); !ok) return std::unexpected(ok.error());
    series.push_back(*s);
  }

  // From here memory changes; if sealing or the commit fails, the touched series are dropped
  // from memory and reload from the store, which still holds the state before this request.
  auto forget = [&] {
    for (const ValidBatch& v : valid) series_.erase(key(user, v.metric->name));
  };
  IngestReport report;
  std::vector<SeriesWrite> writes(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const ValidBatch& v = valid[i];
    Series& s = *series[i];
    SeriesWrite& w = writes[i];
    w.user = std::string(user);
    w.metric = std::string(v.metric->name);
    MergeResult m = s.head.merge(v.samples);
    report.accepted += v.samples.size();
    report.added += m.added;
    report.replaced += m.replaced;
    report.unchanged += m.unchanged;
    if (!s.latest || v.samples.back().t >= s.latest->t) s.latest = v.samples.back();

    BlockCache blocks;
    auto chunks = s.head.take_sealable(now, seal_);
    report.sealed_chunks += chunks.size();
    if (auto r = seal_chunks(user, w.metric, s, std::move(chunks), blocks, w); !r) {
      forget();
      return std::unexpected(r.error());
    }
    if (v.samples.back().t > s.head.sealed_until()) {
      std::int64_t seq = s.next_head_seq++;
      auto sealed = sealer_.seal(user, head_record_id(w.metric, seq), encode_chunk_list(v.samples));
      if (!sealed) {
        forget();
        return std::unexpected(sealed.error());
      }
      w.head_log.push_back({seq, v.samples.back().t, std::move(*sealed)});
    }
    if (auto r = finish_write(user, w.metric, s, blocks, w); !r) {
      forget();
      return std::unexpected(r.error());
    }
  }
  if (auto r = store_.commit(writes); !r) {
    forget();
    return std::unexpected(r.error());
  }
  return report;
}

platform::Result<std::size_t> VitalsStore::seal_idle() {
  std::lock_guard lock(mutex_);
  const platform::Millis now = clock_.now_ms();
  std::vector<SeriesWrite> writes;
  std::vector<std::string> touched;
  std::size_t sealed = 0;
  for (auto& [k, s] : series_) {
    auto chunks = s.head.take_sealable(now, seal_);
    if (chunks.empty()) continue;
    auto sep = k.find('\0');
    std::string user = k.substr(0, sep), metric = k.substr(sep + 1);
    SeriesWrite w{user, metric, {}, {}, {}, {}};
    BlockCache blocks;
    sealed += chunks.size();
    touched.push_back(k);
    auto r = seal_chunks(user, metric, s, std::move(chunks), blocks, w);
    if (r) r = finish_write(user, metric, s, blocks, w);
    if (!r) {
      for (const auto& t : touched) series_.erase(t);
      return std::unexpected(r.error());
    }
    writes.push_back(std::move(w));
  }
  if (!writes.empty()) {
    if (auto r = store_.commit(writes); !r) {
      for (const auto& t : touched) series_.erase(t);
      return std::unexpected(r.error());
    }
  }
  // A series with nothing in its head is fully on disk; dropping it bounds memory to the
  // series that are actually receiving samples.
  std::erase_if(series_, [](const auto& kv) { return kv.second.head.points().empty(); });
  return sealed;
}

}  // namespace mind_log::vitals
