// The waiting-room journal file: records survive a reopen and a crash (the file then ends in
// preallocated zeros), a torn last line is ignored and overwritten, growth crosses chunks.
#include "traffic_master/service/waiting_room_journal_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using traffic_master::queue::JournalRecord;
using traffic_master::service::WaitingRoomJournalFile;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  TempDir() : path(fs::temp_directory_path() / ("journal-file-test-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
  fs::path path;
};

JournalRecord join(int i) { return {"join", 1000 + i, {"acct-" + std::to_string(i), "dev", "r" + std::to_string(i)}}; }

std::vector<JournalRecord> load_ok(const std::string& path) {
  auto r = WaitingRoomJournalFile::load(path);
  EXPECT_TRUE(r) << (r ? "" : r.error().detail);
  return r ? *r : std::vector<JournalRecord>{};
}

}  // namespace

TEST(WaitingRoomJournalFile, RecordsSurviveAReopenAndTheFileHoldsOnlyRecords) {
  TempDir dir;
  auto path = dir.file("ev.journal");
  std::string expected;
  {
    auto f = WaitingRoomJournalFile::open(path);
    ASSERT_TRUE(f);
    for (int i = 0; i < 3; ++i) {
      (*f)->append(join(i));
      expected += join(i).encode();
    }
  }
  EXPECT_EQ(fs::file_size(path), expected.size());
  {
    auto f = WaitingRoomJournalFile::open(path);
    ASSERT_TRUE(f);
    (*f)->append(join(3));
    expected += join(3).encode();
  }
  std::ifstream in(path, std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), {}), expected);
  auto records = load_ok(path);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[3].fields, join(3).fields);
}

TEST(WaitingRoomJournalFile, ACrashLeavesPreallocatedZerosThatLoadAndReopenSkip) {
  TempDir dir;
  auto path = dir.file("ev.journal"), crashed = dir.file("crashed.journal");
  {
    auto f = WaitingRoomJournalFile::open(path);
    ASSERT_TRUE(f);
    (*f)->append(join(0));
    (*f)->append(join(1));
    // What a kill -9 leaves: the page cache's view of the file while it is still mapped.
    fs::copy_file(path, crashed);
  }
  EXPECT_EQ(fs::file_size(crashed), WaitingRoomJournalFile::kChunkBytes);
  EXPECT_EQ(load_ok(crashed).size(), 2u);
  {
    auto f = WaitingRoomJournalFile::open(crashed);
    ASSERT_TRUE(f);
    (*f)->append(join(2));
  }
  auto records = load_ok(crashed);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].fields[0], "acct-2");
  EXPECT_EQ(fs::file_size(crashed), fs::file_size(path) + join(2).encode().size());
}

TEST(WaitingRoomJournalFile, ATornLastLineIsIgnoredThenOverwritten) {
  TempDir dir;
  auto path = dir.file("ev.journal");
  {
    std::ofstream out(path, std::ios::binary);
    out << join(0).encode() << "join\t1001\tacct-1\tde" << std::string(100, '\0');
  }
  EXPECT_EQ(load_ok(path).size(), 1u);
  {
    auto f = WaitingRoomJournalFile::open(path);
    ASSERT_TRUE(f);
    (*f)->append(join(5));
  }
  auto records = load_ok(path);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, join(5).fields);
}

TEST(WaitingRoomJournalFile, AppendsCrossChunkBoundaries) {
  TempDir dir;
  auto path = dir.file("ev.journal"), crashed = dir.file("crashed.journal");
  const int n = 80'000;  // about 2.6 MiB: three chunks
  std::size_t bytes = 0;
  {
    auto f = WaitingRoomJournalFile::open(path);
    ASSERT_TRUE(f);
    for (int i = 0; i < n; ++i) {
      (*f)->append(join(i));
      bytes += join(i).encode().size();
    }
    (*f)->sync();
    fs::copy_file(path, crashed);
  }
  ASSERT_GT(bytes, 2 * WaitingRoomJournalFile::kChunkBytes);
  EXPECT_EQ(fs::file_size(path), bytes);
  auto records = load_ok(path);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(records[n - 1].fields[0], "acct-" + std::to_string(n - 1));
  EXPECT_EQ(load_ok(crashed).size(), static_cast<std::size_t>(n));
}

TEST(WaitingRoomJournalFile, ABadLineInTheMiddleIsCorruption) {
  TempDir dir;
  auto path = dir.file("ev.journal");
  {
    std::ofstream out(path, std::ios::binary);
    out << join(0).encode() << "garbage\n" << join(1).encode();
  }
  auto r = WaitingRoomJournalFile::load(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "journal-corrupt");
}
