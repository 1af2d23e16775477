#include "traffic_master/queue/journal.hpp"

#include <gtest/gtest.h>

using namespace traffic_master::queue;

TEST(Journal, RecordRoundTripsThroughItsLine) {
  JournalRecord r{"join", 1'700'000'000'123, {"acct-1", "dev-9", "abc_DEF-123"}};
  auto line = r.encode();
  EXPECT_EQ(line, "join\t1700000000123\tacct-1\tdev-9\tabc_DEF-123\n");
  auto back = JournalRecord::decode(std::string_view(line).substr(0, line.size() - 1));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->type, "join");
  EXPECT_EQ(back->at_ms, r.at_ms);
  EXPECT_EQ(back->fields, r.fields);
  auto open = JournalRecord::decode("open\t5");
  ASSERT_TRUE(open);
  EXPECT_TRUE(open->fields.empty());
}

TEST(Journal, MalformedLinesAreRejected) {
  EXPECT_FALSE(JournalRecord::decode(""));
  EXPECT_FALSE(JournalRecord::decode("join"));
  EXPECT_FALSE(JournalRecord::decode("join\tnot-a-number\ta"));
  EXPECT_FALSE(JournalRecord::decode("\t5"));
  EXPECT_FALSE(JournalRecord::decode("join\t12x"));
}
