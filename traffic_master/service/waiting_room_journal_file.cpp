#include "traffic_master/service/waiting_room_journal_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>

namespace traffic_master::service {

platform::Result<std::unique_ptr<WaitingRoomJournalFile>> WaitingRoomJournalFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return platform::fail("journal-io", 500, "Cannot open the waiting-room journal", std::strerror(errno));
  return std::unique_ptr<WaitingRoomJournalFile>(new WaitingRoomJournalFile(fd));
}

platform::Result<std::vector<queue::JournalRecord>> WaitingRoomJournalFile::load(const std::string& path) {
  std::vector<queue::JournalRecord> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out;  // no journal yet: a new room
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::size_t start = 0;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string::npos) break;  // torn final write
    auto record = queue::JournalRecord::decode(std::string_view(text).substr(start, nl - start));
    if (!record)
      return platform::fail("journal-corrupt", 500, "Waiting-room journal is corrupt",
                            path + ": bad line at byte " + std::to_string(start));
    out.push_back(std::move(*record));
    start = nl + 1;
  }
  return out;
}

WaitingRoomJournalFile::~WaitingRoomJournalFile() {
  sync();
  ::close(fd_);
}

void WaitingRoomJournalFile::append(const queue::JournalRecord& record) {
  auto line = record.encode();
  const char* p = line.data();
  std::size_t left = line.size();
  while (left) {
    auto n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    // Losing a journal record would let a restart forget a place: stop rather than limp on.
    if (n <= 0) std::abort();
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  dirty_.store(true, std::memory_order_release);
}

void WaitingRoomJournalFile::sync() {
  // Clear first: a record appended during the sync sets it again and is synced next time.
  if (!dirty_.exchange(false, std::memory_order_acq_rel)) return;
  ::fdatasync(fd_);
}

}  // namespace traffic_master::service
