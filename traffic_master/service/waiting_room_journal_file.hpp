#pragma once
// The embedded-mode journal of one waiting room: an append-only file of JournalRecord lines
// (format in docs/waiting-room.md).
//
// Records are copied into a shared memory map of the file, so appending is a memcpy, not a
// system call: once copied, a record is in the kernel's page cache and survives a process
// crash exactly as a write(2) would (the journal's promise before the change is
// acknowledged). sync() (fdatasync, called by the gate's ticker every tick) writes the pages
// to disk, bounding what a power loss can take to one tick. The file grows in preallocated
// chunks (fallocate, so a full disk is found at growth, never as SIGBUS on a mapped page);
// the zero bytes after the last record are ignored by load() and cut off when the journal is
// closed. A record's LF is stored after its other bytes, so a line that ends in LF is whole.
//
// append() runs under the room's mutex; sync() may run concurrently from the ticker without
// it (fdatasync does not block the memcpy, so joins never wait for the disk).
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "platform/core/error.hpp"
#include "traffic_master/queue/journal.hpp"

namespace traffic_master::service {

class WaitingRoomJournalFile final : public queue::JournalSink {
 public:
  // Opens (creating) the file for appending after its last complete record (a torn last line
  // is overwritten). Errors: "journal-io" 500.
  static platform::Result<std::unique_ptr<WaitingRoomJournalFile>> open(const std::string& path);
  // Reads every complete record; a torn last line (crash mid-write) and the zero bytes of
  // preallocated space are ignored.
  static platform::Result<std::vector<queue::JournalRecord>> load(const std::string& path);
  ~WaitingRoomJournalFile() override;

  void append(const queue::JournalRecord& record) override;
  void sync();

  static constexpr std::size_t kChunkBytes = 1 << 20;  // growth step of file and mapping

 private:
  WaitingRoomJournalFile(int fd, std::size_t end) : fd_(fd), end_(end) {}
  // Maps a window holding [end_, end_ + n); extends the file first. Aborts when it cannot.
  void reserve(std::size_t n);

  int fd_;
  std::size_t end_;              // bytes of complete records; the next record goes here
  char* map_ = nullptr;          // window [map_offset_, map_offset_ + map_length_) of the file
  std::size_t map_offset_ = 0, map_length_ = 0;
  std::string line_;             // encoding buffer, reused (append is serialised by the room)
  std::atomic<bool> dirty_{false};
};

}  // namespace traffic_master::service
