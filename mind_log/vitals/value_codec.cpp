#include "mind_log/vitals/value_codec.hpp"

#include <bit>
#include <cmath>
#include <cstring>

#include "mind_log/vitals/int_codec.hpp"

namespace mind_log::vitals {
namespace {

constexpr double kPow10[kMaxDecimalExponent + 1] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
constexpr double kMaxExactInt = 9007199254740992.0;  // 2^53

std::uint64_t bits_of(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, 8);
  return u;
}
double from_bits(std::uint64_t u) {
  double d;
  std::memcpy(&d, &u, 8);
  return d;
}

// k / 10^e is the correctly rounded double nearest the decimal, which is how a parser turns
// the text "72.35" into a double; the decoder performs the same division.
bool exact_at(double v, int e, std::int64_t& k) {
  double scaled = v * kPow10[e];
  if (!(std::fabs(scaled) < kMaxExactInt)) return false;  // also rejects NaN and inf
  k = std::llround(scaled);
  return bits_of(static_cast<double>(k) / kPow10[e]) == bits_of(v);
}

}  // namespace

std::optional<int> to_decimal(std::span<const double> values, std::vector<std::int64_t>& ints) {
  ints.resize(values.size());
  int e = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    // Integers, the common case, without llround: a cast round trip is exact for |v| < 2^53.
    if (e == 0 && std::fabs(v) < kMaxExactInt) {
      auto k = static_cast<std::int64_t>(v);
      if (static_cast<double>(k) == v && (k != 0 || !std::signbit(v))) {
        ints[i] = k;
        continue;
      }
    }
    std::int64_t k;
    if (exact_at(v, e, k)) {
      ints[i] = k;
      continue;
    }
    do {
      if (++e > kMaxDecimalExponent) return std::nullopt;
    } while (!exact_at(v, e, k));
    ints[i] = k;
    // Earlier values were exact at a smaller exponent; rescale them (and re-check, since the
    // bound 2^53 applies to the scaled integers).
    for (std::size_t j = 0; j < i; ++j)
      if (!exact_at(values[j], e, ints[j])) return std::nullopt;
  }
  return e;
}

std::optional<int> decimal_exponent(std::span<const double> values) {
  std::vector<std::int64_t> ints;
  return to_decimal(values, ints);
}

void encode_decimal(std::span<const std::int64_t> ints, std::string& out) {
  ByteWriter w(out);
  std::vector<std::uint64_t> deltas(ints.size() - 1);
  w.varint(zigzag(ints[0]));
  for (std::size_t i = 1; i < ints.size(); ++i) deltas[i - 1] = zigzag(ints[i] - ints[i - 1]);  // |k| < 2^53
  if (!deltas.empty()) encode_uints(deltas, out);
}

bool decode_decimal(ByteReader& in, std::size_t n, int exponent, std::vector<double>& out) {
  if (exponent < 0 || exponent > kMaxDecimalExponent || n == 0) return false;
  std::uint64_t first;
  if (!in.varint(first)) return false;
  std::int64_t k = unzigzag(first);
  out.clear();
  out.reserve(n);
  out.push_back(static_cast<double>(k) / kPow10[exponent]);
  if (n == 1) return true;
  std::vector<std::uint64_t> deltas;
  if (!decode_uints(in, n - 1, deltas)) return false;
  for (auto d : deltas) {
    // Wrapping arithmetic: a corrupt stream may not overflow into undefined behaviour.
    k = static_cast<std::int64_t>(static_cast<std::uint64_t>(k) + static_cast<std::uint64_t>(unzigzag(d)));
    out.push_back(static_cast<double>(k) / kPow10[exponent]);
  }
  return true;
}

// Gorilla XOR: '0' = same as previous; '10' = meaningful bits fit the previous window;
// '11' + 6 bits leading zeros + 6 bits (length - 1) + bits = new window.
void encode_xor(std::span<const double> values, std::string& out) {
  BitWriter bw;
  std::uint64_t prev = bits_of(values[0]);
  bw.put(prev, 64);
  unsigned prev_lead = 65, prev_trail = 0;  // 65: no window yet
  for (std::size_t i = 1; i < values.size(); ++i) {
    std::uint64_t cur = bits_of(values[i]);
    std::uint64_t x = cur ^ prev;
    prev = cur;
    if (x == 0) {
      bw.bit(false);
      continue;
    }
    bw.bit(true);
    unsigned lead = static_cast<unsigned>(std::countl_zero(x));
    unsigned trail = static_cast<unsigned>(std::countr_zero(x));
    if (prev_lead <= 64 && lead >= prev_lead && trail >= prev_trail) {
      bw.bit(false);
      bw.put(x >> prev_trail, 64 - prev_lead - prev_trail);
    } else {
      bw.bit(true);
      unsigned len = 64 - lead - trail;
      bw.put(lead, 6);
      bw.put(len - 1, 6);
      bw.put(x >> trail, len);
      prev_lead = lead;
      prev_trail = trail;
    }
  }
  std::string bits;
  bw.finish(bits);
  ByteWriter w(out);
  w.varint(bits.size());
  w.bytes(bits);
}

bool decode_xor(ByteReader& in, std::size_t n, std::vector<double>& out) {
  std::uint64_t nbytes;
  std::string_view bits;
  if (n == 0 || !in.varint(nbytes) || !in.bytes(nbytes, bits)) return false;
  BitReader br(bits);
  out.clear();
  out.reserve(n);
  std::uint64_t prev;
  if (!br.get(64, prev)) return false;
  out.push_back(from_bits(prev));
  unsigned lead = 65, trail = 0;
  while (out.size() < n) {
    bool changed;
    if (!br.bit(changed)) return false;
    if (changed) {
      bool new_window;
      if (!br.bit(new_window)) return false;
      if (new_window) {
        std::uint64_t l, len;
        if (!br.get(6, l) || !br.get(6, len)) return false;
        len += 1;
        if (l + len > 64) return false;
        lead = static_cast<unsigned>(l);
        trail = static_cast<unsigned>(64 - l - len);
      } else if (lead > 64) {
        return false;  // reuse of a window that was never set
      }
      std::uint64_t meaningful;
      if (!br.get(64 - lead - trail, meaningful)) return false;
      prev ^= trail == 64 ? 0 : meaningful << trail;
    }
    out.push_back(from_bits(prev));
  }
  return true;
}

}  // namespace mind_log::vitals
