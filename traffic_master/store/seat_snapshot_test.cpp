#include "traffic_master/store/seat_snapshot.hpp"

#include <gtest/gtest.h>

namespace traffic_master::store {
namespace {

constexpr std::size_t K = ChunkedStatus::kChunkSeats;

std::vector<std::uint64_t> marks(std::initializer_list<std::size_t> chunks, std::size_t seats) {
  std::vector<std::uint64_t> bits((seats / K + 64) / 64, 0);
  for (auto c : chunks) bits[c / 64] |= std::uint64_t{1} << (c % 64);
  return bits;
}

TEST(ChunkedStatus, CopiesChangedChunksAndSharesTheRest) {
  std::vector<std::uint8_t> seats(3 * K + 100, 0);  // the last chunk is partial
  auto first = ChunkedStatus::update(nullptr, seats, {});
  ASSERT_EQ(first.size(), seats.size());
  ASSERT_EQ(first.chunk_count(), 4u);
  EXPECT_EQ(first.chunk(3).size(), 100u);

  seats[K + 5] = 1;
  seats[3 * K + 99] = 2;
  auto second = ChunkedStatus::update(&first, seats, marks({1, 3}, seats.size()));
  EXPECT_TRUE(second.shares_chunk(first, 0));
  EXPECT_FALSE(second.shares_chunk(first, 1));
  EXPECT_TRUE(second.shares_chunk(first, 2));
  EXPECT_FALSE(second.shares_chunk(first, 3));
  EXPECT_EQ(second[K + 5], 1);
  EXPECT_EQ(second[3 * K + 99], 2);
  EXPECT_EQ(first[K + 5], 0);  // an earlier snapshot never changes
  EXPECT_EQ(second.bytes(), seats);
  auto changes = second.changes_since(first);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].seat, K + 5);
  EXPECT_EQ(changes[0].status, 1);
  EXPECT_EQ(changes[1].seat, 3 * K + 99);
  EXPECT_EQ(changes[1].status, 2);
}

TEST(ChunkedStatus, AChangeOutsideTheMarkedChunksIsNotPickedUp) {
  // The engine marks every chunk it changes; this pins down that unmarked chunks are shared,
  // not re-read, which is what makes a snapshot cheap.
  std::vector<std::uint8_t> seats(2 * K, 0);
  auto first = ChunkedStatus::update(nullptr, seats, {});
  seats[0] = 1;
  auto second = ChunkedStatus::update(&first, seats, marks({}, seats.size()));
  EXPECT_EQ(second[0], 0);
  auto third = ChunkedStatus::update(&first, seats, marks({0}, seats.size()));
  EXPECT_EQ(third[0], 1);
}

}  // namespace
}  // namespace traffic_master::store
