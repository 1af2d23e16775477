#include "mind_log/counsel/safety_assess.hpp"

#include <boost/json.hpp>
#include <iostream>

#include "mind_log/counsel/counsellor.hpp"
#include "mind_log/counsel/risk_classifier.hpp"

namespace mind_log::counsel {

namespace {

boost::json::object to_json(const RiskAssessment& a) {
  boost::json::array reasons;
  for (const auto& r : a.reasons) reasons.emplace_back(r);
  return {{"level", to_string(a.level)},
          {"language", to_string(a.language)},
          {"reasons", std::move(reasons)},
          {"third_party", a.third_party_concern}};
}

}  // namespace

std::optional<int> run_safety_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                                      std::ostream& err) {
  if (args.empty() || args[0] != "safety") return std::nullopt;
  if (args.size() < 2 || args[1] != "assess") {
    err << "usage: mind-log safety assess [--conversation | --json] < messages.txt\n";
    return 2;
  }
  bool conversation = false, json_lines = false;
  for (std::size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--conversation") conversation = true;
    else if (args[i] == "--json") json_lines = true;
    else if (args[i] == "--help" || args[i] == "-h") {
      err << "usage: mind-log safety assess [--conversation | --json] < messages.txt\n"
             "  one message per line in, one JSON object per line out: level none|low|elevated|imminent\n";
      return 0;
    } else {
      err << "unknown option " << args[i] << "\n";
      return 2;
    }
  }
  const RiskClassifier classifier;
  ConversationRisk conv;
  int code = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto fail = [&](std::string_view c) {
      out << boost::json::serialize(boost::json::object{{"error", c}}) << "\n";
      code = 1;
    };
    std::string text = line;
    ConversationRisk history = conversation ? conv : ConversationRisk{};
    if (json_lines) {
      boost::system::error_code ec;
      auto v = boost::json::parse(line, ec);
      const auto* o = ec ? nullptr : v.if_object();
      const auto* t = o ? o->if_contains("text") : nullptr;
      if (!t || !t->is_string()) {
        fail("invalid-line");
        continue;
      }
      text = std::string(t->as_string());
      if (const auto* h = o->if_contains("history"); h && h->is_array()) {
        for (const auto& item : h->as_array()) {
          if (item.is_string()) history.observe(classifier.assess(std::string(item.as_string()), history));
        }
      }
    }
    if (text.empty()) {  // an empty line is a message with no risk, not an error
      out << boost::json::serialize(to_json(classifier.assess("", history))) << "\n";
      continue;
    }
    if (auto valid = validate_message(text); !valid) {
      fail(valid.error().code);
      continue;
    }
    const auto a = classifier.assess(text, history);
    if (conversation) conv.observe(a);
    out << boost::json::serialize(to_json(a)) << "\n";
  }
  out.flush();
  return code;
}

std::optional<int> run_safety_command(const std::vector<std::string>& args) {
  std::ios::sync_with_stdio(false);
  return run_safety_command(args, std::cin, std::cout, std::cerr);
}

}  // namespace mind_log::counsel
