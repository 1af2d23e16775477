#include "mind_log/vitals/int_codec.hpp"

#include <algorithm>
#include <bit>

namespace mind_log::vitals {
namespace {

struct Selector {
  unsigned count;
  unsigned width;
};
// Selector index = the 4-bit tag in the top of each word. 0 and 1 are runs of zeros.
constexpr Selector kSelectors[16] = {{240, 0}, {120, 0}, {60, 1}, {30, 2}, {20, 3}, {15, 4},
                                     {12, 5},  {10, 6},  {8, 7},  {7, 8},  {6, 10}, {5, 12},
                                     {4, 15},  {3, 20},  {2, 30}, {1, 60}};
constexpr std::size_t kBlock = 128;

unsigned bit_width(std::uint64_t v) { return static_cast<unsigned>(std::bit_width(v)); }

}  // namespace

bool simple8b_encode(std::span<const std::uint64_t> values, std::string& out) {
  ByteWriter w(out);
  std::vector<std::uint64_t> words;
  words.reserve(values.size() / 8 + 1);
  std::size_t i = 0;
  const std::size_t n = values.size();
  while (i < n) {
    // Try selectors from fewest to most values per word; the widths shrink as the counts grow,
    // so the first one that fails bounds the search (later ones need >= the same max).
    int best = -1;
    std::size_t scanned = 0;
    unsigned max_bits = 0;
    for (int s = 15; s >= 0; --s) {
      std::size_t want = std::min<std::size_t>(kSelectors[s].count, n - i);
      while (scanned < want) max_bits = std::max(max_bits, bit_width(values[i + scanned++]));
      if (max_bits > kSelectors[s].width) break;
      best = s;
      if (want < kSelectors[s].count) break;  // the tail fits; denser selectors add nothing
    }
    if (best < 0) return false;  // a value needs more than 60 bits
    // At the tail several selectors may hold the rest; prefer the densest one that fits.
    const Selector sel = kSelectors[best];
    std::size_t take = std::min<std::size_t>(sel.count, n - i);
    std::uint64_t word = static_cast<std::uint64_t>(best) << 60;
    for (std::size_t k = 0; k < take && sel.width > 0; ++k) word |= values[i + k] << (k * sel.width);
    words.push_back(word);
    i += take;
  }
  w.varint(words.size());
  for (auto word : words) w.u64le(word);
  return true;
}

std::size_t bitpack128_size(std::span<const std::uint64_t> values) {
  std::size_t total = 0;
  for (std::size_t b = 0; b < values.size(); b += kBlock) {
    std::size_t len = std::min(kBlock, values.size() - b);
    std::uint64_t acc = 0;
    for (std::size_t k = 0; k < len; ++k) acc |= values[b + k];
    total += 1 + (len * bit_width(acc) + 7) / 8;
  }
  return total;
}

void bitpack128_encode(std::span<const std::uint64_t> values, std::string& out) {
  for (std::size_t b = 0; b < values.size(); b += kBlock) {
    std::size_t len = std::min(kBlock, values.size() - b);
    std::uint64_t acc_or = 0;
    for (std::size_t k = 0; k < len; ++k) acc_or |= values[b + k];
    unsigned width = bit_width(acc_or);
    out.push_back(static_cast<char>(width));
    if (width == 0) continue;
    // Little-endian bit order: value k occupies bits [k*width, (k+1)*width) of the block.
    unsigned __int128 acc = 0;
    unsigned fill = 0;
    for (std::size_t k = 0; k < len; ++k) {
      acc |= static_cast<unsigned __int128>(values[b + k]) << fill;
      fill += width;
      while (fill >= 8) {
        out.push_back(static_cast<char>(static_cast<std::uint8_t>(acc)));
        acc >>= 8;
        fill -= 8;
      }
    }
    if (fill > 0) out.push_back(static_cast<char>(static_cast<std::uint8_t>(acc)));
  }
}

void encode_uints(std::span<const std::uint64_t> values, std::string& out) {
  std::uint64_t any = 0;
  for (auto v : values) any |= v;
  if (any == 0) {  // a steady clock: 1 byte per 128 values, simple8b cannot beat it
    out.push_back(static_cast<char>(IntPacking::bitpack128));
    bitpack128_encode(values, out);
    return;
  }
  std::string s8;
  bool s8_ok = simple8b_encode(values, s8);
  if (s8_ok && s8.size() <= bitpack128_size(values)) {
    out.push_back(static_cast<char>(IntPacking::simple8b));
    out.append(s8);
  } else {
    out.push_back(static_cast<char>(IntPacking::bitpack128));
    bitpack128_encode(values, out);
  }
}

bool decode_uints(ByteReader& in, std::size_t n, std::vector<std::uint64_t>& out) {
  std::uint8_t kind;
  if (!in.u8(kind)) return false;
  out.clear();
  out.reserve(n);
  if (kind == static_cast<std::uint8_t>(IntPacking::simple8b)) {
    std::uint64_t nwords;
    if (!in.varint(nwords) || nwords > in.remaining() / 8) return false;
    for (std::uint64_t w = 0; w < nwords; ++w) {
      std::uint64_t word = 0;
      if (!in.u64le(word)) return false;
      const Selector sel = kSelectors[word >> 60];
      std::size_t take = std::min<std::size_t>(sel.count, n - out.size());
      if (take == 0) return false;  // words beyond the stream length
      std::uint64_t mask = sel.width == 0 ? 0 : (std::uint64_t{1} << sel.width) - 1;
      for (std::size_t k = 0; k < take; ++k) out.push_back(sel.width == 0 ? 0 : (word >> (k * sel.width)) & mask);
    }
    return out.size() == n;
  }
  if (kind == static_cast<std::uint8_t>(IntPacking::bitpack128)) {
    while (out.size() < n) {
      std::size_t len = std::min(kBlock, n - out.size());
      std::uint8_t width;
      if (!in.u8(width) || width > 64) return false;
      std::string_view block;
      if (!in.bytes((len * width + 7) / 8, block)) return false;
      if (width == 0) {
        out.insert(out.end(), len, 0);
        continue;
      }
      unsigned __int128 acc = 0;
      unsigned fill = 0;
      std::size_t pos = 0;
      const unsigned __int128 mask = (static_cast<unsigned __int128>(1) << width) - 1;
      for (std::size_t k = 0; k < len; ++k) {
        while (fill < width) {
          acc |= static_cast<unsigned __int128>(static_cast<std::uint8_t>(block[pos++])) << fill;
          fill += 8;
        }
        out.push_back(static_cast<std::uint64_t>(acc & mask));
        acc >>= width;
        fill -= width;
      }
    }
    return true;
  }
  return false;
}

}  // namespace mind_log::vitals
