#pragma once
// Text preparation shared by the risk classifier, the output verifier and the engine.
// English is matched as word tokens (lower case, contractions expanded); Korean is matched as
// "compact" text with the spaces removed, because Korean spacing is inconsistent in chat
// ("죽고싶다" and "죽고 싶다" mean the same) while punctuation still marks sentence ends.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mind_log::counsel {

enum class Language { en, ko, other, unknown };

std::string_view to_string(Language lang);

// Decides by script: Hangul vs Latin letters; any other script (kana, Han, Cyrillic, Arabic...)
// is `other`; digits, emoji and punctuation only is `unknown`.
Language detect_language(std::string_view text);

// Decodes one UTF-8 code point at text[i]; advances i. Invalid bytes decode as U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& i);
bool is_hangul(char32_t c);

// Token boundaries: "." ends a clause (, ; :), "!" ends a sentence (. ! ? newline), "\"" is a
// quotation mark. Laughing emoji become "lol" so jokes are seen in either form.
struct Tokens {
  std::vector<std::string> words;
};
Tokens tokenize_en(std::string_view text);

// Lower-cased ASCII, whitespace removed, quotes normalised to '"', sentence punctuation kept.
std::string compact_ko(std::string_view text);

// 😂 🤣 😆 😅 😹: read as laughter ("lol") by the tokenizers and the risk model.
bool is_laughing_emoji(char32_t c);
// Appends the UTF-8 encoding of one code point.
void append_utf8(std::string& out, char32_t c);

// Number of code points (for length limits that must not depend on the script).
std::size_t code_point_count(std::string_view text);

}  // namespace mind_log::counsel
