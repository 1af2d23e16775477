#include "mind_log/governance/audit_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "platform/core/encoding.hpp"
#include "platform/crypto/primitives.hpp"

namespace mind_log::governance {
namespace json = boost::json;

ChainedLine chain_line(std::string_view prev_hash_hex, std::uint64_t seq, platform::Millis at, std::string_view event,
                       std::string_view user_id, const json::object& fields) {
  json::object o;
  o["seq"] = seq;
  o["at"] = at;
  o["event"] = event;
  o["user"] = user_id;
  o["fields"] = fields;
  o["prev"] = prev_hash_hex;
  std::string body = json::serialize(o);
  auto prev_raw = platform::hex_decode(prev_hash_hex);
  std::string input = prev_raw.value_or(std::string(32, '\0')) + body;
  std::string hash = platform::hex_encode(platform::crypto::sha256(input));
  return ChainedLine{hash + " " + body, hash};
}

platform::Result<AuditReport> verify_audit_text(std::string_view text) {
  AuditReport report;
  report.head_hash = std::string(kGenesisHash);
  std::uint64_t line_no = 0;
  auto broken = [&](std::string why) {
    return platform::fail("audit-chain-broken", 500, "Audit chain is broken",
                          "line " + std::to_string(line_no) + ": " + why);
  };
  while (!text.empty()) {
    ++line_no;
    auto nl = text.find('\n');
    if (nl == std::string_view::npos) return broken("missing line end (truncated write)");
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    if (line.size() < 66 || line[64] != ' ') return broken("not '<hash> <json>'");
    std::string_view hash = line.substr(0, 64);
    std::string_view body = line.substr(65);
    auto prev_raw = platform::hex_decode(report.head_hash);
    std::string expected = platform::hex_encode(platform::crypto::sha256(*prev_raw + std::string(body)));
    if (!platform::crypto::constant_time_equal(expected, hash)) return broken("hash does not match content");
    boost::system::error_code ec;
    auto v = json::parse(body, ec);
    if (ec || !v.is_object()) return broken("event is not a JSON object");
    auto& o = v.as_object();
    auto* seq = o.if_contains("seq");
    auto* prev = o.if_contains("prev");
    if (!seq || !seq->is_number() || seq->to_number<std::uint64_t>() != line_no) return broken("sequence gap");
    if (!prev || !prev->is_string() || prev->as_string() != report.head_hash)
      return broken("prev does not name the previous line");
    report.head_hash = std::string(hash);
    report.lines = line_no;
  }
  return report;
}

platform::Result<AuditReport> verify_audit_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return platform::fail("audit-io", 500, "Audit log unreadable", path + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  return verify_audit_text(ss.str());
}

AuditLog::AuditLog(std::string path, int fd, const platform::Clock& clock, AuditReport head)
    : path_(std::move(path)), fd_(fd), clock_(clock), seq_(head.lines), head_(std::move(head.head_hash)) {}

AuditLog::~AuditLog() { ::close(fd_); }

platform::Result<std::unique_ptr<AuditLog>> AuditLog::open(const std::string& path, const platform::Clock& clock) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return platform::fail("audit-io", 500, "Audit log unwritable", path + ": " + std::strerror(errno));
  auto report = verify_audit_file(path);
  if (!report) {
    ::close(fd);
    return std::unexpected(report.error());
  }
  return std::unique_ptr<AuditLog>(new AuditLog(path, fd, clock, *report));
}

platform::Result<void> AuditLog::append(std::string_view event, std::string_view user_id, json::object fields) {
  std::lock_guard lock(mutex_);
  auto next = chain_line(head_, seq_ + 1, clock_.now_ms(), event, user_id, fields);
  next.line.push_back('\n');
  std::string_view data = next.line;
  while (!data.empty()) {
    ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return platform::fail("audit-io", 500, "Audit log unwritable", std::strerror(errno));
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fdatasync(fd_) != 0) return platform::fail("audit-io", 500, "Audit log unwritable", std::strerror(errno));
  ++seq_;
  head_ = next.hash_hex;
  return {};
}

std::uint64_t AuditLog::lines() const {
  std::lock_guard lock(mutex_);
  return seq_;
}

}  // namespace mind_log::governance
