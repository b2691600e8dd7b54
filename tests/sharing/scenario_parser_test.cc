// The scenario loader: each kind of malformed file is refused with its file, line
// and reason; well-formed files load into the core types.
#include <gtest/gtest.h>

#include <string>

#include "formats/scenario.h"
#include "formats/timestamp.h"

namespace tafel::formats {
namespace {

// A valid file; the tests below break one line of it (line numbers in comments).
const std::string kValid =
    "at: 2026-03-01T10:00:00Z\n"                                                                  // 1
    "world:\n"                                                                                    // 2
    "  organisations:\n"                                                                          // 3
    "    - {id: pz, sector: police, secrecy: none, reporting_duty: true, mission: safety}\n"      // 4
    "    - {id: caw, sector: welfare, secrecy: professional, reporting_duty: false, mission: care}\n"  // 5
    "  subjects:\n"                                                                               // 6
    "    - {id: p1, minor: true, vulnerable: false}\n"                                            // 7
    "  consents:\n"                                                                               // 8
    "    - id: c1\n"                                                                              // 9
    "      subject: p1\n"                                                                         // 10
    "      recorded_by: caw\n"                                                                    // 11
    "      recipients: [pz]\n"                                                                    // 12
    "      categories: [identity]\n"                                                              // 13
    "      purposes: [integrity]\n"                                                               // 14
    "      given: 2026-01-01T00:00:00Z\n"                                                         // 15
    "requests:\n"                                                                                 // 16
    "  - id: q1\n"                                                                                // 17
    "    actor: caw\n"                                                                            // 18
    "    recipient: pz\n"                                                                         // 19
    "    subject: p1\n"                                                                           // 20
    "    categories: [identity]\n"                                                                // 21
    "    purpose: integrity\n"                                                                    // 22
    "    expect: {decision: permit, ground: consent}\n";                                          // 23

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

// Parses `text` and returns the error message ("" when it loaded).
std::string error_of(const std::string& text) {
  auto s = parse_scenario(text, "f.yaml");
  return s ? std::string() : s.error().message;
}

TEST(ScenarioParserTest, LoadsAValidFile) {
  auto s = parse_scenario(kValid, "f.yaml");
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->world.organisations.size(), 2u);
  EXPECT_EQ(s->world.organisations[1].secrecy, sharing::Secrecy::professional);
  ASSERT_EQ(s->requests.size(), 1u);
  EXPECT_EQ(s->requests[0].line, 17);
  EXPECT_EQ(s->requests[0].request.actor, 1u);
  EXPECT_EQ(s->requests[0].request.at, *parse_timestamp("2026-03-01T10:00:00Z"));
  EXPECT_EQ(s->world.consents[0].expires, sharing::kNever);
  EXPECT_TRUE(s->requests[0].expect.permit);
}

TEST(ScenarioParserTest, NotYaml) {
  EXPECT_EQ(error_of("world: [unclosed\n  organisations: {"), "f.yaml:2: not valid YAML: end of sequence flow not found");
  EXPECT_NE(error_of("- just\n- a list\n").find("f.yaml:1: expected a scenario"), std::string::npos);
  EXPECT_NE(error_of("").find("expected a scenario"), std::string::npos);
}

TEST(ScenarioParserTest, UnknownIds) {
  EXPECT_EQ(error_of(replace(kValid, "recipient: pz", "recipient: politie")),
            "f.yaml:19: unknown organisation 'politie' in 'recipient'");
  EXPECT_EQ(error_of(replace(kValid, "    subject: p1\n    categories", "    subject: p9\n    categories")), "f.yaml:20: unknown subject 'p9' in 'subject'");
  EXPECT_EQ(error_of(replace(kValid, "recipients: [pz]", "recipients: [pz, parket]")),
            "f.yaml:12: unknown organisation 'parket' in 'recipients'");
  EXPECT_EQ(error_of(replace(kValid, "    purpose: integrity\n", "    purpose: integrity\n    context: {table: t1}\n")),
            "f.yaml:23: unknown table 't1' in 'table'");
}

TEST(ScenarioParserTest, TermsOutsideTheClosedSets) {
  EXPECT_EQ(error_of(replace(kValid, "sector: police", "sector: politie")).substr(0, 47),
            "f.yaml:4: 'politie' is not a valid value for 's");
  EXPECT_NE(error_of(replace(kValid, "categories: [identity]\n    purpose", "categories: [identity, gossip]\n    purpose"))
                .find("f.yaml:21: 'gossip' is not a valid value for 'categories'"),
            std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "purpose: integrity", "purpose: curiosity")).find("f.yaml:22:"), std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "recipients: [pz]", "recipients: [sector:bakery]")).find("f.yaml:12: 'sector:bakery'"),
            std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "ground: consent}", "ground: friendship}")).find("f.yaml:23:"), std::string::npos);
  EXPECT_EQ(error_of(replace(kValid, "decision: permit", "decision: maybe")), "f.yaml:23: 'decision' must be permit or deny");
}

TEST(ScenarioParserTest, MissingRequiredFields) {
  EXPECT_EQ(error_of(replace(kValid, "secrecy: none, ", "")),
            "f.yaml:4: organisation pz is missing the required field 'secrecy'");
  EXPECT_EQ(error_of(replace(kValid, "    purpose: integrity\n", "")),
            "f.yaml:17: request q1 is missing the required field 'purpose'");
  EXPECT_EQ(error_of(replace(kValid, "      given: 2026-01-01T00:00:00Z\n", "")),
            "f.yaml:9: consent c1 is missing the required field 'given'");
  EXPECT_EQ(error_of(replace(kValid, "at: 2026-03-01T10:00:00Z\n", "\n")),
            "f.yaml:17: request q1 has no 'at' and the file has no default 'at'");
  EXPECT_EQ(error_of(replace(kValid, "world:\n", "wereld:\n")), "f.yaml:2: unknown field 'wereld' in scenario");
}

TEST(ScenarioParserTest, WrongTypes) {
  EXPECT_EQ(error_of(replace(kValid, "reporting_duty: true", "reporting_duty: yes please")),
            "f.yaml:4: 'reporting_duty' must be true or false");
  EXPECT_EQ(error_of(replace(kValid, "categories: [identity]\n    purpose", "categories: identity\n    purpose")),
            "f.yaml:21: 'categories' must be a list");
  EXPECT_EQ(error_of(replace(kValid, "    actor: caw", "    actor: [caw]")), "f.yaml:18: 'actor' must be text");
  EXPECT_EQ(error_of(replace(kValid, "  subjects:\n    - {id: p1, minor: true, vulnerable: false}",
                             "  subjects:\n    - p1")),
            "f.yaml:7: expected a subject as a mapping");
}

TEST(ScenarioParserTest, BadTimestamps) {
  EXPECT_EQ(error_of(replace(kValid, "given: 2026-01-01T00:00:00Z", "given: 2026-02-30T00:00:00Z")),
            "f.yaml:15: 'given': the date does not exist");
  EXPECT_EQ(error_of(replace(kValid, "given: 2026-01-01T00:00:00Z", "given: 2026-01-01T10:00:00")),
            "f.yaml:15: 'given': the timestamp needs a time zone (Z or +HH:MM)");
  EXPECT_EQ(error_of(replace(kValid, "at: 2026-03-01T10:00:00Z", "at: yesterday")),
            "f.yaml:1: 'at': expected an ISO 8601 timestamp such as 2026-03-01T10:00:00Z");
}

TEST(ScenarioParserTest, DuplicatesAreRefused) {
  EXPECT_EQ(error_of(replace(kValid, "{id: caw,", "{id: pz,")), "f.yaml:5: duplicate organisation id 'pz'");
  EXPECT_EQ(error_of(replace(kValid, "    actor: caw\n", "    actor: caw\n    actor: pz\n")),
            "f.yaml:19: field 'actor' appears twice");
}

TEST(ScenarioParserTest, LintModeCollectsInvalidTermsAndUnknownParties) {
  const std::string agreement =
      "world:\n"
      "  organisations:\n"
      "    - {id: pz, sector: police, secrecy: none, reporting_duty: true, mission: safety}\n"
      "  agreements:\n"
      "    - id: a1\n"
      "      status: draft\n"
      "      valid_from: 2026-01-01T00:00:00Z\n"
      "      parties: [pz]\n"
      "      rules:\n"
      "        - {id: r1, effect: permit, from: [pz], to: [ghost], categories: [identity, rumours], purposes: [care]}\n";
  EXPECT_FALSE(parse_scenario(agreement, "a.yaml"));
  auto s = parse_scenario(agreement, "a.yaml", {.lint = true});
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->issues.size(), 2u);
  EXPECT_EQ(s->issues[0].code, "unknown_party");
  EXPECT_EQ(s->issues[0].line, 10);
  EXPECT_EQ(s->issues[1].code, "invalid_term");
  EXPECT_EQ(s->world.agreements[0].valid_until, sharing::kNever);
}

TEST(TimestampTest, ParsesAndFormatsIso8601) {
  EXPECT_EQ(*parse_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*parse_timestamp("2026-03-01T10:00:00Z"), 1'772'359'200'000'000LL);
  EXPECT_EQ(*parse_timestamp("2026-03-01T11:00:00+01:00"), *parse_timestamp("2026-03-01T10:00:00Z"));
  EXPECT_EQ(*parse_timestamp("2026-03-01"), *parse_timestamp("2026-03-01T00:00:00Z"));
  EXPECT_EQ(*parse_timestamp("2024-02-29T00:00:00.5Z") % 1'000'000, 500'000);
  EXPECT_EQ(format_timestamp(*parse_timestamp("2026-12-31T23:59:59Z")), "2026-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(*parse_timestamp("1969-12-31T23:59:59.25Z")), "1969-12-31T23:59:59.250000Z");
  for (const char* bad : {"", "2026", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-01-01T24:00:00Z",
                          "2026-01-01T00:00:00", "2026-01-01T00:00:00Zjunk", "2026-01-01T00:00:00.Z",
                          "2026-01-01T00:00:00+1:00"}) {
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
  }
}

}  // namespace
}  // namespace tafel::formats
