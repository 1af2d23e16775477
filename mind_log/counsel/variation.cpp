#include "mind_log/counsel/variation.hpp"

namespace mind_log::counsel {

std::uint64_t LineChooser::next() {
  // xorshift64*: small, fast, and good enough to vary wording.
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return state_ * 0x2545F4914F6CDD1Dull;
}

std::size_t LineChooser::pick(std::string_view slot, std::size_t n) {
  if (n <= 1) return 0;
  auto it = last_.find(slot);
  std::size_t choice = next() % n;
  if (it != last_.end() && choice == it->second) choice = (choice + 1 + next() % (n - 1)) % n;
  if (it == last_.end()) last_.emplace(std::string(slot), choice);
  else it->second = choice;
  return choice;
}

}  // namespace mind_log::counsel
