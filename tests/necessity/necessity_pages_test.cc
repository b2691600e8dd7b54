// The state-of-necessity pages and the DPO queue through the router `tafel serve`
// builds (cli::build_router), on SQLite, without sockets: what each user receives.
// A member is told why not while a condition is missing and nothing is recorded; the
// completed checklist records the report and puts it in the DPO's queue; the DPO asks,
// the member answers on their report, the DPO accepts and the member sees it; nobody
// else reads the report; the navigation shows each role its own entry.

#include <gtest/gtest.h>

#include "web/pages_fixture.h"

namespace tafel {
namespace {

using web_test::Browser;
using web_test::count;
using web_test::form_escape;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class NecessityPagesTest : public web_test::PagesTest {
 protected:
  std::string claim(bool complete) {
    return "ground=necessity&case=&recipient=" + std::to_string(org_b_) +
           "&categories=identity&purpose=integrity&danger=serious_imminent&higher_value=" +
           form_escape("Het leven van een kind") + (complete ? "&other_means_exhausted=1" : "") +
           "&tried=" + form_escape("Gesprek met de ouders") + "&reasoning=" + form_escape("Hij dreigt vanavond.");
  }
};

TEST_F(NecessityPagesTest, AMemberIsToldWhyNotThenReportsAndTheDpoReviews) {
  Browser member = login("member@a.example");
  auto form = send(member, "GET", "/necessity/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "Art. 458bis Criminal Code: you may inform the public prosecutor"));
  EXPECT_TRUE(contains(form.body, R"(action="/necessity/new")"));

  // Other means not yet exhausted: the engine's reason, nothing recorded.
  auto refused = send(member, "POST", "/necessity/new", claim(false));
  ASSERT_EQ(refused.status, 200);
  EXPECT_TRUE(contains(refused.body, R"(data-decision="deny")"));
  EXPECT_TRUE(contains(refused.body, "Nothing was shared or recorded"));
  EXPECT_TRUE(contains(refused.body, "Gesprek met de ouders"));  // the form keeps what was typed
  EXPECT_TRUE(contains(send(member, "GET", "/necessity").body, R"(id="no-reports")"));

  auto made = send(member, "POST", "/necessity/new", claim(true));
  ASSERT_EQ(made.status, 303) << made.body;
  const std::string location(made.header("location"));
  ASSERT_TRUE(location.starts_with("/necessity/")) << location;
  const std::string report_path = location.substr(0, location.find('?'));
  auto report = send(member, "GET", location);
  ASSERT_EQ(report.status, 200);
  EXPECT_TRUE(contains(report.body, "Your report is recorded and put before your organisation"));
  EXPECT_TRUE(contains(report.body, "Hij dreigt vanavond."));
  EXPECT_TRUE(contains(report.body, "The disclosure is submitted to the data protection officer for review."));
  EXPECT_TRUE(contains(send(member, "GET", "/necessity").body, "Submitted, awaiting the DPO"));

  // Nobody but the author and the DPO of the organisation reads it.
  EXPECT_EQ(send(login("admin@a.example"), "GET", report_path).status, 403);
  EXPECT_EQ(send(login("member@b.example"), "GET", report_path).status, 403);
  EXPECT_EQ(send(login("member@b.example"), "GET", "/dpo/reviews").status, 403);
  EXPECT_EQ(send(member, "GET", "/dpo/reviews").status, 403);

  Browser dpo = login("dpo@a.example");
  auto queue = send(dpo, "GET", "/dpo/reviews");
  ASSERT_EQ(queue.status, 200);
  EXPECT_EQ(count(queue.body, "href=\"/dpo/reviews/"), 1);
  const std::string review_path = "/dpo/reviews/" + web_test::text_after(queue.body, "href=\"/dpo/reviews/", '"');
  auto review = send(dpo, "GET", review_path);
  ASSERT_EQ(review.status, 200);
  EXPECT_TRUE(contains(review.body, "Hij dreigt vanavond."));
  EXPECT_TRUE(contains(review.body, "member " + std::to_string(org_a_)));  // the author, by name
  auto asked = send(dpo, "POST", review_path + "/question", "question=" + form_escape("Wie werd al ingeschakeld?"));
  ASSERT_EQ(asked.status, 303);

  auto to_answer = send(member, "GET", report_path);
  EXPECT_TRUE(contains(to_answer.body, "Wie werd al ingeschakeld?"));
  EXPECT_TRUE(contains(to_answer.body, R"(id="send-answer")"));
  EXPECT_TRUE(contains(send(member, "GET", "/necessity").body, "The DPO asked a question"));
  auto answered = send(member, "POST", report_path + "/answer", "answer=" + form_escape("Het CLB en de huisarts."));
  ASSERT_EQ(answered.status, 303);
  EXPECT_EQ(send(member, "POST", report_path + "/answer", "answer=nog").status, 409);  // no open question

  EXPECT_TRUE(contains(send(dpo, "GET", review_path).body, "Het CLB en de huisarts."));
  ASSERT_EQ(send(dpo, "POST", review_path + "/accept").status, 303);
  EXPECT_TRUE(contains(send(member, "GET", "/necessity").body, ">Accepted<"));
  auto closed = send(dpo, "GET", review_path);
  EXPECT_FALSE(contains(closed.body, R"(id="accept")"));
}

TEST_F(NecessityPagesTest, Art458bisWithoutAMinorVictimIsRefusedWithTheReason) {
  Browser member = login("member@a.example");
  member.lang = "nl";
  auto refused = send(member, "POST", "/necessity/new",
                      "ground=art_458bis&recipient=" + std::to_string(org_b_) +
                          "&categories=identity&purpose=integrity&danger=serious_imminent&cannot_protect=1&reasoning=x");
  ASSERT_EQ(refused.status, 200);
  EXPECT_TRUE(contains(refused.body, R"(data-decision="deny")"));
  EXPECT_TRUE(contains(refused.body, "Deze grond geldt (nog) niet"));
  EXPECT_FALSE(contains(refused.body, "sharing.reason."));  // every reason translated
}

TEST_F(NecessityPagesTest, APermitWithoutReasoningAsksForItAndRecordsNothing) {
  Browser member = login("member@a.example");
  std::string body = claim(true);
  body = body.substr(0, body.find("&reasoning="));
  auto r = send(member, "POST", "/necessity/new", body + "&reasoning=");
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "Write your reasoning"));
  EXPECT_TRUE(contains(send(member, "GET", "/necessity").body, R"(id="no-reports")"));
}

TEST_F(NecessityPagesTest, EveryPageSpeaksEveryLanguageWithoutLeakedKeys) {
  Browser member = login("member@a.example");
  ASSERT_EQ(send(member, "POST", "/necessity/new", claim(true)).status, 303);
  Browser dpo = login("dpo@a.example");
  auto queue = send(dpo, "GET", "/dpo/reviews");
  const std::string review = "/dpo/reviews/" + web_test::text_after(queue.body, "href=\"/dpo/reviews/", '"');
  const std::string report = "/necessity/" + web_test::text_after(send(member, "GET", "/necessity").body,
                                                                   "class=\"govuk-link\" href=\"/necessity/", '"');
  for (std::string lang : {"nl", "fr", "en"}) {
    member.lang = dpo.lang = lang;
    for (const auto& [who, path] : std::vector<std::pair<Browser*, std::string>>{
             {&member, "/necessity"}, {&member, "/necessity/new"}, {&member, report}, {&dpo, "/dpo/reviews"},
             {&dpo, review}}) {
      SCOPED_TRACE(path + " in " + lang);
      auto r = send(*who, "GET", path);
      EXPECT_EQ(r.status, 200);
      EXPECT_FALSE(contains(r.body, "necessity.")) << "a catalog key shows instead of its text";
      EXPECT_FALSE(contains(r.body, "sharing."));
    }
  }
}

TEST_F(NecessityPagesTest, EachRoleSeesItsOwnNavigationEntry) {
  auto member = send(login("member@a.example"), "GET", "/necessity");
  EXPECT_TRUE(contains(member.body, R"(href="/necessity")"));
  EXPECT_FALSE(contains(member.body, R"(href="/dpo/reviews")"));
  auto dpo = send(login("dpo@a.example"), "GET", "/dpo/reviews");
  EXPECT_TRUE(contains(dpo.body, R"(href="/dpo/reviews")"));
  EXPECT_TRUE(contains(dpo.body, ">Reviews<"));
  EXPECT_FALSE(contains(dpo.body, R"(href="/necessity")"));
}

TEST_F(NecessityPagesTest, TheApiRefusesWithReasonsAndRecordsOnAPermit) {
  Browser member = login("member@a.example");
  const std::string base = R"({"ground":"necessity","recipient":)" + std::to_string(org_b_) +
                           R"(,"categories":["identity"],"danger":"serious_imminent","higher_value":"Leven","reasoning":"Acuut")";
  auto refused = send_json(member, "POST", "/api/v1/necessity", base + "}");
  ASSERT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, R"("reasons":["justification_incomplete"])"));
  auto made = send_json(member, "POST", "/api/v1/necessity", base + R"(,"other_means_exhausted":true})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_TRUE(contains(made.body, R"("obligations":["record_reasoning","dpo_review"])"));
  auto mine = send_json(member, "GET", "/api/v1/necessity");
  EXPECT_TRUE(contains(mine.body, R"("state":"pending")"));
  auto queue = send_json(login("dpo@a.example"), "GET", "/api/v1/dpo/reviews");
  ASSERT_EQ(queue.status, 200);
  EXPECT_TRUE(contains(queue.body, R"("kind":"necessity_report")"));
}

}  // namespace
}  // namespace tafel
