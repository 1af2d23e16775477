#pragma once
// Waiting-room journal: every state change of a room is one record, appended before the
// change is acknowledged, so replaying the records rebuilds the room exactly (everyone keeps
// their place). Heartbeats and shopper activity are deliberately not journaled: they are too
// frequent, and a restart simply grants everyone a fresh heartbeat/idle window.
//
// Line format (docs/waiting-room.md): fields separated by one TAB, record ends with "\n":
//   <type> TAB <at_ms> [TAB <field>]...
// Fields never contain TAB, LF or spaces: account/device ids are validated to printable
// ASCII without spaces before they reach the room, receipts/jtis are base64url, seeds hex.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/clock.hpp"

namespace traffic_master::queue {

struct JournalRecord {
  std::string type;  // seed | join | drop | open | admit | finish | expire | leave | phase
  platform::Millis at_ms = 0;
  std::vector<std::string> fields;

  std::string encode() const;                                 // one line, with the trailing LF
  void encode_into(std::string& line) const;                  // same, into a reused buffer
  static std::optional<JournalRecord> decode(std::string_view line);  // without the LF
};

// Where records go. The embedded service appends to a file with fsync batching; tests keep
// them in memory. Not synchronised: called by the room under its owner's serialisation.
class JournalSink {
 public:
  virtual ~JournalSink() = default;
  virtual void append(const JournalRecord& record) = 0;
};

class MemoryJournal final : public JournalSink {
 public:
  void append(const JournalRecord& record) override { records.push_back(record); }
  std::vector<JournalRecord> records;
};

}  // namespace traffic_master::queue
