#pragma once
// The embedded-mode journal of one waiting room: an append-only file of JournalRecord lines
// (format in docs/waiting-room.md). Each record is written with one write(2) before the
// change is acknowledged, so it survives a process crash; sync() (fdatasync, called by the
// gate's ticker every tick) bounds what a power loss can take to one tick.
//
// append() runs under the room's mutex; sync() may run concurrently from the ticker without
// it (fdatasync does not block write(2) callers, so joins never wait for the disk).
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "platform/core/error.hpp"
#include "traffic_master/queue/journal.hpp"

namespace traffic_master::service {

class WaitingRoomJournalFile final : public queue::JournalSink {
 public:
  // Opens (creating) the file for appending. Errors: "journal-io" 500.
  static platform::Result<std::unique_ptr<WaitingRoomJournalFile>> open(const std::string& path);
  // Reads every complete record; a torn last line (crash mid-write) is ignored.
  static platform::Result<std::vector<queue::JournalRecord>> load(const std::string& path);
  ~WaitingRoomJournalFile() override;

  void append(const queue::JournalRecord& record) override;
  void sync();

 private:
  explicit WaitingRoomJournalFile(int fd) : fd_(fd) {}
  int fd_;
  std::atomic<bool> dirty_{false};
};

}  // namespace traffic_master::service
