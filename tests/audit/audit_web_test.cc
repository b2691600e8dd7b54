// What the audit pages and API share: the filter read from the query string, UTC
// times and the CSV export (quoting, formula neutralisation).
#include <gtest/gtest.h>

#include "web/audit_api.h"

namespace tafel::web {
namespace {

http::Request with_query(std::initializer_list<std::pair<const char*, const char*>> params) {
  http::Request r;
  r.method = "GET";
  r.path = "/audit";
  for (const auto& [k, v] : params) r.query.emplace(k, v);
  return r;
}

TEST(AuditFilterFromQuery, ReadsEveryCriterion) {
  auto f = audit_filter_from(with_query({{"from", "2026-01-02"},
                                         {"to", "2026-01-02"},
                                         {"actor", "12"},
                                         {"organisation", "3"},
                                         {"action", "sharing_decision"},
                                         {"object_type", "person"},
                                         {"object_id", "p-9"},
                                         {"before", "50"},
                                         {"limit", "20"}}));
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(*f->from_us, 1'767'312'000'000'000);       // 2026-01-02T00:00:00Z
  EXPECT_EQ(*f->to_us, 1'767'312'000'000'000 + 86'400'000'000);  // the whole day included
  EXPECT_EQ(f->actor, "12");
  EXPECT_EQ(f->organisation, "3");
  EXPECT_EQ(f->action, core::audit::Action::sharing_decision);
  EXPECT_EQ(f->object_type, "person");
  EXPECT_EQ(f->object_id, "p-9");
  EXPECT_EQ(f->before_seq, 50u);
  EXPECT_EQ(f->limit, 20u);

  auto minutes = audit_filter_from(with_query({{"from", "2026-01-02T08:30"}}));
  ASSERT_TRUE(minutes);
  EXPECT_EQ(*minutes->from_us, 1'767'312'000'000'000 + (8 * 3600 + 30 * 60) * 1'000'000LL);
  auto empty = audit_filter_from(with_query({{"from", ""}, {"action", ""}}));
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, app::audit::AuditFilter{});
}

TEST(AuditFilterFromQuery, RefusesMalformedInputWithAClearError) {
  for (auto params : {std::pair{"from", "02/01/2026"}, std::pair{"to", "2026-02-30"}, std::pair{"action", "peek"},
                      std::pair{"before", "-1"}, std::pair{"limit", "100000"}, std::pair{"limit", "abc"},
                      std::pair{"from", "2026-01-02T25:00"}}) {
    auto f = audit_filter_from(with_query({params}));
    ASSERT_FALSE(f) << params.first << "=" << params.second;
    EXPECT_EQ(f.error().code, "invalid_input");
    EXPECT_NE(f.error().message.find(params.first), std::string::npos) << f.error().message;
  }
  const std::string long_id(300, 'x');
  EXPECT_FALSE(audit_filter_from(with_query({{"object_id", long_id.c_str()}})));
}

TEST(AuditCsv, QuotesEveryFieldAndNeutralisesFormulas) {
  core::audit::Entry e;
  e.seq = 3;
  e.time_us = 1'767'312'000'000'000 + 61'000'000;
  e.actor = "=HYPERLINK(\"x\")";
  e.organisation = "7";
  e.action = core::audit::Action::export_data;
  e.object_type = "person";
  e.object_id = "a,b";
  e.outcome = core::audit::Outcome::denied;
  const std::string csv = audit_csv({e});
  const std::string header =
      "seq,time_utc,actor,organisation,action,object_type,object_id,ground,rule,outcome,request_id,source\r\n";
  ASSERT_EQ(csv.substr(0, header.size()), header);
  EXPECT_EQ(csv.substr(header.size()),
            "\"3\",\"2026-01-02 00:01:01\",\"'=HYPERLINK(\"\"x\"\")\",\"7\",\"export\",\"person\",\"a,b\",\"\",\"\","
            "\"denied\",\"\",\"\"\r\n");
}

TEST(AuditFilterQuery, KeepsOnlyTheFilterForLinks) {
  auto q = audit_filter_query(with_query({{"actor", "1 2"}, {"before", "9"}, {"object_type", "person"}}));
  EXPECT_EQ(q, "actor=1%202&object_type=person");
}

}  // namespace
}  // namespace tafel::web
