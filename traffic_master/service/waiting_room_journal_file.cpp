#include "traffic_master/service/waiting_room_journal_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>

namespace traffic_master::service {
namespace {

platform::Error io_error(const std::string& what) {
  return {"journal-io", 500, "Cannot open the waiting-room journal", what + ": " + std::strerror(errno)};
}

// Length of the complete records in `text`: up to and including its last LF before the zero
// bytes of preallocated space. Anything between that LF and the zeros is a torn record.
std::size_t records_end(std::string_view text) {
  auto last = text.find_last_not_of('\0');
  if (last == std::string_view::npos) return 0;
  auto lf = text.rfind('\n', last);
  return lf == std::string_view::npos ? 0 : lf + 1;
}

std::string read_all(int fd) {
  std::string text;
  char buf[1 << 16];
  for (;;) {
    auto n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

}  // namespace

platform::Result<std::unique_ptr<WaitingRoomJournalFile>> WaitingRoomJournalFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(io_error(path));
  auto text = read_all(fd);
  auto end = records_end(text);
  // A torn record would otherwise be glued to the next one; zero it (the tail past it is
  // zero already).
  auto torn = text.find_last_not_of('\0');
  if (torn != std::string::npos && torn >= end) {
    std::string zeros(torn + 1 - end, '\0');
    if (::pwrite(fd, zeros.data(), zeros.size(), static_cast<off_t>(end)) != static_cast<ssize_t>(zeros.size())) {
      auto e = io_error(path);
      ::close(fd);
      return std::unexpected(e);
    }
  }
  return std::unique_ptr<WaitingRoomJournalFile>(new WaitingRoomJournalFile(fd, end));
}

platform::Result<std::vector<queue::JournalRecord>> WaitingRoomJournalFile::load(const std::string& path) {
  std::vector<queue::JournalRecord> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out;  // no journal yet: a new room
  std::string text((std::istreambuf_iterator<char>(in)), {});
  text.resize(records_end(text));  // drops preallocated zeros and a torn final write
  std::size_t start = 0;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
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
  if (map_) ::munmap(map_, map_length_);
  // A cleanly closed journal holds its records only; then they reach the disk.
  if (::ftruncate(fd_, static_cast<off_t>(end_)) == 0) dirty_.store(true);
  sync();
  ::close(fd_);
}

void WaitingRoomJournalFile::reserve(std::size_t n) {
  if (map_ && end_ + n <= map_offset_ + map_length_) return;
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  auto offset = end_ / page * page;
  auto length = (end_ - offset + n + kChunkBytes) / kChunkBytes * kChunkBytes;
  // Losing a journal record would let a restart forget a place: stop rather than limp on.
  int rc = ::posix_fallocate(fd_, static_cast<off_t>(offset), static_cast<off_t>(length));
  if (rc != 0) std::abort();
  void* p = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, static_cast<off_t>(offset));
  if (p == MAP_FAILED) std::abort();
  if (map_) ::munmap(map_, map_length_);
  map_ = static_cast<char*>(p);
  map_offset_ = offset;
  map_length_ = length;
}

void WaitingRoomJournalFile::append(const queue::JournalRecord& record) {
  record.encode_into(line_);
  reserve(line_.size());
  char* at = map_ + (end_ - map_offset_);
  std::memcpy(at, line_.data(), line_.size() - 1);
  // The LF marks the line complete: keep the compiler from storing it before the rest (a
  // crash between the stores must leave a torn line, not a whole line with zeros inside).
  std::atomic_signal_fence(std::memory_order_seq_cst);
  at[line_.size() - 1] = '\n';
  end_ += line_.size();
  dirty_.store(true, std::memory_order_release);
}

void WaitingRoomJournalFile::sync() {
  // Clear first: a record appended during the sync sets it again and is synced next time.
  if (!dirty_.exchange(false, std::memory_order_acq_rel)) return;
  ::fdatasync(fd_);
}

}  // namespace traffic_master::service
