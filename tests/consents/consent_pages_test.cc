// The consent registry through the router `tafel serve` builds (cli::build_router), on
// a fresh SQLite database, without sockets: what a practitioner receives from the API
// and the pages (the JSON and HTML parsed), what another organisation sees of a case's
// consents, the evidence upload by magic bytes (API and multipart page form), the
// minor's stated age, the expiring-first list and the printable form in French.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "web/pages_fixture.h"

namespace tafel::web_test {
namespace {

namespace json = boost::json;

class ConsentPagesTest : public PagesTest {
 protected:
  void SetUp() override {
    PagesTest::SetUp();
    // Case 7 (a minor) on A's care track and B's safety track; case 8 only A's.
    cases_.put({7, 1, true, true, false, {org_a_}, {org_b_}});
    cases_.put({8, 1, true, false, false, {org_a_}, {}});
  }

  json::object body_of(const http::Response& r) { return json::parse(r.body).as_object(); }

  // GET /api/v1/consents?case=N as `b` (send_json takes no query string).
  http::Response case_list(const Browser& b, int case_id) {
    http::Request request;
    request.method = "GET";
    request.path = "/api/v1/consents";
    request.target = request.path + "?case=" + std::to_string(case_id);
    request.query.emplace("case", std::to_string(case_id));
    request.remote_address = "192.0.2.1";
    request.request_id = "test";
    request.headers.emplace_back("accept", "application/json");
    request.headers.emplace_back("cookie", "tafel_session=" + b.cookie);
    return router_.dispatch(request);
  }

  // Records a consent for `case_id` as `b` through the API; returns its id.
  std::int64_t record(const Browser& b, int case_id, const std::string& until = "") {
    std::string body = R"({"case":)" + std::to_string(case_id) + R"(,"recipients":["org:)" + std::to_string(org_b_) +
                       R"("],"categories":["identity"],"purposes":["care"])" +
                       (until.empty() ? "" : R"(,"valid_until":")" + until + "\"") + "}";
    auto r = send_json(b, "POST", "/api/v1/consents", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? body_of(r).at("id").as_int64() : 0;
  }

  std::string day_after(int days) {
    auto at = std::chrono::floor<std::chrono::days>(clock_.now()) + std::chrono::days(days);
    std::chrono::year_month_day ymd{at};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return out;
  }
};

TEST_F(ConsentPagesTest, TheApiRecordsGivesOnlyWithEvidenceAndWithdraws) {
  Browser a = login("member@a.example");
  std::int64_t id = record(a, 7);
  std::string one = "/api/v1/consents/" + std::to_string(id);
  EXPECT_EQ(body_of(send_json(a, "GET", one)).at("state").as_string(), "dpv:ConsentRequested");

  auto without = send_json(a, "POST", one + "/give", R"({"giver":"parent"})");
  EXPECT_EQ(without.status, 422);
  EXPECT_EQ(body_of(without).at("error").as_object().at("code").as_string(), "evidence_required");

  auto html = send_json(a, "PUT", one + "/evidence", "<html>not a form</html>");
  EXPECT_EQ(html.status, 422);
  EXPECT_EQ(body_of(html).at("error").as_object().at("code").as_string(), "evidence_type");
  auto pdf = send_json(a, "PUT", one + "/evidence", "%PDF-1.4 signed by hand");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(body_of(pdf).at("evidence").as_object().at("file_type").as_string(), "application/pdf");

  // A minor's case: "the person" is not accepted; a parent is.
  auto person = send_json(a, "POST", one + "/give", R"({"giver":"person"})");
  EXPECT_EQ(body_of(person).at("error").as_object().at("code").as_string(), "giver_not_allowed");
  auto given = send_json(a, "POST", one + "/give", R"({"giver":"parent"})");
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(body_of(given).at("state").as_string(), "dpv:ConsentGiven");

  auto file = send_json(a, "GET", one + "/evidence");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "%PDF-1.4 signed by hand");
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_EQ(file.header("cache-control"), "no-store");

  auto withdrawn = send_json(a, "POST", one + "/withdraw");
  ASSERT_EQ(withdrawn.status, 200);
  auto w = body_of(withdrawn);
  EXPECT_EQ(w.at("state").as_string(), "dpv:ConsentWithdrawn");
  EXPECT_EQ(w.at("withdrawn_by").as_int64(), static_cast<std::int64_t>(member_a_));
  EXPECT_EQ(send_json(a, "POST", one + "/withdraw").status, 409);
}

TEST_F(ConsentPagesTest, AnotherOrganisationSeesASummaryOnTheCaseAndNothingMore) {
  Browser a = login("member@a.example");
  std::int64_t id = record(a, 7);
  ASSERT_EQ(send_json(a, "POST", "/api/v1/consents/" + std::to_string(id) + "/give",
                      R"({"giver":"guardian","witness_name":"An Peeters","witness_function":"consulent"})")
                .status,
            200);
  Browser b = login("member@b.example");
  auto list = case_list(b, 7);
  ASSERT_EQ(list.status, 200) << list.body;
  auto consents = body_of(list).at("consents").as_array();
  ASSERT_EQ(consents.size(), 1u);
  const auto& c = consents[0].as_object();
  EXPECT_FALSE(c.at("full").as_bool());
  EXPECT_EQ(c.at("state").as_string(), "dpv:ConsentGiven");
  EXPECT_EQ(c.at("subject").as_string(), "case-7");
  EXPECT_FALSE(c.contains("evidence"));
  EXPECT_FALSE(c.contains("giver"));
  EXPECT_EQ(list.body.find("Peeters"), std::string::npos);
  EXPECT_EQ(send_json(b, "GET", "/api/v1/consents/" + std::to_string(id)).status, 403);
  EXPECT_EQ(send_json(b, "GET", "/api/v1/consents/" + std::to_string(id) + "/evidence").status, 403);
  // The case page's section, as a page: the summary, no link to the consent.
  auto page = send(b, "GET", "/consents?case=7");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-state=\"given\""), std::string::npos);
  EXPECT_EQ(page.body.find("/consents/" + std::to_string(id) + "\""), std::string::npos);
  // Case 8 is not B's: not found, like a case that does not exist.
  EXPECT_EQ(case_list(b, 8).status, 404);
  EXPECT_EQ(send_json(b, "POST", "/api/v1/consents",
                      R"({"case":8,"recipients":["*"],"categories":["identity"],"purposes":["care"]})")
                .status,
            404);
}

TEST_F(ConsentPagesTest, TheListShowsThoseExpiringWithin30DaysFirst) {
  Browser a = login("member@a.example");
  std::int64_t later = record(a, 8);
  std::int64_t soon = record(a, 8, day_after(10));
  std::int64_t asked = record(a, 8);
  for (auto id : {later, soon}) {
    ASSERT_EQ(send_json(a, "POST", "/api/v1/consents/" + std::to_string(id) + "/give",
                        R"({"witness_name":"An","witness_function":"consulent"})")
                  .status,
              200);
  }
  auto page = send(a, "GET", "/consents");
  ASSERT_EQ(page.status, 200);
  auto at = [&](std::int64_t id) { return page.body.find("href=\"/consents/" + std::to_string(id) + "\""); };
  ASSERT_NE(at(soon), std::string::npos);
  EXPECT_LT(at(soon), at(asked));
  EXPECT_LT(at(asked), at(later));  // then newest first
  EXPECT_NE(page.body.find("id=\"expiring-note\""), std::string::npos);
  auto requested = send(a, "GET", "/consents?state=requested");
  EXPECT_EQ(count(requested.body, "data-state=\""), 1);
  auto api = body_of(send_json(a, "GET", "/api/v1/consents"));
  EXPECT_EQ(api.at("consents").as_array()[0].as_object().at("id").as_int64(), soon);
  EXPECT_TRUE(api.at("consents").as_array()[0].as_object().at("expiring").as_bool());
}

TEST_F(ConsentPagesTest, ThePagesUploadTheFormGiveWithTheMinorsAgeAndPrintTheFormInFrench) {
  Browser a = login("member@a.example");
  std::int64_t id = record(a, 7);
  std::string one = "/consents/" + std::to_string(id);

  // The multipart upload of the detail page, the CSRF token among its fields.
  auto upload = [&](const std::string& bytes) {
    http::Request request;
    request.method = "POST";
    request.target = request.path = one + "/evidence";
    request.remote_address = "192.0.2.1";
    request.request_id = "test";
    request.headers.emplace_back("cookie", "lang=en; tafel_session=" + a.cookie);
    request.headers.emplace_back("content-type", "multipart/form-data; boundary=XyZ");
    request.body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + a.csrf +
                   "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"form.png\"\r\n"
                   "Content-Type: image/png\r\n\r\n" + bytes + "\r\n--XyZ--\r\n";
    return router_.dispatch(request);
  };
  auto wrong = upload("GIF89a not accepted");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("must be a PDF, JPEG or PNG"), std::string::npos);
  std::string png = "\x89PNG\r\n\x1a\n rest of the image";
  auto stored = upload(png);
  EXPECT_EQ(stored.status, 303);
  EXPECT_EQ(stored.header("location"), one + "?done=evidence");

  auto young = send(a, "POST", one + "/give", "giver=minor_self&minor_age=11");
  EXPECT_EQ(young.status, 422);
  EXPECT_NE(young.body.find("too young"), std::string::npos);
  auto given = send(a, "POST", one + "/give", "giver=minor_self&minor_age=12");
  EXPECT_EQ(given.status, 303);
  auto detail = send(a, "GET", one);
  EXPECT_EQ(text_after(detail.body, "id=\"dpv-state\">"), "dpv:ConsentGiven");
  EXPECT_NE(detail.body.find("The minor themself (12 years old)"), std::string::npos);

  auto form = send(a, "GET", one + "/form?lang=fr");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<article lang=\"fr\" id=\"consent-form\">"), std::string::npos);
  EXPECT_NE(form.body.find("Consentement au partage"), std::string::npos);
  EXPECT_NE(form.body.find("Nom de la personne"), std::string::npos);
  EXPECT_NE(form.body.find("Politiezone Rivier"), std::string::npos);

  // Another organisation may not upload, and the DPO only reads.
  Browser b = login("member@b.example");
  EXPECT_EQ(send(b, "GET", one).status, 403);
  Browser dpo = login("dpo@a.example");
  EXPECT_EQ(send(dpo, "GET", one).status, 200);
  EXPECT_EQ(send(dpo, "POST", one + "/withdraw").status, 403);
}

}  // namespace
}  // namespace tafel::web_test
