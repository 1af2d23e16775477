#include "mind_log/counsel/text.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace mind_log::counsel {

std::string_view to_string(Language lang) {
  switch (lang) {
    case Language::en: return "en";
    case Language::ko: return "ko";
    case Language::other: return "other";
    case Language::unknown: return "unknown";
  }
  return "unknown";
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 < 0x80) { ++i; return b0; }
  if ((b0 & 0xE0) == 0xC0) {
    const int c1 = cont(1);
    if (c1 >= 0) { i += 2; return (char32_t(b0 & 0x1F) << 6) | char32_t(c1); }
  } else if ((b0 & 0xF0) == 0xE0) {
    const int c1 = cont(1), c2 = c1 >= 0 ? cont(2) : -1;
    if (c2 >= 0) { i += 3; return (char32_t(b0 & 0x0F) << 12) | (char32_t(c1) << 6) | char32_t(c2); }
  } else if ((b0 & 0xF8) == 0xF0) {
    const int c1 = cont(1), c2 = c1 >= 0 ? cont(2) : -1, c3 = c2 >= 0 ? cont(3) : -1;
    if (c3 >= 0) {
      i += 4;
      return (char32_t(b0 & 0x07) << 18) | (char32_t(c1) << 12) | (char32_t(c2) << 6) | char32_t(c3);
    }
  }
  ++i;
  return 0xFFFD;
}

bool is_hangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3131 && c <= 0x318E) || (c >= 0x1100 && c <= 0x11FF);
}

namespace {

bool is_other_letter(char32_t c) {
  return (c >= 0x00C0 && c <= 0x024F) || (c >= 0x0370 && c <= 0x052F) ||  // Latin ext, Greek, Cyrillic
         (c >= 0x0590 && c <= 0x08FF) ||                                   // Hebrew, Arabic
         (c >= 0x0900 && c <= 0x0DFF) || (c >= 0x0E00 && c <= 0x0EFF) ||   // Indic, Thai, Lao
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF);    // kana, Han
}

// Contractions are expanded so negation is always the token "not".
void push_word(std::vector<std::string>& out, std::string w) {
  static const std::array<std::pair<std::string_view, std::string_view>, 22> whole{{
      {"can't", "can not"}, {"cannot", "can not"}, {"won't", "will not"}, {"ain't", "am not"},
      {"i'm", "i am"}, {"im", "i am"}, {"gonna", "going to"}, {"wanna", "want to"},
      {"gotta", "got to"}, {"dont", "do not"}, {"cant", "can not"}, {"didnt", "did not"},
      {"doesnt", "does not"}, {"wont", "will not"}, {"ive", "i have"}, {"kinda", "kind of"},
      {"let's", "let us"}, {"idk", "i do not know"}, {"jk", "kidding"}, {"lmao", "lol"},
      {"lmfao", "lol"}, {"rofl", "lol"}}};
  for (const auto& [from, to] : whole) {
    if (w == from) {
      std::size_t start = 0;
      const std::string_view t = to;
      while (start <= t.size()) {
        const auto sp = t.find(' ', start);
        out.emplace_back(t.substr(start, sp == std::string_view::npos ? t.size() - start : sp - start));
        if (sp == std::string_view::npos) break;
        start = sp + 1;
      }
      return;
    }
  }
  auto ends = [&](std::string_view suf) { return w.size() > suf.size() && w.ends_with(suf); };
  if (ends("n't")) {
    out.push_back(w.substr(0, w.size() - 3));
    out.emplace_back("not");
    return;
  }
  static const std::array<std::pair<std::string_view, std::string_view>, 4> tails{
      {{"'re", "are"}, {"'ve", "have"}, {"'ll", "will"}, {"'d", "would"}}};
  for (const auto& [suf, word] : tails) {
    if (ends(suf)) {
      out.push_back(w.substr(0, w.size() - suf.size()));
      out.emplace_back(word);
      return;
    }
  }
  if (ends("'s")) {
    std::string base = w.substr(0, w.size() - 2);
    static const std::array<std::string_view, 12> is_words{"it", "that", "what", "there", "he", "she",
                                                           "who", "here", "where", "everything",
                                                           "nothing", "everyone"};
    bool verb = false;
    for (auto v : is_words) verb = verb || base == v;
    out.push_back(std::move(base));
    if (verb) out.emplace_back("is");
    return;
  }
  while (!w.empty() && w.back() == '\'') w.pop_back();
  while (!w.empty() && w.front() == '\'') w.erase(w.begin());
  if (w.empty()) return;
  // "hahaha" and "hehe" are one laughing marker however long they are.
  if (w.size() >= 4 && (w.starts_with("haha") || w.starts_with("hehe"))) w = "haha";
  out.push_back(std::move(w));
}

}  // namespace

bool is_laughing_emoji(char32_t c) {
  return c == 0x1F602 || c == 0x1F923 || c == 0x1F606 || c == 0x1F605 || c == 0x1F639;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(char(c));
  } else if (c < 0x800) {
    out.push_back(char(0xC0 | (c >> 6)));
    out.push_back(char(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(char(0xE0 | (c >> 12)));
    out.push_back(char(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(char(0x80 | (c & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (c >> 18)));
    out.push_back(char(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(char(0x80 | (c & 0x3F)));
  }
}

Language detect_language(std::string_view text) {
  std::size_t hangul = 0, latin = 0, other = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (is_hangul(c)) ++hangul;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++latin;
    else if (is_other_letter(c)) ++other;
  }
  // A Hangul syllable carries about as much as three Latin letters.
  if (hangul > 0 && hangul * 3 >= latin && hangul >= other) return Language::ko;
  if (latin > 0 && latin >= other) return Language::en;
  if (other > 0) return Language::other;
  return Language::unknown;
}

Tokens tokenize_en(std::string_view text) {
  Tokens t;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) push_word(t.words, std::move(word));
    word.clear();
  };
  auto boundary = [&](const char* b) {
    flush();
    if (t.words.empty() || (t.words.back() != "." && t.words.back() != "!")) t.words.emplace_back(b);
    else if (std::string_view(b) == "!") t.words.back() = "!";
  };
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (c < 0x80 && std::isalnum(static_cast<unsigned char>(c))) {
      word.push_back(char(std::tolower(static_cast<int>(c))));
    } else if (c == '\'' || c == 0x2019 || c == 0x2018) {
      word.push_back('\'');
    } else if (c == '"' || c == 0x201C || c == 0x201D) {
      flush();
      t.words.emplace_back("\"");
    } else if (c == ',' || c == ';' || c == ':' || c == 0x2014) {
      boundary(".");
    } else if (c == '.' || c == '!' || c == '?' || c == '\n') {
      boundary("!");
    } else if (is_laughing_emoji(c)) {
      flush();
      t.words.emplace_back("lol");
    } else {
      flush();  // spaces, hyphens ("self-harm" -> "self harm"), other scripts
    }
  }
  flush();
  return t;
}

std::string compact_ko(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0) continue;
    if (c == 0x201C || c == 0x201D || c == 0x300C || c == 0x300D || c == '\'' || c == 0x2018 ||
        c == 0x2019) {
      out.push_back('"');
    } else if (c == '\n') {
      out.push_back('.');
    } else if (c < 0x80) {
      out.push_back(char(std::tolower(static_cast<int>(c))));
    } else if (is_laughing_emoji(c)) {
      out += "ㅋㅋ";
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

std::size_t code_point_count(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) next_code_point(text, i);
  return n;
}

}  // namespace mind_log::counsel
