#include "traffic_master/engine/seat_stream_codec.hpp"

#include <gtest/gtest.h>

namespace traffic_master::engine {
namespace {

std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(SeatStreamCodec, SnapshotLayoutIsByteExact) {
  std::vector<std::uint8_t> status{0, 1, 2};
  auto f = encode_snapshot(0x0102, status);
  ASSERT_EQ(f.size(), 19u);
  EXPECT_EQ(f[0], 1);
  EXPECT_EQ(f[1], 1);
  EXPECT_EQ(static_cast<unsigned char>(f[4]), 0x02);
  EXPECT_EQ(static_cast<unsigned char>(f[5]), 0x01);
  EXPECT_EQ(f[12], 3);
  EXPECT_EQ(f[18], 2);
  auto d = decode_frame(bytes(f));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->version, 0x0102u);
  EXPECT_EQ(d->status, status);
}

std::string delta(std::uint64_t from, std::uint64_t to, const std::vector<std::uint8_t>& before,
                  const std::vector<std::uint8_t>& after) {
  std::vector<SeatChange> changes;
  append_changes(before, after, 0, changes);
  return encode_delta(from, to, changes);
}

TEST(SeatStreamCodec, DeltaCarriesOnlyChangedSeats) {
  std::vector<std::uint8_t> a(1000, 0), b(1000, 0);
  b[7] = 1;
  b[999] = 2;
  auto f = delta(5, 9, a, b);
  EXPECT_EQ(f.size(), kDeltaHeader + 2 * 5);
  auto d = decode_frame(bytes(f));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->type, kFrameDelta);
  EXPECT_EQ(d->from_version, 5u);
  EXPECT_EQ(d->version, 9u);
  ASSERT_EQ(d->changes.size(), 2u);
  EXPECT_EQ(d->changes[1].seat, 999u);
  EXPECT_EQ(d->changes[1].status, 2);
}

TEST(SeatStreamCodec, MirrorAppliesDeltasAndDetectsGaps) {
  std::vector<std::uint8_t> v0(10, 0), v1 = v0, v2 = v0;
  v1[3] = 1;
  v2[3] = 2;
  v2[4] = 1;
  SeatMirror m;
  EXPECT_FALSE(m.apply(*decode_frame(bytes(delta(0, 1, v0, v1)))));  // no snapshot yet
  ASSERT_TRUE(m.apply(*decode_frame(bytes(encode_snapshot(1, v1)))));
  ASSERT_TRUE(m.apply(*decode_frame(bytes(delta(1, 2, v1, v2)))));
  EXPECT_EQ(m.status(), v2);
  EXPECT_EQ(m.version(), 2u);
  EXPECT_FALSE(m.apply(*decode_frame(bytes(delta(3, 4, v2, v2)))));  // gap: 2 -> 3 missing
  EXPECT_FALSE(m.synced());
  EXPECT_TRUE(m.apply(*decode_frame(bytes(encode_snapshot(4, v2)))));
}

TEST(SeatStreamCodec, RejectsTruncatedFrames) {
  std::vector<std::uint8_t> s(4, 0);
  auto f = encode_snapshot(1, s);
  f.pop_back();
  EXPECT_FALSE(decode_frame(bytes(f)));
  EXPECT_FALSE(decode_frame(bytes(std::string("\x07\x01\x00\x00", 4))));
}

}  // namespace
}  // namespace traffic_master::engine
