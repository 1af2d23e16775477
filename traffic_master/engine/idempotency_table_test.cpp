#include "traffic_master/engine/idempotency_table.hpp"

#include <gtest/gtest.h>

namespace traffic_master::engine {
namespace {

IdempotencyEntry entry(std::uint64_t target) { return {CommandKind::hold, target * 7, target, 0}; }

TEST(IdempotencyTable, FindsByAccountAndKey) {
  IdempotencyTable t(10);
  t.insert(1, "k", entry(1));
  t.insert(2, "k", entry(2));  // the same key text under another account is another key
  ASSERT_NE(t.find(1, "k"), nullptr);
  EXPECT_EQ(t.find(1, "k")->target, 1u);
  EXPECT_EQ(t.find(2, "k")->target, 2u);
  EXPECT_EQ(t.find(3, "k"), nullptr);
  EXPECT_EQ(t.find(1, "K"), nullptr);
  EXPECT_EQ(t.find(1, ""), nullptr);
}

TEST(IdempotencyTable, GrowsPastItsSizeAndKeepsKeyTextsInPlace) {
  IdempotencyTable t(4);  // room for 64 slots: grows several times below
  std::vector<const std::string*> texts;
  for (std::uint32_t i = 0; i < 5000; ++i)
    texts.push_back(&t.insert(i % 7, "key-" + std::to_string(i), entry(i)));
  EXPECT_EQ(t.size(), 5000u);
  for (std::uint32_t i = 0; i < 5000; ++i) {
    auto* e = t.find(i % 7, "key-" + std::to_string(i));
    ASSERT_NE(e, nullptr) << i;
    EXPECT_EQ(e->target, i);
    EXPECT_EQ(*texts[i], "key-" + std::to_string(i));  // journal records point at these
    EXPECT_EQ(t.find((i + 1) % 7, "key-" + std::to_string(i)), nullptr);
  }
}

}  // namespace
}  // namespace traffic_master::engine
