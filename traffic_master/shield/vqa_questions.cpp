#include "traffic_master/shield/vqa_questions.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <vector>

namespace traffic_master::shield {
namespace {

constexpr double kRelationMargin = 15;  // pixels: closer than this to the anchor is ambiguous

enum class Relation { none, left, right, above, below };

struct Filter {
  std::optional<Colour> colour;
  std::optional<Colour> colour_or;  // "red or blue"
  std::optional<Colour> not_colour;
  std::optional<Shape> shape;
  std::optional<bool> large;
  bool matches(const SceneObject& o) const {
    if (colour && !(o.colour == *colour || (colour_or && o.colour == *colour_or))) return false;
    if (not_colour && o.colour == *not_colour) return false;
    if (shape && o.shape != *shape) return false;
    if (large && o.large != *large) return false;
    return true;
  }
};

// Korean topic particle: 은 after a final consonant, 는 after a vowel.
std::string topic(std::string_view word) {
  // Last UTF-8 code point (Hangul syllables are 3 bytes).
  if (word.size() >= 3) {
    auto b = reinterpret_cast<const unsigned char*>(word.data() + word.size() - 3);
    if ((b[0] & 0xF0) == 0xE0) {
      unsigned cp = ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
      if (cp >= 0xAC00 && cp <= 0xD7A3) return std::string(word) + (((cp - 0xAC00) % 28) ? "은" : "는");
    }
  }
  return std::string(word) + "은";
}

std::string colour_noun_ko(Colour c) {
  static constexpr std::string_view names[] = {"빨간색", "파란색", "초록색", "노란색", "보라색", "주황색"};
  return std::string(names[static_cast<int>(c)]);
}

std::string_view relation_en(Relation r) {
  switch (r) {
    case Relation::left: return "left of";
    case Relation::right: return "right of";
    case Relation::above: return "above";
    case Relation::below: return "below";
    default: return "";
  }
}
std::string_view relation_ko(Relation r) {
  switch (r) {
    case Relation::left: return "왼쪽";
    case Relation::right: return "오른쪽";
    case Relation::above: return "위쪽";
    case Relation::below: return "아래쪽";
    default: return "";
  }
}

// Signed distance of o from the anchor along the relation (positive: o satisfies it).
double along(Relation r, const SceneObject& o, const SceneObject& a) {
  switch (r) {
    case Relation::left: return a.x - o.x;
    case Relation::right: return o.x - a.x;
    case Relation::above: return a.y - o.y;
    case Relation::below: return o.y - a.y;
    default: return 0;
  }
}

// Counts objects matching `f` (and the relation to `anchor`); nullopt when ambiguous.
std::optional<int> count(const Scene& s, const Filter& f, Relation rel, int anchor) {
  int n = 0;
  for (int i = 0; i < static_cast<int>(s.objects.size()); ++i) {
    const auto& o = s.objects[static_cast<std::size_t>(i)];
    if (i == anchor || !f.matches(o)) continue;
    if (rel == Relation::none) {
      ++n;
      continue;
    }
    double d = along(rel, o, s.objects[static_cast<std::size_t>(anchor)]);
    if (std::abs(d) < kRelationMargin) return std::nullopt;
    if (d > 0) ++n;
  }
  return n;
}

std::string plural_en(Shape s) { return std::string(shape_name_en(s)) + "s"; }

}  // namespace

Question random_question(const Scene& scene, Lang lang, SceneRng& rng, bool accessible) {
  const bool ko = lang == Lang::ko;
  const int n = static_cast<int>(scene.objects.size());
  for (int attempt = 0; attempt < 200; ++attempt) {
    int family = rng.below(kTemplateFamilies);
    auto colour = static_cast<Colour>(rng.below(kColourCount));
    auto colour2 = static_cast<Colour>(rng.below(kColourCount));
    auto shape = static_cast<Shape>(rng.below(kShapeCount));
    bool large = rng.chance(0.5);
    // Anchors are real objects, so the question is always about something in the picture.
    int anchor = n ? rng.below(n) : 0;
    const SceneObject* a = n ? &scene.objects[static_cast<std::size_t>(anchor)] : nullptr;
    auto rel = static_cast<Relation>(1 + rng.below(accessible ? 2 : 4));
    Filter f;
    Relation used = Relation::none;
    std::string text;
    std::string cen(colour_name_en(colour)), cko(colour_name_ko(colour));
    std::string sen(shape_name_en(shape)), sko(shape_name_ko(shape));
    std::string aen, ako;
    if (a) {
      aen = "the " + std::string(colour_name_en(a->colour)) + " " + std::string(shape_name_en(a->shape));
      ako = std::string(colour_name_ko(a->colour)) + " " + std::string(shape_name_ko(a->shape));
    }
    std::string id;
    switch (family) {
      case 0:
        id = "count-colour-shape";
        f.colour = colour;
        f.shape = shape;
        text = ko ? topic(cko + " " + sko) + " 몇 개입니까?" : "How many " + cen + " " + plural_en(shape) + " are there?";
        break;
      case 1:
        id = "count-colour";
        f.colour = colour;
        text = ko ? cko + " 도형은 몇 개입니까?" : "How many " + cen + " shapes are there?";
        break;
      case 2:
        id = "count-shape";
        f.shape = shape;
        text = ko ? topic(sko) + " 모두 몇 개입니까?" : "How many " + plural_en(shape) + " are there?";
        break;
      case 3:
        id = "relative-colour-shape";
        f.colour = colour;
        f.shape = shape;
        used = rel;
        text = ko ? ako + "의 " + std::string(relation_ko(rel)) + "에 있는 " + topic(cko + " " + sko) + " 몇 개입니까?"
                  : "How many " + cen + " " + plural_en(shape) + " are " + std::string(relation_en(rel)) + " " + aen + "?";
        break;
      case 4:
        id = "relative-colour";
        f.colour = colour;
        used = rel;
        text = ko ? ako + "의 " + std::string(relation_ko(rel)) + "에 있는 " + cko + " 도형은 몇 개입니까?"
                  : "How many " + cen + " shapes are " + std::string(relation_en(rel)) + " " + aen + "?";
        break;
      case 5:
        id = "relative-any";
        used = rel;
        text = ko ? ako + "의 " + std::string(relation_ko(rel)) + "에 있는 도형은 몇 개입니까?"
                  : "How many shapes are " + std::string(relation_en(rel)) + " " + aen + "?";
        break;
      case 6:
        id = "count-size-colour";
        f.colour = colour;
        f.large = large;
        text = ko ? std::string(large ? "큰 " : "작은 ") + cko + " 도형은 몇 개입니까?"
                  : "How many " + std::string(large ? "large " : "small ") + cen + " shapes are there?";
        break;
      case 7:
        id = "count-not-colour";
        f.not_colour = colour;
        text = ko ? colour_noun_ko(colour) + "이 아닌 도형은 몇 개입니까?" : "How many shapes are not " + cen + "?";
        break;
      case 8:
        if (colour2 == colour) continue;
        id = "count-two-colours";
        f.colour = colour;
        f.colour_or = colour2;
        text = ko ? colour_noun_ko(colour) + " 또는 " + colour_noun_ko(colour2) + "인 도형은 몇 개입니까?"
                  : "How many shapes are " + cen + " or " + std::string(colour_name_en(colour2)) + "?";
        break;
      default:
        id = "count-size-shape";
        f.shape = shape;
        f.large = large;
        text = ko ? topic(std::string(large ? "큰 " : "작은 ") + sko) + " 몇 개입니까?"
                  : "How many " + std::string(large ? "large " : "small ") + plural_en(shape) + " are there?";
        break;
    }
    if (used != Relation::none) {
      if (!a) continue;
      // The anchor must be the only object of its colour and shape.
      int same = 0;
      for (const auto& o : scene.objects) same += (o.colour == a->colour && o.shape == a->shape);
      if (same != 1) continue;
    }
    auto answer = count(scene, f, used, used == Relation::none ? -1 : anchor);
    if (!answer) continue;
    // Mostly non-zero answers: "0" is a cheap guess for a bot.
    if (*answer == 0 && !rng.chance(0.1)) continue;
    return {id, text, *answer};
  }
  // Always well defined: the total.
  return {"count-all", ko ? "도형은 모두 몇 개입니까?" : "How many shapes are there in total?", n};
}

std::string describe_scene(const Scene& scene, Lang lang) {
  std::vector<const SceneObject*> order;
  for (const auto& o : scene.objects) order.push_back(&o);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->x < b->x; });
  const bool ko = lang == Lang::ko;
  std::string out = ko ? "왼쪽부터 차례로: " : "From left to right: ";
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& o = *order[i];
    double rel_y = o.y / scene.height;
    if (i) out += ko ? ", " : "; ";
    if (ko) {
      out += std::string(o.large ? "큰 " : "작은 ") + std::string(colour_name_ko(o.colour)) + " " +
             std::string(shape_name_ko(o.shape)) + (rel_y < 0.33 ? "(위)" : rel_y > 0.67 ? "(아래)" : "(가운데)");
    } else {
      out += std::string(o.large ? "a large " : "a small ") + std::string(colour_name_en(o.colour)) + " " +
             std::string(shape_name_en(o.shape)) + (rel_y < 0.33 ? " near the top" : rel_y > 0.67 ? " near the bottom" : " in the middle");
    }
  }
  out += ".";
  return out;
}

std::optional<int> parse_answer(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '.' || c == '\n') continue;
    s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (std::string_view suffix : {"개입니다", "개요", "개"}) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) {
      s.resize(s.size() - suffix.size());
      break;
    }
  }
  if (s.empty()) return std::nullopt;
  if (s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::stoi(s);
  static const std::vector<std::pair<std::string_view, int>> words = {
      {"zero", 0}, {"none", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
      {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
      {"없음", 0}, {"영", 0}, {"공", 0}, {"하나", 1}, {"한", 1}, {"일", 1}, {"둘", 2}, {"두", 2}, {"이", 2},
      {"셋", 3}, {"세", 3}, {"삼", 3}, {"넷", 4}, {"네", 4}, {"사", 4}, {"다섯", 5}, {"오", 5}, {"여섯", 6},
      {"육", 6}, {"일곱", 7}, {"칠", 7}, {"여덟", 8}, {"팔", 8}, {"아홉", 9}, {"구", 9}, {"열", 10}, {"십", 10}};
  for (const auto& [w, v] : words)
    if (s == w) return v;
  return std::nullopt;
}

}  // namespace traffic_master::shield
