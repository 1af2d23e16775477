// HTTP/1.1 keep-alive load generator for `./dev bench reserve`.
//
// Why not wrk: the reservation flow chains requests (a hold's answer names the hold the next
// request pays for), which in wrk means a Lua callback that receives every response body; that
// cost about twice the client CPU per request of a plain /healthz run, on the same two cores
// as the server, so the ratio measured the load generator as much as the server. Here both
// scenarios run through the same small C++ client, so the ratio compares like with like.
//
//   reserve_load --port P --scenario healthz|reserve [--tokens FILE] [--connections 1000]
//                [--threads 2] [--seconds 8] [--warmup-seconds 1] [--rate 0]
//
// reserve: each connection alternates a best-available hold of two seats (category P4) and a
// payment with the approve test card for the hold it got back.
// --rate 0: closed loop, each connection sends its next request when the answer arrives.
// --rate R: R requests/s offered in total; each connection schedules its requests at random
// intervals (uniform, mean connections / R) and sends at the scheduled time, or at once when
// the previous answer came later. Latency is timed from the scheduled time, not the actual
// send, so a slow server cannot hide its backlog (no coordinated omission); the same as wrk2.
// Without --rate, latency is timed from the send.
// Prints one JSON line: rps, p50_ms, p99_ms, errors, requests.
#include <boost/asio.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  std::string scenario = "healthz";
  std::string tokens_file;
  int connections = 1000;
  int threads = 2;
  double seconds = 8;
  double warmup_seconds = 1;
  double rate = 0;
};

struct Account {
  std::string name, token;
};

// Measured results of one thread; merged at the end.
struct Tally {
  std::vector<std::uint32_t> latencies_us;
  std::uint64_t errors = 0;
};

struct Shared {
  Options opt;
  std::vector<Account> accounts;
  Clock::time_point measure_from, measure_until;
  std::atomic<bool> stop{false};
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::io_context& ioc, Shared& shared, Tally& tally, int id)
      : socket_(ioc), timer_(ioc), shared_(shared), tally_(tally), id_(id), rng_(static_cast<unsigned>(id) * 7919u + 1) {}

  void start(const tcp::endpoint& ep) {
    socket_.async_connect(ep, [self = shared_from_this()](boost::system::error_code ec) {
      if (ec) {
        std::fprintf(stderr, "connect: %s\n", ec.message().c_str());
        return;
      }
      self->socket_.set_option(tcp::no_delay(true));
      self->scheduled_at_ = Clock::now();
      if (self->shared_.opt.rate > 0) self->schedule_next();  // spread the first requests too
      if (self->scheduled_at_ <= Clock::now()) return self->send();
      self->timer_.expires_at(self->scheduled_at_);
      self->timer_.async_wait([self](boost::system::error_code ec) {
        if (!ec) self->send();
      });
    });
  }

 private:
  // Appends into out_, which keeps its capacity between requests: the client's own cost per
  // request is charged to the same two cores as the server's, so it allocates nothing here.
  void build_request() {
    out_.clear();
    if (shared_.opt.scenario == "healthz") {
      out_ = "GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n";
      return;
    }
    ++counter_;
    std::string_view body;
    const Account* account;
    if (!pending_hold_.empty()) {
      account = &shared_.accounts[pending_account_];
      body = R"({"card_number":"4242424242424242"})";
      out_.append("POST /api/v1/events/demo-concert/holds/").append(pending_hold_).append("/payment");
      pending_hold_.clear();
    } else {
      // Each connection cycles through its own accounts (id, id + connections, ...), so the
      // per-account ticket limit is spread evenly rather than hit by a few accounts first.
      auto stride = static_cast<std::size_t>(shared_.opt.connections);
      pending_account_ = (static_cast<std::size_t>(id_) + stride * ++holds_) % shared_.accounts.size();
      account = &shared_.accounts[pending_account_];
      body = R"({"category":"P4","count":2})";
      out_.append("POST /api/v1/events/demo-concert/holds/best-available");
    }
    char digits[48];
    out_.append(" HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer ").append(account->token);
    out_.append("\r\nIdempotency-Key: c");
    out_.append(digits, std::to_chars(digits, digits + 20, id_).ptr).append("-");
    out_.append(digits, std::to_chars(digits, digits + 20, counter_).ptr);
    out_.append("\r\nContent-Type: application/json\r\nContent-Length: ");
    out_.append(digits, std::to_chars(digits, digits + 20, body.size()).ptr).append("\r\n\r\n").append(body);
  }

  void send() {
    if (shared_.stop.load(std::memory_order_relaxed)) return;
    build_request();
    sent_at_ = shared_.opt.rate > 0 ? scheduled_at_ : Clock::now();
    asio::async_write(socket_, asio::buffer(out_), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
      if (ec) return self->fail(ec);
      self->in_.clear();
      self->read();
    });
  }

  void read() {
    socket_.async_read_some(asio::buffer(in_buf_),
                            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                              if (ec) return self->fail(ec);
                              self->in_.append(self->in_buf_.data(), n);
                              if (!self->complete()) return self->read();
                              self->answered();
                            });
  }

  // True once the whole response (head + Content-Length body) is in in_.
  bool complete() {
    auto head_end = in_.find("\r\n\r\n");
    if (head_end == std::string::npos) return false;
    std::size_t length = 0;
    auto at = find_header(in_, head_end, "content-length:");
    if (at != std::string::npos) {
      while (at < head_end && in_[at] == ' ') ++at;
      std::from_chars(in_.data() + at, in_.data() + head_end, length);
    }
    if (in_.size() < head_end + 4 + length) return false;
    status_ = 0;
    if (in_.size() > 12) std::from_chars(in_.data() + 9, in_.data() + 12, status_);
    body_ = std::string_view(in_).substr(head_end + 4, length);
    return true;
  }

  static std::size_t find_header(const std::string& s, std::size_t head_end, std::string_view lower_name) {
    for (std::size_t pos = s.find("\r\n"); pos != std::string::npos && pos < head_end; pos = s.find("\r\n", pos + 2)) {
      std::size_t start = pos + 2;
      if (start + lower_name.size() > head_end) break;
      bool match = true;
      for (std::size_t i = 0; i < lower_name.size() && match; ++i)
        match = static_cast<char>(std::tolower(static_cast<unsigned char>(s[start + i]))) == lower_name[i];
      if (match) return start + lower_name.size();
    }
    return std::string::npos;
  }

  void answered() {
    auto now = Clock::now();
    if (now >= shared_.measure_from && now < shared_.measure_until) {
      tally_.latencies_us.push_back(
          static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(now - sent_at_).count()));
      if (status_ < 200 || status_ >= 300) {
        // The first few answers that were not 2xx, so a failing run says why.
        if (tally_.errors++ < 3)
          std::fprintf(stderr, "HTTP %d: %.*s\n", status_, static_cast<int>(std::min<std::size_t>(body_.size(), 300)),
                       body_.data());
      }
    }
    if (status_ == 201 && body_.find("\"order_id\"") == std::string_view::npos) {
      // A new hold: the next request pays for it.
      constexpr std::string_view marker = "\"hold_id\":\"";
      if (auto p = body_.find(marker); p != std::string_view::npos) {
        auto start = p + marker.size();
        pending_hold_ = std::string(body_.substr(start, body_.find('"', start) - start));
      }
    }
    if (shared_.opt.rate <= 0) return send();
    schedule_next();
    if (scheduled_at_ <= Clock::now()) return send();  // behind schedule: no pause
    timer_.expires_at(scheduled_at_);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec) self->send();
    });
  }

  void schedule_next() {
    double mean_us = 1e6 * shared_.opt.connections / shared_.opt.rate;
    std::uniform_real_distribution<double> interval(0, 2 * mean_us);
    scheduled_at_ += std::chrono::microseconds(static_cast<long>(interval(rng_)));
  }

  void fail(boost::system::error_code ec) {
    if (shared_.stop.load()) return;
    ++tally_.errors;
    std::fprintf(stderr, "connection %d: %s\n", id_, ec.message().c_str());
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  Shared& shared_;
  Tally& tally_;
  int id_;
  std::minstd_rand rng_;
  std::size_t counter_ = 0;
  std::size_t holds_ = 0;
  std::string pending_hold_;
  std::size_t pending_account_ = 0;
  std::string out_, in_;
  std::array<char, 8192> in_buf_;
  int status_ = 0;
  std::string_view body_;
  Clock::time_point sent_at_;
  Clock::time_point scheduled_at_;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--host") o.host = v;
    else if (k == "--port") o.port = static_cast<unsigned short>(std::stoi(v));
    else if (k == "--scenario") o.scenario = v;
    else if (k == "--tokens") o.tokens_file = v;
    else if (k == "--connections") o.connections = std::stoi(v);
    else if (k == "--threads") o.threads = std::stoi(v);
    else if (k == "--seconds") o.seconds = std::stod(v);
    else if (k == "--warmup-seconds") o.warmup_seconds = std::stod(v);
    else if (k == "--rate") o.rate = std::stod(v);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return false;
    }
  }
  if (argc % 2 == 0 || o.port == 0 || (o.scenario != "healthz" && o.scenario != "reserve") || o.connections < 1 ||
      o.threads < 1) {
    std::fprintf(stderr, "usage: reserve_load --port P --scenario healthz|reserve [--tokens FILE] ...\n");
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Shared shared;
  if (!parse(argc, argv, shared.opt)) return 2;
  const auto& opt = shared.opt;
  if (opt.scenario == "reserve") {
    std::ifstream in(opt.tokens_file);
    Account a;
    while (in >> a.name >> a.token) shared.accounts.push_back(a);
    if (shared.accounts.empty()) {
      std::fprintf(stderr, "reserve needs --tokens FILE with 'account token' lines\n");
      return 2;
    }
  }
  tcp::endpoint ep(asio::ip::make_address(opt.host), opt.port);
  auto start = Clock::now();
  shared.measure_from = start + std::chrono::milliseconds(static_cast<long>(opt.warmup_seconds * 1000));
  shared.measure_until = shared.measure_from + std::chrono::milliseconds(static_cast<long>(opt.seconds * 1000));

  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<Tally> tallies(static_cast<std::size_t>(opt.threads));
  for (int t = 0; t < opt.threads; ++t) contexts.push_back(std::make_unique<asio::io_context>(1));
  for (int c = 0; c < opt.connections; ++c) {
    auto t = static_cast<std::size_t>(c % opt.threads);
    std::make_shared<Connection>(*contexts[t], shared, tallies[t], c)->start(ep);
  }
  std::vector<std::thread> threads;
  for (auto& ioc : contexts) threads.emplace_back([&ioc] { ioc->run(); });
  std::this_thread::sleep_until(shared.measure_until);
  shared.stop = true;
  for (auto& ioc : contexts) ioc->stop();
  for (auto& t : threads) t.join();

  std::vector<std::uint32_t> all;
  std::uint64_t errors = 0;
  for (auto& t : tallies) {
    all.insert(all.end(), t.latencies_us.begin(), t.latencies_us.end());
    errors += t.errors;
  }
  std::sort(all.begin(), all.end());
  auto pct = [&](double q) {
    if (all.empty()) return 0.0;
    return all[std::min(all.size() - 1, static_cast<std::size_t>(q * static_cast<double>(all.size())))] / 1000.0;
  };
  std::printf("{\"rps\":%.2f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"errors\":%llu,\"requests\":%zu}\n",
              static_cast<double>(all.size()) / opt.seconds, pct(0.50), pct(0.99),
              static_cast<unsigned long long>(errors), all.size());
  return 0;
}
