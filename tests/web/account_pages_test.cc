// The account, organisation and directory pages through the router `tafel serve`
// builds (cli::build_router), on a fresh SQLite database, without sockets: what a
// person does in the browser, form post by form post.
#include <set>

#include "web/pages_fixture.h"

namespace tafel {
namespace {

using namespace web_test;

class AccountPagesTest : public PagesTest {};

TEST_F(AccountPagesTest, AnonymousVisitorsAreSentToTheLoginPageAndComeBack) {
  for (std::string path : {"/account", "/directory", "/organisations/1", "/account/second-factor"}) {
    auto r = send(Browser{}, "GET", path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(std::string(r.header("location")), "/login?next=" + path)
        << path;
  }
}

// The main navigation offers only the modules the viewer may open: a link that
// answers 403 is a dead end (found by the crawler, issue 22).
TEST_F(AccountPagesTest, TheNavigationOffersOnlyWhatTheViewerMayOpen) {
  auto nav_of = [this](const std::string& email) {
    auto home = send(login(email), "GET", "/");
    EXPECT_EQ(home.status, 200) << email;
    auto start = home.body.find(R"(id="navigation")");
    EXPECT_NE(start, std::string::npos) << email;
    return home.body.substr(start, home.body.find("</ul>", start) - start);
  };
  auto offers = [](const std::string& nav, const char* href) {
    return nav.find(std::string("href=\"") + href + "\"") != std::string::npos;
  };
  const std::string member = nav_of("member@a.example");
  EXPECT_TRUE(offers(member, "/may-i-share"));
  EXPECT_FALSE(offers(member, "/audit"));
  EXPECT_TRUE(offers(member, "/directory"));
  const std::string dpo = nav_of("dpo@a.example");
  EXPECT_TRUE(offers(dpo, "/audit"));
  EXPECT_FALSE(offers(dpo, "/may-i-share"));
  const std::string admin = nav_of("admin@a.example");
  EXPECT_TRUE(offers(admin, "/audit"));
  EXPECT_TRUE(offers(admin, "/may-i-share"));
  const std::string platform = nav_of("platform@b.example");
  EXPECT_TRUE(offers(platform, "/audit"));
  EXPECT_FALSE(offers(platform, "/may-i-share"));
  // Each link the navigation offers opens.
  for (const char* email : {"member@a.example", "dpo@a.example", "admin@a.example", "platform@b.example"}) {
    Browser b = login(email);
    for (const char* href : {"/may-i-share", "/audit"}) {
      if (offers(nav_of(email), href)) {
        EXPECT_EQ(send(b, "GET", href).status, 200) << email << " " << href;
      }
    }
  }
}

TEST_F(AccountPagesTest, EnrolmentShowsTheQrCodeAndSecretThenTheRecoveryCodesOnce) {
  provision("new@a.example", org_a_, Role::member, false);
  auto first = runtime_->accounts().login("new@a.example", kPassword, "192.0.2.1");
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->status, app::accounts::LoginOutcome::Status::enrolment_needed);
  Browser b{first->session_token, first->csrf_token};

  // Every other page sends this user to enrol first.
  auto elsewhere = send(b, "GET", "/directory");
  EXPECT_EQ(elsewhere.status, 303);
  EXPECT_TRUE(std::string(elsewhere.header("location")).starts_with("/account/second-factor"));

  auto page = send(b, "GET", "/account/second-factor");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find(R"(src="data:image/svg+xml;base64,)"), std::string::npos) << "QR code as an image";
  auto secret = access::base32_decode(secret_on(page.body));
  ASSERT_TRUE(secret.has_value());

  // A wrong code: the form again with the error, linked from the error summary.
  auto wrong = send(b, "POST", "/account/second-factor", "code=000000");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find(R"(href="#f-code")"), std::string::npos);
  secret = access::base32_decode(secret_on(wrong.body));  // enrolment restarted with a new key
  ASSERT_TRUE(secret.has_value());

  clock_.advance(std::chrono::seconds(30));
  auto done = send(b, "POST", "/account/second-factor", "code=" + code_now(*secret));
  ASSERT_EQ(done.status, 200) << done.body;
  auto start = done.body.find(R"(id="recovery-codes")");
  ASSERT_NE(start, std::string::npos);
  EXPECT_EQ(count(done.body.substr(start, done.body.find("</ol>", start) - start), "<code"), 10);
  EXPECT_EQ(done.header("cache-control"), "no-store");
  auto cookie = std::string(done.header("set-cookie"));
  ASSERT_TRUE(cookie.starts_with("tafel_session="));
  std::string renewed = cookie.substr(14, cookie.find(';') - 14);
  EXPECT_NE(renewed, b.cookie);

  // The session id was renewed: the old one no longer works, the new one does.
  EXPECT_EQ(send(b, "GET", "/account").status, 303);
  Browser after{renewed, ""};
  auto again = send(after, "GET", "/account/second-factor");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body.find("recovery-codes"), std::string::npos) << "recovery codes are shown only once";
}

TEST_F(AccountPagesTest, AnOrganisationAdminCreatesAUserWhoCanLogInWithTheInitialPassword) {
  Browser admin = login("admin@a.example");
  auto base = "/organisations/" + std::to_string(org_a_) + "/users";
  auto form = send(admin, "GET", base);
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.body.find(R"(value="platform_admin")"), std::string::npos) << "an org admin cannot grant it";

  auto created = send(admin, "POST", base, "display_name=Sara+Peeters&email=sara%40a.example&role=member&language=nl");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string initial = text_after(created.body, R"(<code class="tafel-secret">)");
  ASSERT_GE(initial.size(), 12u);
  EXPECT_NE(created.body.find("Sara Peeters"), std::string::npos);
  auto outcome = runtime_->accounts().login("sara@a.example", initial, "192.0.2.9");
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, app::accounts::LoginOutcome::Status::enrolment_needed);

  // The list shows the user afterwards, but never the password again.
  auto list = send(admin, "GET", base);
  EXPECT_NE(list.body.find("sara@a.example"), std::string::npos);
  EXPECT_EQ(list.body.find(initial), std::string::npos);

  // A bad e-mail address: the form again, with what was typed and the error.
  auto bad = send(admin, "POST", base, "display_name=Tom&email=tom&role=member&language=nl");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find(R"(href="#f-email")"), std::string::npos);
  EXPECT_NE(bad.body.find(R"(value="Tom")"), std::string::npos);
}

TEST_F(AccountPagesTest, AFormWithoutTheCsrfTokenChangesNothing) {
  Browser admin = login("admin@a.example");
  auto base = "/organisations/" + std::to_string(org_a_) + "/users";
  auto r = send(admin, "POST", base, "display_name=X&email=x%40a.example&role=member&language=nl", false);
  EXPECT_EQ(r.status, 403);
  auto users = runtime_->accounts().list_users(org_a_);
  for (const auto& u : *users) EXPECT_NE(u.email, "x@a.example");
}

TEST_F(AccountPagesTest, AnAdminOfAnotherOrganisationIsRefusedAndNothingChanges) {
  Browser other = login("admin@b.example");
  const std::string a = std::to_string(org_a_);
  EXPECT_EQ(send(other, "GET", "/organisations/" + a + "/edit").status, 403);
  EXPECT_EQ(send(other, "GET", "/organisations/" + a + "/users").status, 403);
  EXPECT_EQ(send(other, "GET", "/users/" + std::to_string(member_a_)).status, 403);
  auto r = send(other, "POST", "/organisations/" + a + "/contact-points",
                "topic=" + std::to_string(topic_) + "&area=" + std::to_string(area_) +
                    "&primary=" + std::to_string(member_a_) + "&languages=nl");
  EXPECT_EQ(r.status, 403);
  access::Principal root{0, 0, Role::platform_admin, true};
  EXPECT_TRUE(runtime_->directory().profile(root, org_a_)->contact_points.empty());
  Browser member = login("member@a.example");
  EXPECT_EQ(send(member, "GET", "/coverage").status, 403);
}

TEST_F(AccountPagesTest, AContactPointWithADeputyIsFoundInTheDirectoryByAnotherOrganisation) {
  Browser admin = login("admin@a.example");
  const std::string a = std::to_string(org_a_);
  auto created = send(admin, "POST", "/organisations/" + a + "/contact-points",
                      "topic=" + std::to_string(topic_) + "&area=" + std::to_string(area_) +
                          "&primary=" + std::to_string(member_a_) + "&deputies=" + std::to_string(admin_a_) +
                          "&office_hours=ma-vr+9-17&emergency_line=%2B32+15+00+00+00&languages=nl&languages=fr");
  ASSERT_EQ(created.status, 303) << created.body;
  EXPECT_EQ(std::string(created.header("location")), "/organisations/" + a + "?saved=1#contact-points");

  Browser other = login("member@b.example");
  auto hits = send(other, "GET", "/directory?topic=" + std::to_string(topic_) + "&area=" + std::to_string(area_) +
                                     "&sector=&language=fr");
  ASSERT_EQ(hits.status, 200) << hits.body;
  EXPECT_NE(hits.body.find("1 contact point found"), std::string::npos);
  EXPECT_NE(hits.body.find("member " + a), std::string::npos) << "primary person";
  EXPECT_NE(hits.body.find("admin " + a), std::string::npos) << "deputy";
  EXPECT_NE(hits.body.find(R"(href="tel:+3215000000")"), std::string::npos);
  EXPECT_EQ(hits.body.find("/edit"), std::string::npos) << "another organisation cannot edit it";

  auto none = send(other, "GET", "/directory?language=en");
  EXPECT_NE(none.body.find("No contact points found"), std::string::npos);
  auto bad = send(other, "GET", "/directory?sector=bakery");
  EXPECT_EQ(bad.status, 400);
}

TEST_F(AccountPagesTest, TheOrganisationPageWarnsItsManagersAboutAContactPointWithoutDeputy) {
  Browser admin = login("admin@a.example");
  const std::string a = std::to_string(org_a_);
  ASSERT_EQ(send(admin, "POST", "/organisations/" + a + "/contact-points",
                 "topic=" + std::to_string(topic_) + "&area=" + std::to_string(area_) +
                     "&primary=" + std::to_string(member_a_) + "&languages=nl")
                .status,
            303);
  auto own = send(admin, "GET", "/organisations/" + a);
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("has no deputy"), std::string::npos);
  Browser other = login("member@b.example");
  auto theirs = send(other, "GET", "/organisations/" + a);
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(theirs.body.find("has no deputy"), std::string::npos) << "warnings are for its managers";
}

TEST_F(AccountPagesTest, ThePartnerProfileSaysWhatItCanAndCannotShareInEveryLanguage) {
  Browser reader = login("member@b.example");
  const std::string path = "/organisations/" + std::to_string(org_a_);
  const std::pair<const char*, const char*> expected[] = {
      {"nl", "Wat Welzijnshuis niet kan delen"}, {"fr", "Ce que Welzijnshuis ne peut pas partager"},
      {"en", "What Welzijnshuis cannot share"}};
  for (const auto& [lang, heading] : expected) {
    reader.lang = lang;
    auto r = send(reader, "GET", path);
    ASSERT_EQ(r.status, 200) << lang;
    EXPECT_NE(r.body.find(std::string("lang=\"") + lang + "\""), std::string::npos) << lang;
    EXPECT_NE(r.body.find(heading), std::string::npos) << lang << ": " << heading;
    EXPECT_EQ(r.body.find("directory.profile."), std::string::npos) << lang << ": a catalog key leaked";
  }
}

TEST_F(AccountPagesTest, AnInvalidOrganisationEditKeepsTheRecordAndExplainsTheError) {
  Browser admin = login("admin@a.example");
  const std::string a = std::to_string(org_a_);
  auto r = send(admin, "POST", "/organisations/" + a + "/edit",
                "name=&sector=welfare&secrecy=professional&reporting_duty=no&mission=care&finality=Zorg&languages=nl");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find(R"(href="#f-name")"), std::string::npos);
  access::Principal root{0, 0, Role::platform_admin, true};
  EXPECT_EQ(runtime_->directory().profile(root, org_a_)->organisation.name, "Welzijnshuis");

  auto ok = send(admin, "POST", "/organisations/" + a + "/edit",
                 "name=Welzijnshuis+Rivier&sector=welfare&secrecy=professional&reporting_duty=no&mission=care"
                 "&finality=Zorg&languages=nl&website=https%3A%2F%2Fwelzijn.example");
  EXPECT_EQ(ok.status, 303) << ok.body;
  auto saved = runtime_->directory().profile(root, org_a_)->organisation;
  EXPECT_EQ(saved.name, "Welzijnshuis Rivier");
  EXPECT_EQ(saved.website, "https://welzijn.example");
}

TEST_F(AccountPagesTest, AnApiTokenIsShownOnceAndCanBeRevoked) {
  Browser member = login("member@a.example");
  auto created = send(member, "POST", "/account/tokens", "name=sync&scopes=directory%3Aread");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string token = text_after(created.body, R"(<code class="tafel-secret">)");
  ASSERT_TRUE(token.starts_with("tafel_")) << token;
  auto list = send(member, "GET", "/account/tokens");
  EXPECT_EQ(list.body.find(token), std::string::npos);
  std::string id = text_after(list.body, R"(action="/account/tokens/)", '/');
  ASSERT_FALSE(id.empty());
  auto revoked = send(member, "POST", "/account/tokens/" + id + "/revoke");
  EXPECT_EQ(revoked.status, 303);
  auto who = runtime_->accounts().authenticate_api_token(token);
  ASSERT_TRUE(who.has_value());
  EXPECT_FALSE(who->has_value()) << "a revoked token no longer authenticates";
}

TEST_F(AccountPagesTest, ChangingThePasswordNeedsTheCurrentOne) {
  Browser member = login("member@a.example");
  auto wrong = send(member, "POST", "/account/password",
                    "current=not+it+at+all&new=a+new+long+password&confirm=a+new+long+password");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find(R"(href="#f-current")"), std::string::npos);
  auto ok = send(member, "POST", "/account/password",
                 std::string("current=a+long+password&new=a+new+long+password&confirm=a+new+long+password"));
  EXPECT_EQ(ok.status, 200) << ok.body;
  auto old = runtime_->accounts().login("member@a.example", kPassword, "192.0.2.7");
  EXPECT_EQ(old->status, app::accounts::LoginOutcome::Status::refused);
}

TEST_F(AccountPagesTest, EveryPageRendersInEveryLanguageWithOneHeadingAndNoLeakedKey) {
  Browser admin = login("admin@a.example");
  Browser platform = login("platform@b.example");
  const std::string a = std::to_string(org_a_);
  access::Principal root{0, 0, Role::platform_admin, true};
  auto cp = runtime_->directory().save_contact_point(
      root, {0, org_a_, topic_, area_, member_a_, {}, "ma-vr 9-17", "", {"nl"}});
  ASSERT_TRUE(cp.has_value());
  const std::pair<Browser*, std::string> pages[] = {
      {&admin, "/account"},
      {&admin, "/account/second-factor"},
      {&admin, "/account/password"},
      {&admin, "/account/tokens"},
      {&admin, "/organisations"},
      {&admin, "/organisations/" + a},
      {&admin, "/organisations/" + a + "/edit"},
      {&admin, "/organisations/" + a + "/users"},
      {&admin, "/users/" + std::to_string(member_a_)},
      {&admin, "/organisations/" + a + "/contact-points/new"},
      {&admin, "/contact-points/" + std::to_string(*cp) + "/edit"},
      {&admin, "/directory"},
      {&platform, "/organisations/new"},
      {&platform, "/coverage"},
  };
  for (const auto& [browser, path] : pages) {
    for (const char* lang : {"nl", "fr", "en"}) {
      browser->lang = lang;
      auto r = send(*browser, "GET", path);
      ASSERT_EQ(r.status, 200) << path << " " << lang << "\n" << r.body;
      EXPECT_EQ(count(r.body, "<h1"), 1) << path << " " << lang;
      EXPECT_FALSE(has_leaked_key(r.body)) << path << " " << lang;
      EXPECT_EQ(r.body.find("style="), std::string::npos) << path;
      EXPECT_EQ(r.header("cache-control"), "no-store") << path;
    }
  }
  auto coverage = send(platform, "GET", "/coverage");
  EXPECT_NE(coverage.body.find("has no deputy"), std::string::npos);
}

// Issue 21: the directory page shows one page of contact points at a time, and its
// "next" link (keeping the filters) leads through all of them, each once.
TEST_F(AccountPagesTest, TheDirectoryPagesThroughEveryContactPointOnce) {
  access::Principal root{0, 0, Role::platform_admin, true};
  for (int i = 0; i < 60; ++i) {
    ASSERT_TRUE(runtime_->directory().save_contact_point(
        root, {0, org_a_, topic_, area_, member_a_, {}, "ma-vr " + std::to_string(i), "", {"nl"}}));
  }
  Browser b = login("member@b.example");
  std::set<std::string> seen;
  std::string next = "/directory?area=" + std::to_string(area_);
  int pages = 0;
  while (!next.empty() && pages < 5) {
    auto page = send(b, "GET", next);
    ASSERT_EQ(page.status, 200) << next;
    ++pages;
    for (std::size_t at = page.body.find("id=\"contact-point-"); at != std::string::npos;
         at = page.body.find("id=\"contact-point-", at + 1)) {
      const std::string id = page.body.substr(at + 4, page.body.find('"', at + 4) - at - 4);
      if (id.find("-title") != std::string::npos) continue;
      EXPECT_TRUE(seen.insert(id).second) << id << " shown twice";
    }
    next.clear();
    if (auto at = page.body.find(R"(id="directory-next")"); at != std::string::npos) {
      auto href = page.body.rfind("href=\"", at);
      next = page.body.substr(href + 6, page.body.find('"', href + 6) - href - 6);
      for (std::size_t amp; (amp = next.find("&amp;")) != std::string::npos;) next.replace(amp, 5, "&");
      EXPECT_NE(next.find("area=" + std::to_string(area_)), std::string::npos) << next;
    }
  }
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(seen.size(), 60u);
}

}  // namespace
}  // namespace tafel
