#pragma once
// Checks every generated reply before it reaches the person: no diagnoses, no medication or
// dosing advice, no method details, no claim to be human or a licensed professional. Used on
// whole replies (offline engine, fallbacks) and incrementally on streamed provider text.
// Immutable after construction; one instance is shared by all threads.
#include <string>
#include <string_view>
#include <vector>

namespace mind_log::counsel {

enum class Violation { diagnosis, medication, method_detail, human_claim };
std::string_view to_string(Violation v);

struct VerifyResult {
  std::vector<Violation> violations;
  bool ok() const { return violations.empty(); }
  bool has(Violation v) const;
};

class OutputVerifier {
 public:
  OutputVerifier();
  VerifyResult verify(std::string_view reply) const;

  // For streaming: the length of the longest prefix of `text` that may be shown now. Text
  // ending in a partial word that could still complete a forbidden term ("over" -> "overdose",
  // "수면" -> "수면제") is held back until the next chunk decides it. The caller still runs
  // verify() on the released prefix.
  std::size_t releasable_prefix(std::string_view text) const;

 private:
  struct Impl;
  const Impl* impl_;
};

}  // namespace mind_log::counsel
