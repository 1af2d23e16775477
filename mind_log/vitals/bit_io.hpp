#pragma once
// Byte and bit level writers/readers for the chunk format (docs/vitals-format.md). Readers
// never read past their input: every get reports failure instead, so a corrupt or hostile
// chunk yields an error and never undefined behaviour.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace mind_log::vitals {

inline std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t u) {
  return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void u64le(std::uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
    out_.append(b, 8);
  }
  void f64(double d) {
    std::uint64_t u;
    std::memcpy(&u, &d, 8);
    u64le(u);
  }
  void bytes(std::string_view b) { out_.append(b); }
  std::string& out() { return out_; }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool u8(std::uint8_t& v) {
    if (pos_ >= in_.size()) return false;
    v = static_cast<std::uint8_t>(in_[pos_++]);
    return true;
  }
  bool varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return false;
      auto b = static_cast<std::uint8_t>(in_[pos_++]);
      // The tenth byte may only carry the top bit of a 64-bit value.
      if (shift == 63 && b > 1) return false;
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  bool u64le(std::uint64_t& v) {
    if (in_.size() - pos_ < 8) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return true;
  }
  bool f64(double& d) {
    std::uint64_t u;
    if (!u64le(u)) return false;
    std::memcpy(&d, &u, 8);
    return true;
  }
  bool bytes(std::size_t n, std::string_view& out) {
    if (in_.size() - pos_ < n) return false;
    out = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  std::size_t remaining() const { return in_.size() - pos_; }
  std::size_t position() const { return pos_; }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

// MSB-first bit stream, as in the Gorilla paper's figures.
class BitWriter {
 public:
  void put(std::uint64_t value, unsigned bits) {  // bits in [0, 64]
    if (bits == 0) return;
    if (bits < 64) value &= (std::uint64_t{1} << bits) - 1;
    unsigned free = 64 - fill_;
    if (bits <= free) {
      acc_ |= bits == 64 ? value : value << (free - bits);
      fill_ += bits;
      if (fill_ == 64) flush_word();
    } else {
      unsigned rest = bits - free;
      acc_ |= value >> rest;
      fill_ = 64;
      flush_word();
      acc_ = value << (64 - rest);
      fill_ = rest;
    }
  }
  void bit(bool b) { put(b ? 1 : 0, 1); }
  // Appends the stream to out, padded with zero bits to a whole byte.
  void finish(std::string& out) {
    out.append(buf_);
    unsigned nbytes = (fill_ + 7) / 8;
    for (unsigned i = 0; i < nbytes; ++i) out.push_back(static_cast<char>(acc_ >> (56 - 8 * i)));
    buf_.clear();
    acc_ = 0;
    fill_ = 0;
  }
  std::size_t bit_count() const { return buf_.size() * 8 + fill_; }

 private:
  void flush_word() {
    for (int i = 7; i >= 0; --i) buf_.push_back(static_cast<char>(acc_ >> (8 * i)));
    acc_ = 0;
    fill_ = 0;
  }
  std::string buf_;
  std::uint64_t acc_ = 0;
  unsigned fill_ = 0;
};

class BitReader {
 public:
  explicit BitReader(std::string_view in) : in_(in) {}
  bool get(unsigned bits, std::uint64_t& v) {  // bits in [0, 64]
    if (bits > in_.size() * 8 - pos_) return false;
    v = 0;
    while (bits > 0) {
      std::size_t byte = pos_ >> 3;
      unsigned off = pos_ & 7;
      unsigned take = 8 - off < bits ? 8 - off : bits;
      std::uint64_t chunk = (static_cast<std::uint8_t>(in_[byte]) >> (8 - off - take)) & ((1u << take) - 1);
      v = (take == 64 ? 0 : v << take) | chunk;
      pos_ += take;
      bits -= take;
    }
    return true;
  }
  bool bit(bool& b) {
    std::uint64_t v;
    if (!get(1, v)) return false;
    b = v != 0;
    return true;
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace mind_log::vitals
