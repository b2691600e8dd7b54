// Links a page offers open for the one who reads it (issue 22: the crawler follows
// every link and fails on an error answer), through the router `tafel serve` builds.
#include "web/pages_fixture.h"

#include "app/situations/situation_service.h"
#include "app/tables/table_service.h"

namespace tafel {
namespace {

using namespace web_test;
namespace tb = tafel::tables;

class PageLinksTest : public PagesTest {
 protected:
  access::Principal principal(access::UserId user, access::OrganisationId org) const {
    return access::Principal{user, org, Role::member, true};
  }
};

// The login page's own login link keeps where the visitor was going instead of
// nesting /login?next=/login?next=... one level deeper on every visit.
TEST_F(PageLinksTest, TheLoginPageLinksToItselfWithoutNesting) {
  auto about = send(Browser{}, "GET", "/about");
  EXPECT_EQ(count(about.body, R"(href="/login?next=/about")"), 1);
  auto login = send(Browser{}, "GET", "/login?next=/about");
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(count(login.body, R"(href="/login?next=/about")"), 1);
  EXPECT_EQ(count(login.body, R"(href="/login?next=/login)"), 0);
  auto bare = send(Browser{}, "GET", "/login");
  EXPECT_EQ(count(bare.body, R"(href="/login?next=/")"), 1);
}

// A situation discussed at a table names the table to every participant, and links
// it only for those who may open it: a participant whose organisation does not sit
// at the table got a 403 (it was on the crawler's KNOWN list).
TEST_F(PageLinksTest, ASituationLinksItsTableOnlyToThoseWhoMayOpenIt) {
  app::tables::TableDraft d;
  d.name = "Wijkoverleg";
  d.kind = tb::TableKind::thematic;
  d.finality = {sharing::Purpose::public_order};
  d.members = {org_a_};
  d.delegates = {{member_a_, org_a_, tb::TableRole::chair}};
  auto table = runtime_->tables().create_table({principal(member_a_, org_a_), {}}, d);
  ASSERT_TRUE(table) << table.error().message;

  app::situations::SituationDraft s;
  s.title = "Samenscholing aan het station";
  s.behaviour = "Groepjes jongeren 's avonds aan de fietsenstalling.";
  s.area = area_;
  s.participants = {org_a_};
  s.table = table->id;
  auto situation = runtime_->situations().create({principal(member_b_, org_b_), {}}, s, true);
  ASSERT_TRUE(situation) << situation.error().message;

  const std::string page = "/situations/" + std::to_string(situation->id);
  const std::string link = "href=\"/tables/" + std::to_string(table->id) + "\"";
  const std::string named = "Discussed at a consultation table";

  Browser outside = login("member@b.example");  // the owner; its organisation is not at the table
  auto seen_outside = send(outside, "GET", page);
  ASSERT_EQ(seen_outside.status, 200);
  EXPECT_EQ(count(seen_outside.body, named), 1);
  EXPECT_EQ(count(seen_outside.body, link), 0);
  EXPECT_EQ(send(outside, "GET", "/tables/" + std::to_string(table->id)).status, 403);

  Browser seated = login("member@a.example");
  auto seen_seated = send(seated, "GET", page);
  ASSERT_EQ(seen_seated.status, 200);
  EXPECT_EQ(count(seen_seated.body, link), 1);
  EXPECT_EQ(send(seated, "GET", "/tables/" + std::to_string(table->id)).status, 200);
}

}  // namespace
}  // namespace tafel
