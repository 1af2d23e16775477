#include "mind_log/counsel/safety_assess.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace mind_log::counsel {
namespace {

int run(std::vector<std::string> args, const std::string& input, std::string& output) {
  std::istringstream in(input);
  std::ostringstream out, err;
  const auto code = run_safety_command(args, in, out, err);
  output = out.str();
  return code.value_or(-1);
}

TEST(SafetyAssess, OneJsonLinePerMessage) {
  std::string out;
  EXPECT_EQ(run({"safety", "assess"}, "배고파 죽겠다\nI want to die\n\nlol I want to die\n", out), 0);
  EXPECT_EQ(out,
            "{\"level\":\"none\",\"language\":\"ko\",\"reasons\":[],\"third_party\":false}\n"
            "{\"level\":\"elevated\",\"language\":\"en\",\"reasons\":[\"ideation\"],\"third_party\":false}\n"
            "{\"level\":\"none\",\"language\":\"unknown\",\"reasons\":[],\"third_party\":false}\n"
            "{\"level\":\"low\",\"language\":\"en\",\"reasons\":[\"ideation\",\"joke\"],\"third_party\":false}\n");
}

TEST(SafetyAssess, ConversationModeCarriesHistory) {
  std::string independent, conversation;
  const std::string lines = "I want to die.\nI have everything I need now.\n";
  run({"safety", "assess"}, lines, independent);
  run({"safety", "assess", "--conversation"}, lines, conversation);
  EXPECT_NE(independent.find("\"none\""), std::string::npos);
  EXPECT_NE(conversation.find("\"imminent\""), std::string::npos);
}

TEST(SafetyAssess, JsonLinesAndBadInput) {
  std::string out;
  EXPECT_EQ(run({"safety", "assess", "--json"},
                "{\"text\":\"Still feel the same.\",\"history\":[\"I don't want to live anymore.\"]}\nnot json\n", out),
            1);
  EXPECT_NE(out.find("\"elevated\""), std::string::npos);
  EXPECT_NE(out.find("{\"error\":\"invalid-line\"}"), std::string::npos);
  EXPECT_EQ(run({"safety", "assess"}, "\xc3\x28\n", out), 1);
  EXPECT_EQ(out, "{\"error\":\"invalid-encoding\"}\n");
  EXPECT_EQ(run({"safety", "nope"}, "", out), 2);
  EXPECT_EQ(run({"journal"}, "", out), -1);  // not ours
}

}  // namespace
}  // namespace mind_log::counsel
