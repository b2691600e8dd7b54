// Every route of the server × every role × own organisation or another one.
//
// The router is built by cli::build_router, the function `tafel serve` uses, plus
// the operational routes. kExpectations must name every route: a new
// route without an entry fails RouteRoles.EveryRouteHasAnExpectation, and an entry
// without a route fails RouteRoles.EveryExpectationIsARoute. For each route the test
// seeds a fresh database (organisation A with records, organisation B), logs in one
// user per column below (password + TOTP), sends the request with that user's
// session cookie and CSRF token, and checks the answer:
//   'y'  allowed: the first allowed caller gets 2xx/3xx; later ones anything but
//        401/403 (a record already deleted by an earlier caller answers 404);
//   'n'  refused: 401 for the anonymous caller (a 303 to /login for pages), 403
//        for the others;
//   'p'  public: never 401/403, whoever asks;
//   'e'  allowed, but the use case has its own answer for these callers (enrolment
//        of an already enrolled user: 409): never 401/403, never 5xx;
//   'a'  an authentication step with its own answers (tests/accounts covers them):
//        anything but a 5xx.
// Records in the path always belong to organisation A.

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "accounts/fake_crypto.h"
#include "app/accounts/account_service.h"
#include "app/directory/directory_service.h"
#include "core/access/totp_window.h"
#include "http/metrics.h"
#include "http/openapi.h"
#include "http/operational_routes.h"
#include "storage/accounts_store.h"
#include "storage/directory_store.h"
#include "support/test_database.h"
#include "cli/runtime.h"
#include "app/consents/consent_service.h"
#include "app/necessity/necessity_service.h"
#include "app/cases/case_service.h"
#include "app/situations/situation_service.h"
#include "app/contributions/contribution_service.h"
#include "storage/audit_crypto.h"
#include "support/query_plans.h"

namespace tafel {
namespace {

using access::Role;

// Columns: anonymous, platform admin, admin A, member A, DPO A, observer A, admin B, member B.
constexpr int kCallers = 8;
const char* kCallerNames[kCallers] = {"anonymous", "platform_admin", "org_admin_A", "member_A",
                                      "dpo_A",     "observer_A",     "org_admin_B", "member_B"};

const std::map<std::string, std::string> kExpectations = {
    // operational and public web routes
    {"GET /healthz", "pppppppp"},
    {"GET /readyz", "pppppppp"},
    {"GET /metrics", "pppppppp"},
    {"GET /", "pppppppp"},
    {"GET /about", "pppppppp"},
    {"GET /api/docs", "pppppppp"},
    {"GET /language/{lang}", "pppppppp"},
    {"GET /static/{*path}", "pppppppp"},
    {"GET /api/v1/openapi.json", "pppppppp"},
    // login pages
    {"GET /login", "pppppppp"},
    {"POST /login", "aaaaaaaa"},
    {"GET /login/second-factor", "aaaaaaaa"},
    {"POST /login/second-factor", "aaaaaaaa"},
    {"POST /logout", "aaaaaaaa"},
    // session
    {"POST /api/v1/session", "aaaaaaaa"},
    {"POST /api/v1/session/second-factor", "aaaaaaaa"},
    {"DELETE /api/v1/session", "nyyyyyyy"},
    // own account
    {"GET /api/v1/me", "nyyyyyyy"},
    {"POST /api/v1/me/password", "nyyyyyyy"},
    {"POST /api/v1/me/second-factor", "neeeeeee"},
    {"POST /api/v1/me/second-factor/confirm", "neeeeeee"},
    {"GET /api/v1/me/tokens", "nyyyyyyy"},
    {"POST /api/v1/me/tokens", "nyyyyyyy"},
    {"DELETE /api/v1/me/tokens/{id}", "nyyyyyyy"},
    // organisations and users
    {"GET /api/v1/organisations", "nyyyyyyy"},
    {"POST /api/v1/organisations", "nynnnnnn"},
    {"GET /api/v1/organisations/{id}", "nyyyyyyy"},
    {"PUT /api/v1/organisations/{id}", "nyynnnnn"},
    {"GET /api/v1/organisations/{id}/users", "nyynynnn"},
    {"POST /api/v1/organisations/{id}/users", "nyynnnnn"},
    {"PATCH /api/v1/users/{id}", "nyynnnnn"},
    {"POST /api/v1/users/{id}/password-reset", "nyynnnnn"},
    {"GET /api/v1/organisations/{id}/coverage", "nyynnnnn"},
    {"GET /api/v1/coverage", "nynnnnnn"},
    {"GET /api/v1/security-events", "nynnynnn"},
    // audit trail: DPO everything, organisation admins their own users, reports and exports DPO only
    {"GET /audit", "nyynynyn"},
    {"GET /audit/person/{id}", "nnnnynnn"},
    {"GET /audit.csv", "nnnnynnn"},
    {"GET /api/v1/audit/entries", "nyynynyn"},
    {"GET /api/v1/audit/persons/{id}/report", "nnnnynnn"},
    {"GET /api/v1/audit/export", "nnnnynnn"},
    // account, organisation and directory pages (web/account_pages.h)
    {"GET /account", "nyyyyyyy"},
    {"GET /account/second-factor", "nyyyyyyy"},
    {"POST /account/second-factor", "neeeeeee"},
    {"GET /account/password", "nyyyyyyy"},
    {"POST /account/password", "nyyyyyyy"},
    {"GET /account/tokens", "nyyyyyyy"},
    {"POST /account/tokens", "nyyyyyyy"},
    {"POST /account/tokens/{id}/revoke", "nyyyyyyy"},
    {"GET /organisations", "nyyyyyyy"},
    {"GET /organisations/new", "nynnnnnn"},
    {"POST /organisations", "nynnnnnn"},
    {"GET /organisations/{id}", "nyyyyyyy"},
    {"GET /organisations/{id}/edit", "nyynnnnn"},
    {"POST /organisations/{id}/edit", "nyynnnnn"},
    {"GET /organisations/{id}/users", "nyynynnn"},
    {"POST /organisations/{id}/users", "nyynnnnn"},
    {"GET /users/{id}", "nyynnnnn"},
    {"POST /users/{id}", "nyynnnnn"},
    {"POST /users/{id}/password-reset", "nyynnnnn"},
    {"GET /organisations/{id}/contact-points/new", "nyynnnnn"},
    {"POST /organisations/{id}/contact-points", "nyynnnnn"},
    {"GET /contact-points/{id}/edit", "nyynnnnn"},
    {"POST /contact-points/{id}/edit", "nyynnnnn"},
    {"GET /contact-points/{id}/delete", "nyynnnnn"},
    {"POST /contact-points/{id}/delete", "nyynnnnn"},
    {"GET /coverage", "nynnnnnn"},
    {"GET /directory", "nyyyyyyy"},
    // directory
    {"GET /api/v1/topics", "nyyyyyyy"},
    {"POST /api/v1/topics", "nynnnnnn"},
    {"GET /api/v1/areas", "nyyyyyyy"},
    {"POST /api/v1/areas", "nynnnnnn"},
    {"GET /api/v1/contact-points", "nyyyyyyy"},
    {"POST /api/v1/contact-points", "nyynnnnn"},
    {"GET /api/v1/contact-points/{id}", "nyyyyyyy"},
    {"PUT /api/v1/contact-points/{id}", "nyynnnnn"},
    {"DELETE /api/v1/contact-points/{id}", "nyynnnnn"},
    // collaboration agreements between A and B (a draft, and one in force for
    // /versions and /status): everyone reads; admins of a party manage; only
    // organisation admins sign; members and admins ask "may I share this?"
    {"GET /agreements", "nyyyyyyy"},
    {"GET /agreements/new", "nyynnnyn"},
    {"POST /agreements/new", "nyynnnyn"},
    {"GET /agreements/{id}", "nyyyyyyy"},
    {"GET /agreements/{id}/edit", "nyynnnyn"},
    {"POST /agreements/{id}/edit", "nyynnnyn"},
    {"POST /agreements/{id}/sign", "nnynnnyn"},
    {"POST /agreements/{id}/versions", "nyynnnyn"},
    {"POST /agreements/{id}/status", "nyynnnyn"},
    {"GET /api/v1/agreements", "nyyyyyyy"},
    {"POST /api/v1/agreements", "nyynnnyn"},
    {"GET /api/v1/agreements/{id}", "nyyyyyyy"},
    {"PUT /api/v1/agreements/{id}", "nyynnnyn"},
    {"POST /api/v1/agreements/{id}/versions", "nyynnnyn"},
    {"GET /api/v1/agreements/{id}/diff", "nyyyyyyy"},
    {"POST /api/v1/agreements/{id}/signatures", "nnynnnyn"},
    {"POST /api/v1/agreements/{id}/status", "nyynnnyn"},
    {"GET /may-i-share", "nnyynnyy"},
    {"POST /may-i-share", "nnyynnyy"},
    {"POST /api/v1/decisions", "nnyynnyy"},
    // consultation tables: a table of A chaired by member A, admin A its secretary;
    // an open meeting (attendance, acknowledgements, a case item, draft minutes), a
    // planned one, and a closed one with frozen minutes. Minutes, decisions and
    // feedback forms are not for observers (issue 11, point 4): they see the table
    // and meeting pages without them (RouteRoles.ObserversSeeNoMinutesDecisionsOrFeedback).
    {"GET /tables", "nyyyyyyy"},
    {"POST /tables/calendar-token", "nyyyyyyy"},
    {"POST /tables/calendar-token/revoke", "nyyyyyyy"},
    {"GET /tables/new", "nyyynnyy"},
    {"POST /tables/new", "nyyynnyy"},
    {"GET /tables/{id}", "nyyyyynn"},
    {"GET /tables/{id}/calendar", "nyyyyynn"},
    {"POST /tables/{id}/basis-approval", "nynnnnnn"},  // a decree: platform admins only
    {"POST /tables/{id}/retention", "nnnynnnn"},  // the chair: an edit of the table
    {"POST /tables/{id}/meetings", "nnnynnnn"},
    {"POST /tables/{id}/actions/{action}/status", "nnyynnnn"},
    {"GET /tables/{id}/meetings/{meeting}", "nyyyyynn"},
    {"GET /tables/{id}/meetings/{meeting}/minutes", "nyyyynnn"},
    {"GET /tables/{id}/meetings/{meeting}/minutes/markdown", "nyyyynnn"},
    {"GET /tables/{id}/meetings/{meeting}/items/{item}/case", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/status", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/items", "nnnynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/time-used", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/attendance", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/acknowledgement", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/decisions", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/actions", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/minutes", "nnynnnnn"},
    {"POST /tables/{id}/meetings/{meeting}/approval", "nnyynnnn"},
    {"GET /tables/{id}/history", "nyyyyynn"},
    {"POST /tables/{id}/meetings/{meeting}/carry-over", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/carry-over-again", "nneennnn"},  // the open meeting: not closed yet
    {"POST /tables/{id}/meetings/{meeting}/declined", "nnyynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/declined/withdraw", "nneennnn"},  // nothing declined to withdraw
    {"POST /tables/{id}/meetings/{meeting}/feedback", "nnnynnnn"},
    {"GET /tables/{id}/meetings/{meeting}/feedback/{feedback}", "nyyyynnn"},
    {"POST /tables/{id}/meetings/{meeting}/feedback/{feedback}/submit", "nnnynnnn"},
    {"POST /tables/{id}/meetings/{meeting}/feedback/{feedback}/answers", "nneennnn"},  // a draft: not awaiting consent
    {"GET /api/v1/tables", "nyyyyyyy"},
    {"POST /api/v1/tables", "nyyynnyy"},
    {"GET /api/v1/tables/{id}", "nyyyyynn"},
    {"PUT /api/v1/tables/{id}", "nnnynnnn"},
    {"POST /api/v1/tables/{id}/basis-approval", "nynnnnnn"},
    {"POST /api/v1/tables/{id}/secrecy-text", "nnnynnnn"},
    {"POST /api/v1/tables/{id}/series", "nnnynnnn"},
    {"POST /api/v1/tables/{id}/meetings", "nnnynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/move", "nnnynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/cancel", "nnnynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/open", "nnyynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/close", "nnyynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/items", "nnnynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/items/{item}/time-used", "nnyynnnn"},
    {"GET /api/v1/tables/{id}/meetings/{meeting}/items/{item}/case", "nnyynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/attendance", "nnyynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/acknowledgement", "nnyynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/decisions", "nnyynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/actions", "nnyynnnn"},
    {"PUT /api/v1/tables/{id}/meetings/{meeting}/minutes", "nnynnnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/minutes/corrections", "nnynnnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/minutes/approvals", "nnyynnnn"},
    {"POST /api/v1/tables/{id}/actions/{action}/status", "nnyynnnn"},
    {"GET /api/v1/tables/{id}/calendar", "nyyyyynn"},
    {"GET /api/v1/tables/{id}/history", "nyyyyynn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/items/{item}/carry-over", "nnyynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/carry-over", "nneennnn"},  // the open meeting: not closed yet
    {"POST /api/v1/tables/{id}/meetings/{meeting}/items/{item}/declined", "nnyynnnn"},
    {"DELETE /api/v1/tables/{id}/meetings/{meeting}/items/{item}/declined", "nneennnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/feedback", "nnnynnnn"},
    {"GET /api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}", "nyyyynnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}/submit", "nnnynnnn"},
    {"POST /api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}/answers", "nneennnn"},
    {"GET /api/v1/me/feedback", "nyyyynyy"},
    {"GET /api/v1/me/overdue-by-organisation", "nyynnnyn"},
    {"POST /api/v1/me/calendar-token", "nyyyyyyy"},
    {"DELETE /api/v1/me/calendar-token", "nyyyyyyy"},
    {"GET /api/v1/me/meetings", "nyyyyyyy"},
    {"GET /api/v1/me/actions", "nyyyyyyy"},
    {"GET /api/v1/me/overdue-actions", "nyyyyyyy"},
    {"GET /calendar/{token}", "pppppppp"},
    // notifications: everyone their own; a notification of someone else is not found
    {"GET /notifications", "nyyyyyyy"},
    {"POST /notifications/read-all", "nyyyyyyy"},
    {"POST /notifications/{id}/read", "neeeeeee"},
    {"GET /api/v1/notifications", "nyyyyyyy"},
    {"GET /api/v1/search", "nyyyyyyy"},
    {"GET /search", "nyyyyyyy"},
    {"POST /api/v1/notifications/{id}/read", "neeeeeee"},
    // situations: a situation of A (scanning, ready for analysis) with one action.
    // Everyone signed in lists; practitioners create; A's organisation (observers and
    // the DPO included) reads; A's practitioners and the platform admin edit.
    {"GET /situations", "nyyyyyyy"},
    {"GET /situations/new", "nyyynnyy"},
    {"POST /situations/new", "nyyynnyy"},
    {"GET /situations/{id}", "nyyyyynn"},
    {"GET /situations/{id}/edit", "nyyynnnn"},
    {"POST /situations/{id}/edit", "nyyynnnn"},
    {"POST /situations/{id}/stage", "nyyynnnn"},
    {"POST /situations/{id}/actions", "nyyynnnn"},
    {"POST /situations/{id}/actions/{action}/status", "nyyynnnn"},
    {"POST /situations/{id}/voices", "nyyynnnn"},
    {"POST /situations/{id}/goals", "nyyynnnn"},
    // cases: a case at table A (decree, approved), opened by member A with A on the
    // care track. Identity: practitioners of A who are delegates; summary also the
    // platform admin and A's DPO; observers and B nothing.
    {"GET /tables/{id}/cases", "nyyyynnn"},
    {"GET /tables/{id}/cases/new", "nnyynnnn"},
    {"POST /tables/{id}/cases/new", "nnyynnnn"},
    {"GET /cases/{id}", "nyyyynnn"},
    {"POST /cases/{id}/identity", "nnyynnnn"},
    {"POST /cases/{id}/identity/edit", "nnyynnnn"},
    {"POST /cases/{id}/informed", "nyyynnnn"},
    {"POST /cases/{id}/close", "nyyynnnn"},
    {"GET /api/v1/cases", "nyyyynyy"},
    {"GET /api/v1/tables/{id}/cases", "nyyyynnn"},
    {"POST /api/v1/tables/{id}/cases", "nnyynnnn"},
    {"GET /api/v1/cases/{id}", "nyyyynnn"},
    {"GET /api/v1/cases/{id}/identity", "nnyynnnn"},
    {"PUT /api/v1/cases/{id}/identity", "nnyynnnn"},
    {"POST /api/v1/cases/{id}/informed", "nyyynnnn"},
    {"POST /api/v1/cases/{id}/close", "nyyynnnn"},
    {"GET /api/v1/situations", "nyyyyyyy"},
    // The care-offer catalogue (issue 16): every signed-in user reads it.
    {"GET /api/v1/hsds/services", "nyyyyyyy"},
    {"GET /care/services", "nyyyyyyy"},
    {"POST /api/v1/situations", "nyyynnyy"},
    {"GET /api/v1/situations/{id}", "nyyyyynn"},
    {"PUT /api/v1/situations/{id}", "nyyynnnn"},
    {"POST /api/v1/situations/{id}/stage", "nyyynnnn"},
    {"POST /api/v1/situations/{id}/actions", "nyyynnnn"},
    {"PATCH /api/v1/situations/{id}/actions/{action}", "nyyynnnn"},
    {"POST /api/v1/situations/{id}/voices", "nyyynnnn"},
    {"PUT /api/v1/situations/{id}/goals", "nyyynnnn"},
    // consents: a given consent of A (a signed form uploaded) for a case on A's care
    // track and B's safety track. A's practitioners record, answer, withdraw and read
    // it; A's DPO reads; B sees it only as a summary on the case (not here: 403);
    // B's practitioners record their own for the case; observers and platform
    // admins nothing. Giving or refusing a given consent is the use case's 409.
    {"GET /consents", "nnyyynyy"},
    {"GET /consents/new", "nnyynnyy"},
    {"POST /consents/new", "nnyynnyy"},
    {"GET /consents/{id}", "nnyyynnn"},
    {"POST /consents/{id}/give", "nneennnn"},
    {"POST /consents/{id}/refuse", "nneennnn"},
    {"POST /consents/{id}/withdraw", "nnyynnnn"},
    {"POST /consents/{id}/evidence", "nnyynnnn"},
    {"GET /consents/{id}/evidence", "nnyyynnn"},
    {"GET /consents/{id}/form", "nnyyynnn"},
    {"GET /api/v1/consents", "nnyyynyy"},
    {"POST /api/v1/consents", "nnyynnyy"},
    {"GET /api/v1/consents/{id}", "nnyyynnn"},
    {"POST /api/v1/consents/{id}/give", "nneennnn"},
    {"POST /api/v1/consents/{id}/refuse", "nneennnn"},
    {"POST /api/v1/consents/{id}/withdraw", "nnyynnnn"},
    {"PUT /api/v1/consents/{id}/evidence", "nnyynnnn"},
    {"GET /api/v1/consents/{id}/evidence", "nnyyynnn"},
    // the reference index (issue 15): practitioners and organisation admins of any
    // organisation, each for their own; the path names no signal or match of the
    // seeded world (404 for everyone signed in, like a notification of someone
    // else), and an empty registration is refused by the use case (400). Refusals by
    // role of the record routes: tests/index/index_routes_test.cc.
    {"GET /api/v1/index/signals", "nnyynnyy"},
    {"POST /api/v1/index/signals", "nneennee"},
    {"DELETE /api/v1/index/signals/{id}", "neeeeeee"},
    {"GET /api/v1/index/matches", "nnyynnyy"},
    {"POST /api/v1/index/matches/{id}/confirm", "neeeeeee"},
    {"POST /api/v1/index/matches/{id}/reject", "neeeeeee"},
    {"GET /index", "nnyynnyy"},
    {"POST /index", "nneennee"},
    {"POST /index/signals/{id}/withdraw", "neeeeeee"},
    {"GET /index/matches", "nnyynnyy"},
    {"POST /index/matches/{id}/confirm", "neeeeeee"},
    {"POST /index/matches/{id}/reject", "neeeeeee"},
    // state of necessity and art. 458bis: a report of member A with the DPO's question
    // open. Professionals (admins, members) report; the author and the DPO of the
    // author's organisation read a report; the author answers; the DPO alone reviews.
    {"GET /necessity", "nnyynnyy"},
    {"GET /necessity/new", "nnyynnyy"},
    {"POST /necessity/new", "nnyynnyy"},
    {"GET /necessity/{id}", "nnnyynnn"},
    {"POST /necessity/{id}/answer", "nnnynnnn"},
    {"GET /dpo/reviews", "nnnnynnn"},
    {"GET /dpo/reviews/{id}", "nnnnynnn"},
    {"POST /dpo/reviews/{id}/question", "nnnnynnn"},
    {"POST /dpo/reviews/{id}/accept", "nnnnynnn"},
    {"POST /dpo/reviews/{id}/not-accept", "nnnnynnn"},
    {"GET /api/v1/necessity", "nnyynnyy"},
    {"POST /api/v1/necessity", "nnyynnyy"},
    {"GET /api/v1/necessity/{id}", "nnnyynnn"},
    {"POST /api/v1/necessity/{id}/answer", "nnnynnnn"},
    {"GET /api/v1/dpo/reviews", "nnnnynnn"},
    {"GET /api/v1/dpo/reviews/{id}", "nnnnynnn"},
    {"POST /api/v1/dpo/reviews/{id}/question", "nnnnynnn"},
    {"POST /api/v1/dpo/reviews/{id}/accept", "nnnnynnn"},
    {"POST /api/v1/dpo/reviews/{id}/not-accept", "nnnnynnn"},
    // contributions: member A's contribution to the situation of A (shared with nobody);
    // a practitioner of the source adds, reads, exports, forwards; the DPO reads.
    {"GET /api/v1/contributions", "nyyyyynn"},  // ?situation=: those the caller's organisation may know of
    {"POST /api/v1/contributions", "nnyynnnn"},
    {"GET /api/v1/contributions/{id}", "nnyyynnn"},
    {"GET /api/v1/contributions/{id}/export", "nnyynnnn"},
    {"POST /api/v1/contributions/{id}/forward", "nnyynnnn"},
    {"POST /situations/{id}/contributions", "nnyynnnn"},
    {"GET /contributions/{id}/export", "nnyynnnn"},
    // The case of the consents below (A care, B safety): everyone who may see the case
    // lists the contributions it may know of; A's practitioners add on the care track.
    {"GET /cases/{id}/contributions", "nyyyyyyy"},
    {"POST /cases/{id}/contributions", "nnyynnnn"},
};

const std::vector<std::uint8_t> kSecret = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};

// A freshly seeded world and a router over it, built by cli::build_router exactly as
// `tafel serve` builds it (with a manual clock and fast fake crypto).
struct World {
  app::ManualClock clock{app::Instant{std::chrono::seconds{1'800'000'000}}};
  test_support::FakeCrypto crypto;
  app::cases::MemoryCaseDirectory cases;  // the cases consents read (the cases store lands separately)
  std::unique_ptr<test_support::TestDatabase> db;
  std::shared_ptr<cli::Runtime> runtime;
  app::accounts::AccountService* accounts = nullptr;
  app::directory::DirectoryService* directory = nullptr;
  http::Metrics metrics;
  http::Router router;
  std::shared_ptr<http::ApiDocument> document;

  directory::OrganisationId org_a = 0, org_b = 0;
  access::UserId target_user = 0;
  directory::ContactPointId contact_point = 0;
  directory::AreaId area = 0;
  directory::TopicId topic = 0;
  agreement::AgreementId agreement_draft = 0, agreement_in_force = 0;
  std::string agreement_hash, sign_code;  // the draft's hash; a TOTP code fresh for every caller
  // A consultation table of A: meetings open (draft minutes), planned, closed (frozen minutes).
  std::int64_t table = 0, meeting_open = 0, meeting_planned = 0, meeting_closed = 0, case_item = 0, action = 0;
  std::int64_t police = 0, feedback = 0;  // a police organisation; a draft feedback form of the open meeting
  std::int64_t situation = 0, situation_action = 0;  // a situation of A (scanning) and its action
  std::int64_t consent_case = 1, consent = 0;  // a case (A care, B safety) and A's given consent
  std::int64_t necessity_report = 0, dpo_review = 0;  // member A's report; its review, a question open
  std::int64_t case_id = 0;                           // a case at the table of A
  std::int64_t contribution = 0;  // member A's contribution to that situation
  // Per caller (index 1..7): session cookie, CSRF token, own API-token id, user id.
  std::string cookie[kCallers], csrf[kCallers];
  std::int64_t token_id[kCallers] = {};
  access::UserId user[kCallers] = {};
};

// A world with an empty, migrated database and every route registered.
std::unique_ptr<World> make_router_world(storage::Engine engine = storage::Engine::sqlite) {
  auto w = std::make_unique<World>();
  auto db = test_support::TestDatabase::create(engine);
  if (!db) {
    ADD_FAILURE() << db.error().message;
    return nullptr;
  }
  w->db = std::move(*db);
  cli::Runtime::Options options;
  options.clock = &w->clock;
  options.crypto = &w->crypto;
  options.cases = &w->cases;
  options.audit_key_path =
      (std::filesystem::temp_directory_path() / ("tafel-routes-" + std::to_string(::getpid()) + ".key")).string();
  auto runtime = cli::Runtime::create(w->db->shared_database(), options);
  if (!runtime) {
    ADD_FAILURE() << runtime.error().message;
    return nullptr;
  }
  w->runtime = std::move(*runtime);
  w->accounts = &w->runtime->accounts();
  w->directory = &w->runtime->directory();
  http::add_operational_routes(w->router, w->metrics, [] { return Result<void>{}; });
  w->document = cli::build_router(w->router, *w->runtime, web::Options{});
  return w;
}

std::unique_ptr<World> make_world(storage::Engine engine = storage::Engine::sqlite) {
  auto w = make_router_world(engine);
  if (!w) return nullptr;

  access::Principal root{0, 0, Role::platform_admin, true};
  w->area = *w->directory->create_area(root, {0, directory::AreaKind::municipality, "Rivierstad", std::nullopt});
  w->topic = w->directory->topics(root)->front().id;
  auto org = [&](const char* name) {
    directory::Organisation o;
    o.name = name;
    o.finality = "Wat we doen.";
    o.languages = {"nl"};
    o.areas = {w->area};
    return *w->directory->create_organisation(root, o);
  };
  w->org_a = org("Organisatie A");
  w->org_b = org("Organisatie B");
  const std::pair<Role, directory::OrganisationId> callers[kCallers] = {
      {Role::observer, 0},           {Role::platform_admin, w->org_a}, {Role::organisation_admin, w->org_a},
      {Role::member, w->org_a},      {Role::dpo, w->org_a},            {Role::observer, w->org_a},
      {Role::organisation_admin, w->org_b}, {Role::member, w->org_b}};
  for (int i = 1; i < kCallers; ++i) {
    access::User u;
    u.organisation_id = callers[i].second;
    u.email = std::string(kCallerNames[i]) + "@example.org";
    u.display_name = kCallerNames[i];
    u.role = callers[i].first;
    w->user[i] = *w->accounts->provision_user(u, "a long password", kSecret);
  }
  access::User target;
  target.organisation_id = w->org_a;
  target.email = "target@example.org";
  target.display_name = "Target";
  w->target_user = *w->accounts->provision_user(target, "a long password", kSecret);
  w->contact_point =
      *w->directory->save_contact_point(root, {0, w->org_a, w->topic, w->area, w->user[3], {w->target_user}, "", "", {"nl"}});

  for (int i = 1; i < kCallers; ++i) {
    w->clock.advance(std::chrono::seconds(30));  // a fresh TOTP step for each login
    auto first = w->accounts->login(std::string(kCallerNames[i]) + "@example.org", "a long password", "192.0.2.1");
    if (!first || first->session_token.empty()) {
      ADD_FAILURE() << kCallerNames[i] << " cannot log in: " << (first ? "refused" : first.error().message);
      return nullptr;
    }
    std::string token = first->session_token;
    std::string csrf = first->csrf_token;
    if (first->status == app::accounts::LoginOutcome::Status::second_factor_needed) {
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(w->clock.now().time_since_epoch()).count();
      auto code = w->crypto.hotp(kSecret, static_cast<std::uint64_t>(access::totp_step(seconds)));
      auto second = w->accounts->verify_second_factor(token, code, "192.0.2.1");
      token = second->session_token;
      csrf = second->csrf_token;
    }
    w->cookie[i] = token;
    w->csrf[i] = csrf;
    auto who = **w->accounts->authenticate(token);
    w->token_id[i] = w->accounts->create_api_token(who, "mine", {"directory:read"}, "192.0.2.1")->id;
  }

  // Two agreements between A and B: a draft, and one both have signed.
  agreement::Document d;
  d.title = "Afspraak A-B";
  d.valid_from = 1'700'000'000'000'000;
  d.review_date = 1'900'000'000'000'000;
  d.parties = {{std::to_string(w->org_a), "Finaliteit A", {}, {}}, {std::to_string(w->org_b), "Finaliteit B", {}, {}}};
  auto draft = agreement::Agreement::create(d, w->user[2], d.valid_from, storage::audit_sha256);
  w->agreement_draft = *w->runtime->agreement_store().create(*draft);
  w->agreement_hash = draft->latest().hash;
  auto signed_both = agreement::Agreement::create(d, w->user[2], d.valid_from, storage::audit_sha256);
  (void)signed_both->sign(std::to_string(w->org_a), w->user[2], w->agreement_hash, d.valid_from);
  (void)signed_both->sign(std::to_string(w->org_b), w->user[6], w->agreement_hash, d.valid_from);
  w->agreement_in_force = *w->runtime->agreement_store().create(*signed_both);
  // Every caller logged in at an earlier TOTP step than this one.
  auto now_s = std::chrono::duration_cast<std::chrono::seconds>(w->clock.now().time_since_epoch()).count();
  w->sign_code = w->crypto.hotp(kSecret, static_cast<std::uint64_t>(access::totp_step(now_s)));

  // A consultation table of A: member A chairs, admin A is its secretary.
  auto& tables = w->runtime->tables();
  const app::tables::Caller chair{{w->user[3], w->org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  const app::tables::Caller secretary{{w->user[2], w->org_a, Role::organisation_admin, true}, {"seed", "192.0.2.1"}};
  app::tables::TableDraft td;
  td.name = "Tafel A";
  td.kind = tables::TableKind::mixed;
  td.basis = tables::LegalBasis::decree;
  td.basis_reference = "Decreet 17 juli 2020, art. 5";
  td.finality = {sharing::Purpose::integrity};
  td.members = {w->org_a};
  td.delegates = {{w->user[3], w->org_a, tables::TableRole::chair}, {w->user[2], w->org_a, tables::TableRole::secretary}};
  td.secrecy_text = "Wat hier gezegd wordt, blijft aan tafel.";
  auto table = tables.create_table(chair, td);
  if (!table) {
    ADD_FAILURE() << table.error().message;
    return nullptr;
  }
  w->table = table->id;
  // Case items open once a platform admin approved the decree (issue 11, point 9).
  if (!tables.approve_basis({{w->user[1], w->org_a, Role::platform_admin, true}, {"seed", "192.0.2.1"}}, w->table)) {
    ADD_FAILURE() << "cannot approve the table's basis";
    return nullptr;
  }
  auto meeting = [&](const char* start) { return tables.add_meeting(chair, w->table, *tables::parse_local_time(start), 90, "Stadhuis", "")->id; };
  w->meeting_open = meeting("2027-02-01T19:00");
  w->meeting_planned = meeting("2027-04-01T19:00");
  w->meeting_closed = meeting("2027-01-10T19:00");
  // A case at the table (A on the care track), named by the case item.
  app::cases::CaseDraft case_draft;
  case_draft.identity.name = "Naam";
  case_draft.identity.address = "Adres";
  case_draft.tracks = {{w->org_a, cases::Track::care}};
  auto opened = w->runtime->cases().open_case({chair.principal, chair.origin}, w->table, case_draft);
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return nullptr;
  }
  w->case_id = opened->id;
  tables::AgendaItem item;
  item.kind = tables::ItemKind::case_item;
  item.title = "Casus";
  item.case_id = w->case_id;
  bool ok = tables.open_meeting(chair, w->table, w->meeting_open) &&
            tables.record_attendance(chair, w->table, w->meeting_open, w->user[3], w->org_a, tables::Presence::present) &&
            tables.record_attendance(chair, w->table, w->meeting_open, w->user[2], w->org_a, tables::Presence::present) &&
            tables.acknowledge_secrecy(chair, w->table, w->meeting_open) &&
            tables.acknowledge_secrecy(secretary, w->table, w->meeting_open) &&
            tables.draft_minutes(secretary, w->table, w->meeting_open, "Verslag") &&
            tables.open_meeting(chair, w->table, w->meeting_closed) &&
            tables.record_attendance(chair, w->table, w->meeting_closed, w->user[3], w->org_a, tables::Presence::present) &&
            tables.draft_minutes(secretary, w->table, w->meeting_closed, "Vastgelegd verslag") &&
            tables.approve_minutes(chair, w->table, w->meeting_closed) &&
            tables.close_meeting(chair, w->table, w->meeting_closed);
  auto added = tables.add_agenda_item(chair, w->table, w->meeting_open, item);
  tables::ActionItem action;
  action.description = "Bellen";
  action.owner_organisation = w->org_a;
  action.owner_user = w->user[3];
  action.due = "2027-02-15";
  auto agreed = tables.add_action(chair, w->table, w->meeting_open, action);
  if (!ok || !added || !agreed) {
    ADD_FAILURE() << "cannot seed the consultation table";
    return nullptr;
  }
  w->case_item = added->id;
  w->action = agreed->id;
  directory::Organisation police;
  police.name = "Politie";
  police.finality = "Veiligheid.";
  police.languages = {"nl"};
  police.areas = {w->area};
  police.sector = sharing::Sector::police;
  w->police = *w->directory->create_organisation(root, police);
  auto feedback = tables.draft_feedback(chair, w->table, w->meeting_open,
                                        {w->police, {w->case_item}, "Advies", {sharing::Category::aggregate},
                                         sharing::Purpose::integrity});
  if (!feedback) {
    ADD_FAILURE() << feedback.error().message;
    return nullptr;
  }
  w->feedback = feedback->id;

  // A situation of A, ready to move to analysis, with one action.
  const app::situations::Caller member_a{{w->user[3], w->org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  app::situations::SituationDraft sd;
  sd.title = "Jongeren aan het station";
  sd.behaviour = "Samenscholing in de vroege avond";
  sd.area = w->area;
  auto situation = w->runtime->situations().create(member_a, sd, false);
  if (!situation) {
    ADD_FAILURE() << situation.error().message;
    return nullptr;
  }
  w->situation = situation->id;
  auto situation_action =
      w->runtime->situations().add_action(member_a, w->situation, {0, "Gesprek", w->org_a, 0, "2027-03-01"}, false);
  if (!situation_action) {
    ADD_FAILURE() << situation_action.error().message;
    return nullptr;
  }
  w->situation_action = situation_action->id;

  // A case on A's care track and B's safety track, and A's given consent for it.
  w->cases.put({w->consent_case, w->table, true, false, false, {w->org_a}, {w->org_b}});
  const app::consents::Caller consent_member_a{{w->user[3], w->org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  app::consents::ConsentDraft cd;
  cd.case_id = w->consent_case;
  cd.recipients = {consents::Recipient{consents::Recipient::Kind::organisation, w->org_b}};
  cd.categories = {sharing::Category::identity};
  cd.purposes = {sharing::Purpose::care};
  auto consent = w->runtime->consents().record(consent_member_a, cd);
  std::string pdf = "%PDF-1.4 signed";
  auto attached = consent ? w->runtime->consents().attach_evidence(
                                consent_member_a, consent->id,
                                std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(pdf.data()), pdf.size()))
                          : consent;
  auto given = attached ? w->runtime->consents().give(consent_member_a, consent->id, {}) : attached;
  if (!given) {
    ADD_FAILURE() << given.error().message;
    return nullptr;
  }
  w->consent = consent->id;
  // A state-of-necessity report of member A to B, and the DPO's question on it.
  const app::necessity::Caller reporter{{w->user[3], w->org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  app::necessity::Claim claim;
  claim.ground = sharing::Ground::necessity;
  claim.recipient = w->org_b;
  claim.categories = {sharing::Category::identity};
  claim.justification.danger = sharing::Danger::serious_imminent;
  claim.justification.higher_value = "Het leven van een derde";
  claim.justification.other_means_exhausted = true;
  claim.reasoning = "Acuut gevaar";
  auto report = w->runtime->necessity().submit(reporter, claim);
  if (!report || !report->report) {
    ADD_FAILURE() << (report ? "the engine refused the seeded report" : report.error().message);
    return nullptr;
  }
  w->necessity_report = report->report->id;
  const app::necessity::Caller dpo{{w->user[4], w->org_a, Role::dpo, true}, {"seed", "192.0.2.1"}};
  w->dpo_review = w->runtime->necessity().queue(dpo)->front().id;
  if (!w->runtime->necessity().ask(dpo, w->dpo_review, "Welke andere middelen?")) {
    ADD_FAILURE() << "cannot ask the seeded question";
    return nullptr;
  }
  const app::contributions::Caller contributor{member_a.principal, member_a.origin};
  app::contributions::Draft contribution_draft;
  contribution_draft.situation = w->situation;
  contribution_draft.parts = {{sharing::Category::aggregate, "Samenscholing aan het station"}};
  contribution_draft.purpose = sharing::Purpose::public_order;
  auto contribution = w->runtime->contributions().add(contributor, contribution_draft, {});
  if (!contribution || !contribution->contribution) {
    ADD_FAILURE() << "cannot add the contribution";
    return nullptr;
  }
  w->contribution = contribution->contribution->id;
  return w;
}

std::string fill_path(const World& w, const std::string& pattern, int caller) {
  std::string path = pattern;
  auto replace = [&](const std::string& from, const std::string& to) {
    if (auto pos = path.find(from); pos != std::string::npos) path.replace(pos, from.size(), to);
  };
  replace("/me/tokens/{id}", "/me/tokens/" + std::to_string(w.token_id[caller]));
  replace("/account/tokens/{id}", "/account/tokens/" + std::to_string(w.token_id[caller]));
  replace("/organisations/{id}", "/organisations/" + std::to_string(w.org_a));
  replace("/users/{id}", "/users/" + std::to_string(w.target_user));
  replace("/contact-points/{id}", "/contact-points/" + std::to_string(w.contact_point));
  bool in_force = pattern.ends_with("/versions") || pattern.ends_with("/status");
  replace("/agreements/{id}", "/agreements/" + std::to_string(in_force ? w.agreement_in_force : w.agreement_draft));
  if (pattern.find("tables/{id}") != std::string::npos) {
    replace("tables/{id}", "tables/" + std::to_string(w.table));
    bool planned = pattern.ends_with("/move") || pattern.ends_with("/cancel") || pattern.ends_with("/open");
    std::int64_t m = pattern.ends_with("/corrections") ? w.meeting_closed : planned ? w.meeting_planned : w.meeting_open;
    replace("{meeting}", std::to_string(m));
    replace("{item}", std::to_string(w.case_item));
    replace("{action}", std::to_string(w.action));
    replace("{feedback}", std::to_string(w.feedback));
  }
  replace("consents/{id}", "consents/" + std::to_string(w.consent));
  if (pattern.find("cases/{id}") != std::string::npos) replace("cases/{id}", "cases/" + std::to_string(w.case_id));
  if (pattern.find("situations/{id}") != std::string::npos) {
    replace("situations/{id}", "situations/" + std::to_string(w.situation));
    replace("{action}", std::to_string(w.situation_action));
  }
  replace("necessity/{id}", "necessity/" + std::to_string(w.necessity_report));
  replace("dpo/reviews/{id}", "dpo/reviews/" + std::to_string(w.dpo_review));
  replace("contributions/{id}", "contributions/" + std::to_string(w.contribution));
  replace("/cases/{id}", "/cases/" + std::to_string(w.consent_case));
  replace("/calendar/{token}", "/calendar/tafelcal_unknown");
  replace("notifications/{id}", "notifications/1");  // the secretary's invitation to the first meeting
  replace("{lang}", "fr");
  replace("{*path}", "images/logo.svg");
  return path;
}

// Bodies for the consultation-table routes (API: JSON; pages: form fields).
std::string table_body_for(const World& w, const std::string& key, int caller) {
  const std::string n = std::to_string(caller), a = std::to_string(w.org_a);
  const std::string chair = std::to_string(w.user[3]), secretary = std::to_string(w.user[2]);
  const std::string m = "/meetings/{meeting}";
  static const std::map<std::string, std::string> kJson = {
      {"POST /api/v1/tables/{id}/secrecy-text", R"({"text":"Nieuwe tekst"})"},
      {"POST /api/v1/tables/{id}/series", R"({"rule":"FREQ=MONTHLY;BYDAY=2TU","start":"2027-02-09T19:00"})"},
      {"POST /api/v1/tables/{id}/meetings", R"({"start":"2027-05-03T19:00"})"},
      {"POST /api/v1/tables/{id}/meetings/{meeting}/move", R"({"start":"2027-04-02T19:00"})"},
      {"POST /api/v1/tables/{id}/meetings/{meeting}/items", R"({"kind":"information","title":"Punt"})"},
      {"POST /api/v1/tables/{id}/meetings/{meeting}/items/{item}/time-used", R"({"minutes":5})"},
      {"POST /api/v1/tables/{id}/meetings/{meeting}/decisions", R"({"text":"Besluit"})"},
      {"PUT /api/v1/tables/{id}/meetings/{meeting}/minutes", R"({"markdown":"Nieuw verslag"})"},
      {"POST /api/v1/tables/{id}/meetings/{meeting}/minutes/corrections", R"({"markdown":"Verbeterd","reason":"Tikfout"})"},
      {"POST /api/v1/tables/{id}/actions/{action}/status", R"({"status":"done"})"},
      {"POST /tables/{id}/meetings", "start_date=2027-05-03&start_time=19%3A00&duration=60"},
      {"POST /tables/{id}/actions/{action}/status", "status=done"},
      {"POST /tables/{id}/meetings/{meeting}/status", "status=close"},
      {"POST /tables/{id}/meetings/{meeting}/items", "kind=information&title=Punt&time_box=10"},
      {"POST /tables/{id}/meetings/{meeting}/decisions", "text=Besluit"},
      {"POST /tables/{id}/meetings/{meeting}/minutes", "markdown=Nieuw+verslag"},
  };
  if (auto it = kJson.find(key); it != kJson.end()) return it->second;
  if (key == "POST /api/v1/tables") return R"({"name":"Tafel )" + n + R"(","members":[)" + a + "]}";
  if (key == "POST /tables/new") return "name=Tafel+" + n + "&kind=thematic&basis=none&members=" + a;
  if (key == "PUT /api/v1/tables/{id}") {
    return R"({"name":"Tafel A2","kind":"mixed","basis":"decree","basis_reference":"Decreet","members":[)" + a +
           R"(],"delegates":[{"user":)" + chair + R"(,"organisation":)" + a + R"(,"role":"chair"},{"user":)" +
           secretary + R"(,"organisation":)" + a + R"(,"role":"secretary"}]})";
  }
  if (key == "POST /api/v1/tables/{id}" + m + "/attendance") {
    return R"({"user":)" + chair + R"(,"organisation":)" + a + R"(,"presence":"present"})";
  }
  if (key == "POST /tables/{id}" + m + "/attendance") return "person=" + chair + "&presence=present";
  if (key == "POST /api/v1/tables/{id}" + m + "/actions") {
    return R"({"description":"Bellen","owner_organisation":)" + a + R"(,"due":"2027-03-01"})";
  }
  if (key == "POST /tables/{id}" + m + "/actions") {
    return "description=Bellen&owner_organisation=" + a + "&due=2027-03-01";
  }
  if (key == "POST /tables/{id}" + m + "/time-used") return "item=" + std::to_string(w.case_item) + "&minutes=5";
  const std::string item = std::to_string(w.case_item), police = std::to_string(w.police);
  if (key == "POST /tables/{id}" + m + "/carry-over") return "item=" + item + "&carry=1";
  if (key == "POST /tables/{id}" + m + "/declined" || key == "POST /tables/{id}" + m + "/declined/withdraw") {
    return "item=" + item + "&reason=none";
  }
  if (key == "POST /tables/{id}" + m + "/feedback") {
    return "recipient=" + police + "&items=" + item + "&text=Advies&categories=aggregate&purpose=integrity";
  }
  if (key == "POST /tables/{id}" + m + "/feedback/{feedback}/answers") return "consent=yes";
  if (key == "POST /api/v1/tables/{id}" + m + "/items/{item}/carry-over") return R"({"carry":true})";
  if (key == "POST /api/v1/tables/{id}" + m + "/items/{item}/declined") return R"({"reason":"not_relevant"})";
  if (key == "POST /api/v1/tables/{id}" + m + "/feedback") {
    return R"({"recipient":)" + police + R"(,"item_ids":[)" + item +
           R"(],"text":"Advies","categories":["aggregate"],"purpose":"integrity"})";
  }
  if (key == "POST /api/v1/tables/{id}" + m + "/feedback/{feedback}/answers") return R"({"consent":true})";
  return "";
}

// Bodies for the consent routes (API: JSON, the raw form for evidence; pages: form
// fields, a multipart form for evidence).
constexpr std::string_view kBoundary = "tafelboundary";
std::string consent_body_for(const World& w, const std::string& key) {
  std::string kase = std::to_string(w.consent_case);
  if (key == "POST /api/v1/consents") {
    return R"({"case":)" + kase + R"(,"recipients":["*"],"categories":["identity"],"purposes":["care"]})";
  }
  if (key == "POST /consents/new") return "case=" + kase + "&recipient=*&category=identity&purpose=care";
  if (key == "POST /api/v1/consents/{id}/give" || key == "POST /api/v1/consents/{id}/refuse") {
    return R"({"giver":"person","witness_name":"An","witness_function":"teamleider"})";
  }
  if (key == "POST /consents/{id}/give" || key == "POST /consents/{id}/refuse") {
    return "giver=person&witness_name=An&witness_function=teamleider";
  }
  if (key == "PUT /api/v1/consents/{id}/evidence") return "%PDF-1.4 another";
  if (key == "POST /consents/{id}/evidence") {
    std::string b(kBoundary);
    return "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.pdf\"\r\n" +
           "Content-Type: application/pdf\r\n\r\n%PDF-1.4 again\r\n--" + b + "--\r\n";
  }
  return "";
}

// Bodies for the situation routes (API: JSON; pages: form fields).
std::string situation_body_for(const World& w, const std::string& key) {
  const std::string a = std::to_string(w.org_a);
  if (key == "POST /api/v1/situations" || key == "PUT /api/v1/situations/{id}") {
    return R"({"title":"Park","behaviour":"Luide muziek","address":"Stadspark"})";
  }
  if (key == "POST /api/v1/situations/{id}/actions") {
    return R"({"description":"Gesprek","owner_organisation":)" + a + R"(,"due":"2027-03-01"})";
  }
  if (key == "PATCH /api/v1/situations/{id}/actions/{action}") return R"({"status":"done"})";
  if (key == "POST /api/v1/situations/{id}/voices") return R"({"quote":"Hier is niets te doen","date":"2027-01-05"})";
  if (key == "PUT /api/v1/situations/{id}/goals") return R"({"goals":[{"organisation":)" + a + R"(,"text":"Rust"}]})";
  if (key == "POST /situations/new" || key == "POST /situations/{id}/edit") {
    return "title=Park&behaviour=Luide+muziek&address=Stadspark";
  }
  if (key == "POST /situations/{id}/actions") return "description=Gesprek&owner_organisation=" + a + "&due=2027-03-01";
  if (key == "POST /situations/{id}/actions/{action}/status") return "status=done";
  if (key == "POST /situations/{id}/voices") return "quote=Hier+is+niets+te+doen&date=2027-01-05";
  if (key == "POST /situations/{id}/goals") return "organisation=" + a + "&text=Rust";
  return "";
}

// Bodies for the necessity and DPO review routes (API: JSON; pages: form fields).
std::string necessity_body_for(const World& w, const std::string& key) {
  const std::string b = std::to_string(w.org_b);
  if (key == "POST /api/v1/necessity") {
    return R"({"ground":"necessity","recipient":)" + b +
           R"(,"categories":["identity"],"danger":"serious_imminent","higher_value":"Leven","other_means_exhausted":true,"reasoning":"Acuut"})";
  }
  if (key == "POST /necessity/new") {
    return "ground=necessity&recipient=" + b +
           "&categories=identity&purpose=integrity&danger=serious_imminent&higher_value=Leven&other_means_exhausted=1"
           "&reasoning=Acuut";
  }
  if (key == "POST /api/v1/necessity/{id}/answer" || key == "POST /api/v1/dpo/reviews/{id}/question") {
    return R"({"text":"Tekst"})";
  }
  if (key == "POST /api/v1/dpo/reviews/{id}/not-accept") return R"({"reason":"Reden"})";
  if (key == "POST /necessity/{id}/answer") return "answer=Tekst";
  if (key == "POST /dpo/reviews/{id}/question") return "question=Tekst";
  if (key == "POST /dpo/reviews/{id}/not-accept") return "reason=Reden";
  return "";
}

// Bodies for the case routes (API: JSON; pages: form fields).
std::string case_body_for(const World& w, const std::string& key) {
  const std::string a = std::to_string(w.org_a);
  if (key == "POST /api/v1/tables/{id}/cases") return R"({"name":"Naam","care_organisations":[)" + a + "]}";
  if (key == "POST /tables/{id}/cases/new") return "name=Naam&care=" + a;
  if (key == "PUT /api/v1/cases/{id}/identity") return R"({"name":"Andere naam"})";
  if (key == "POST /cases/{id}/identity/edit") return "name=Andere+naam";
  if (key == "POST /api/v1/cases/{id}/informed") return R"({"informed":"yes"})";
  if (key == "POST /cases/{id}/informed") return "informed=yes";
  return "";
}

// Bodies for the contribution routes (API: JSON; pages: form fields).
std::string contribution_body_for(const World& w, const std::string& key) {
  if (key == "POST /api/v1/contributions") {
    return R"({"situation":)" + std::to_string(w.situation) +
           R"(,"purpose":"public_order","parts":[{"category":"aggregate","text":"Luide muziek"}]})";
  }
  if (key == "POST /api/v1/contributions/{id}/forward") return R"({"recipient":)" + std::to_string(w.org_b) + "}";
  if (key == "POST /situations/{id}/contributions" || key == "POST /cases/{id}/contributions") {
    return "kind=note&classification=internal&purpose=public_order&part_aggregate=Luide+muziek";
  }
  return "";
}

std::string body_for(const World& w, const std::string& key, int caller) {
  std::string n = std::to_string(caller);
  if (key.find("necessity") != std::string::npos || key.find("dpo/reviews") != std::string::npos) {
    return necessity_body_for(w, key);
  }
  if (key == "POST /api/v1/session") return R"({"email":"member_A@example.org","password":"wrong"})";
  if (key == "POST /api/v1/session/second-factor") return R"({"code":"000000"})";
  if (key == "POST /api/v1/me/password") return R"({"current":"a long password","new":"another long password"})";
  if (key == "POST /api/v1/me/second-factor/confirm") return R"({"code":"123456"})";
  if (key == "POST /api/v1/me/tokens") return R"({"name":"sync","scopes":["directory:read"]})";
  if (key == "POST /api/v1/organisations") {
    return R"({"name":"Nieuw )" + n + R"(","sector":"welfare","secrecy":"discretion","mission":"care","finality":"x","languages":["nl"]})";
  }
  if (key == "PUT /api/v1/organisations/{id}") return R"({"finality":"Nieuwe finaliteit )" + n + R"("})";
  if (key == "POST /api/v1/organisations/{id}/users") {
    return R"({"email":"new)" + n + R"(@example.org","display_name":"Nieuw","role":"member"})";
  }
  if (key == "PATCH /api/v1/users/{id}") return R"({"display_name":"Hernoemd )" + n + R"("})";
  if (key == "POST /api/v1/users/{id}/password-reset") return R"({"reset_second_factor":false})";
  if (key == "POST /api/v1/topics") return R"({"key":"topic)" + n + R"(","labels":{"nl":"a","fr":"b","en":"c"}})";
  if (key == "POST /api/v1/areas") return R"({"kind":"municipality","name":"Gemeente )" + n + R"("})";
  if (key == "POST /api/v1/contact-points" || key == "PUT /api/v1/contact-points/{id}") {
    return R"({"organisation_id":)" + std::to_string(w.org_a) + R"(,"topic_id":)" + std::to_string(w.topic) +
           R"(,"area_id":)" + std::to_string(w.area) + R"(,"primary":)" + std::to_string(w.user[3]) +
           R"(,"deputies":[)" + std::to_string(w.target_user) + R"(],"languages":["nl"]})";
  }
  const std::string a = std::to_string(w.org_a), b = std::to_string(w.org_b);
  if (key == "POST /api/v1/agreements" || key == "PUT /api/v1/agreements/{id}") {
    return R"({"title":"Afspraak )" + n + R"(","valid_from":"2026-01-01","review_date":"2027-01-01","parties":[)" +
           R"({"organisation":")" + a + R"(","finality":"A"},{"organisation":")" + b + R"(","finality":"B"}]})";
  }
  if (key == "POST /agreements/new" || key == "POST /agreements/{id}/edit") {
    return "title=Afspraak+" + n + "&valid_from=2026-01-01&review_date=2027-01-01&party_1=" + a +
           "&party_1_finality=A&party_2=" + b + "&party_2_finality=B";
  }
  if (key == "POST /api/v1/agreements/{id}/signatures") {
    return R"({"hash":")" + w.agreement_hash + R"(","code":")" + w.sign_code + R"("})";
  }
  if (key == "POST /agreements/{id}/sign") return "hash=" + w.agreement_hash + "&code=" + w.sign_code;
  if (key == "POST /api/v1/agreements/{id}/status") return R"({"status":"suspended"})";
  if (key == "POST /agreements/{id}/status") return "status=suspended";
  if (key == "POST /api/v1/decisions") {
    return R"({"recipient":)" + b + R"(,"categories":["aggregate"],"purpose":"public_order"})";
  }
  if (key == "POST /may-i-share") return "recipient=" + b + "&categories=aggregate&purpose=public_order";
  if (key == "POST /account/password") {
    return "current=a+long+password&new=another+long+password&confirm=another+long+password";
  }
  if (key == "POST /account/tokens") return "name=sync&scopes=directory%3Aread";
  if (key.find("contributions") != std::string::npos) return contribution_body_for(w, key);
  if (key.find("/cases") != std::string::npos) return case_body_for(w, key);
  if (key.find("tables") != std::string::npos) return table_body_for(w, key, caller);
  if (key.find("situations") != std::string::npos) return situation_body_for(w, key);
  if (key.find("consents") != std::string::npos) return consent_body_for(w, key);
  if (key == "POST /organisations" || key == "POST /organisations/{id}/edit") {
    return "name=Nieuw+" + n + "&sector=welfare&secrecy=discretion&reporting_duty=no&mission=care&finality=x&languages=nl";
  }
  if (key == "POST /organisations/{id}/users") {
    return "display_name=Nieuw&email=newpage" + n + "%40example.org&role=member&language=nl";
  }
  if (key == "POST /users/{id}") return "display_name=Hernoemd+" + n + "&language=nl&role=member&active=yes";
  if (key == "POST /organisations/{id}/contact-points" || key == "POST /contact-points/{id}/edit") {
    return "topic=" + std::to_string(w.topic) + "&area=" + std::to_string(w.area) + "&primary=" +
           std::to_string(w.user[3]) + "&deputies=" + std::to_string(w.target_user) + "&languages=nl";
  }
  return "";
}

http::Response send(World& w, const http::Route& route, int caller) {
  std::string key = route.method + " " + route.pattern;
  http::Request request;
  request.method = route.method;
  request.path = fill_path(w, route.pattern, caller);
  request.target = request.path;
  if (key == "GET /api/v1/security-events") {
    request.query.emplace("organisation", std::to_string(w.org_a));
    request.target += "?organisation=" + std::to_string(w.org_a);
  }
  if (key == "GET /api/v1/contributions") {
    request.query.emplace("situation", std::to_string(w.situation));
    request.target += "?situation=" + std::to_string(w.situation);
  }
  request.remote_address = "192.0.2.1";
  request.request_id = "test";
  request.headers.emplace_back("accept", "application/json");
  if (caller > 0) {
    request.headers.emplace_back("cookie", "tafel_session=" + w.cookie[caller]);
    request.headers.emplace_back("x-csrf-token", w.csrf[caller]);
  }
  request.body = body_for(w, key, caller);
  if (key == "POST /consents/{id}/evidence") {
    request.headers.emplace_back("content-type", "multipart/form-data; boundary=" + std::string(kBoundary));
  }
  return w.router.dispatch(request);
}

std::set<std::string> route_keys(const http::Router& router) {
  std::set<std::string> keys;
  for (const auto& r : router.routes()) keys.insert(r.method + " " + r.pattern);
  return keys;
}

TEST(RouteRoles, EveryRouteHasAnExpectation) {
  auto w = make_router_world();
  ASSERT_TRUE(w);
  for (const auto& key : route_keys(w->router)) {
    EXPECT_TRUE(kExpectations.count(key)) << "route without an entry in kExpectations: " << key;
  }
}

TEST(RouteRoles, EveryExpectationIsARoute) {
  auto w = make_router_world();
  ASSERT_TRUE(w);
  auto keys = route_keys(w->router);
  for (const auto& [key, row] : kExpectations) {
    EXPECT_TRUE(keys.count(key)) << "kExpectations names a route that does not exist: " << key;
    EXPECT_EQ(row.size(), static_cast<std::size_t>(kCallers)) << key;
  }
}

TEST(RouteRoles, EveryRouteAnswersEveryCallerAsExpected) {
  auto probe = make_router_world();
  ASSERT_TRUE(probe);
  for (const auto& route : probe->router.routes()) {
    std::string key = route.method + " " + route.pattern;
    auto it = kExpectations.find(key);
    if (it == kExpectations.end()) continue;  // reported by EveryRouteHasAnExpectation
    const std::string& row = it->second;
    auto world = make_world();
    ASSERT_TRUE(world);
    // Refused callers first, so an allowed caller's change cannot mask a refusal.
    std::vector<int> order;
    for (int c = 0; c < kCallers; ++c) {
      if (row[static_cast<std::size_t>(c)] != 'y') order.push_back(c);
    }
    for (int c = 0; c < kCallers; ++c) {
      if (row[static_cast<std::size_t>(c)] == 'y') order.push_back(c);
    }
    bool first_allowed = true;
    for (int c : order) {
      http::Response r = send(*world, route, c);
      std::string where = key + " as " + kCallerNames[c] + " -> " + std::to_string(r.status) + " " + r.body;
      switch (row[static_cast<std::size_t>(c)]) {
        case 'y':
          if (first_allowed) {
            EXPECT_LT(r.status, 400) << where;
            first_allowed = false;
          } else {
            EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status < 500) << where;
          }
          break;
        case 'n':
          if (c == 0 && key.find(" /api/") == std::string::npos) {
            // A page sends an anonymous visitor to the login page instead of a 401.
            auto location = r.header("location");
            EXPECT_TRUE(r.status == 303 && location.starts_with("/login")) << where;
          } else {
            EXPECT_EQ(r.status, c == 0 ? 401 : 403) << where;
          }
          break;
        case 'e':
        case 'p':
          EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status < 500) << where;
          break;
        default:
          EXPECT_LT(r.status, 500) << where;
      }
    }
  }
}

// Issue 11, point 4: the observer of a member organisation reads the table and the
// meeting (existence, schedule, agenda) but none of the minutes, decisions or
// feedback texts, in the pages and in the table JSON; a member does.
TEST(RouteRoles, ObserversSeeNoMinutesDecisionsOrFeedback) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  auto& tables = w.runtime->tables();
  const app::tables::Caller chair{{w.user[3], w.org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  const app::tables::Caller secretary{{w.user[2], w.org_a, Role::organisation_admin, true}, {"seed", "192.0.2.1"}};
  ASSERT_TRUE(tables.add_decision(chair, w.table, w.meeting_open, 0, "Besluitgeheim"));
  ASSERT_TRUE(tables.draft_minutes(secretary, w.table, w.meeting_open, "Verslaggeheim"));
  ASSERT_TRUE(tables.draft_feedback(chair, w.table, w.meeting_open,
                                    {w.police, {w.case_item}, "Fichegeheim", {sharing::Category::aggregate},
                                     sharing::Purpose::integrity}));
  // The page lists feedback forms by recipient and state (a link), the JSON has their text.
  const std::map<std::string, std::vector<std::string>> secrets = {
      {"/tables/{id}/meetings/{meeting}", {"Besluitgeheim", "Verslaggeheim", "/feedback/", "Bellen"}},
      {"/tables/{id}", {"Bellen"}},  // the seeded action: agreed in the meeting, an outcome like a decision
      {"/api/v1/tables/{id}", {"Besluitgeheim", "Verslaggeheim", "Fichegeheim", "Bellen"}}};
  for (const auto& [pattern, texts] : secrets) {
    const http::Route route{"GET", pattern, {}};
    http::Response observer = send(w, route, 5);
    ASSERT_EQ(observer.status, 200) << pattern;
    http::Response member = send(w, route, 3);
    ASSERT_EQ(member.status, 200) << pattern;
    for (const auto& secret : texts) {
      EXPECT_EQ(observer.body.find(secret), std::string::npos) << pattern << " shows an observer " << secret;
      EXPECT_NE(member.body.find(secret), std::string::npos) << pattern << " hides from a member " << secret;
    }
  }
}

// --- focused tests of real routes whose answer depends on the body (issue 11) -------

// A request as caller `caller` (index into kCallerNames) through the real router.
http::Response call(World& w, int caller, const std::string& method, const std::string& path,
                    const std::string& body = {}, bool json = true) {
  http::Request request;
  request.method = method;
  request.path = request.target = path;
  request.remote_address = "192.0.2.1";
  request.request_id = "test";
  request.headers.emplace_back("accept", json ? "application/json" : "text/html");
  if (!json) request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  request.headers.emplace_back("cookie", "tafel_session=" + w.cookie[caller]);
  request.headers.emplace_back("x-csrf-token", w.csrf[caller]);
  request.body = body;
  if (!json && !body.empty()) request.body += "&csrf_token=" + w.csrf[caller];
  return w.router.dispatch(request);
}

// Every audit entry, oldest first, straight from the log.
std::vector<core::audit::Entry> all_entries(World& w) {
  app::audit::AuditFilter filter;
  filter.oldest_first = true;
  filter.limit = app::audit::kMaxAuditPage;
  return *w.runtime->audit_trail().log().find(filter);
}

constexpr int kPlatformAdmin = 1, kAdminA = 2, kMemberA = 3, kDpoA = 4, kAdminB = 6;

// Issue 11, point 1: the refusals the route × role table cannot show, because they
// depend on the role in the body or on the target's role (tests/web/account_rights_test.cc
// has the pages and the credentials as well).
TEST(ReservedRoles, OnlyAPlatformAdminGrantsDpoOrResetsADpo) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  const std::string users = "/api/v1/organisations/" + std::to_string(w.org_a) + "/users";
  const std::string target = "/api/v1/users/" + std::to_string(w.target_user);
  const std::string dpo = "/api/v1/users/" + std::to_string(w.user[kDpoA]);
  EXPECT_EQ(call(w, kAdminA, "POST", users, R"({"email":"dpo2@example.org","display_name":"DPO 2","role":"dpo"})")
                .status,
            403);
  EXPECT_EQ(call(w, kAdminA, "PATCH", target, R"({"role":"dpo"})").status, 403);
  EXPECT_EQ(call(w, kAdminA, "PATCH", dpo, R"({"role":"member"})").status, 403);
  EXPECT_EQ(call(w, kAdminA, "POST", dpo + "/password-reset", "{}").status, 403);
  // The same requests from a platform admin are answered.
  EXPECT_EQ(call(w, kPlatformAdmin, "PATCH", target, R"({"role":"dpo"})").status, 200);
  EXPECT_EQ(call(w, kPlatformAdmin, "POST", dpo + "/password-reset", "{}").status, 200);
  // An organisation admin still manages an ordinary member of their own organisation.
  EXPECT_EQ(call(w, kAdminA, "PATCH", target, R"({"role":"member"})").status, 403)
      << "the target is a DPO now: demoting it is the platform admin's";
}

// Issue 11, point 3.
TEST(OrganisationFacts, OnlyAPlatformAdminChangesWhatTheSharingEngineDecidesOn) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  const std::string path = "/api/v1/organisations/" + std::to_string(w.org_a);
  access::Principal root{0, 0, Role::platform_admin, true};
  auto sector = [&] { return w.directory->profile(root, w.org_a)->organisation.sector; };

  auto refused = call(w, kAdminA, "PUT", path, R"({"sector":"police"})");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("organisation_facts"), std::string::npos) << refused.body;
  EXPECT_EQ(call(w, kAdminA, "PUT", path, R"({"secrecy":"professional","reporting_duty":true})").status, 403);
  EXPECT_EQ(sector(), sharing::Sector::other);
  // An update that leaves the facts as they are still works.
  auto same = call(w, kAdminA, "PUT", path, R"({"sector":"other","finality":"Nieuwe finaliteit"})");
  EXPECT_EQ(same.status, 200) << same.body;
  // The edit page shows them read-only and ignores them in a submitted form.
  auto page = call(w, kAdminA, "GET", "/organisations/" + std::to_string(w.org_a) + "/edit", "", false);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find(R"(name="sector")"), std::string::npos);
  EXPECT_NE(page.body.find("Alleen een platformbeheerder wijzigt dit"), std::string::npos);
  auto posted = call(w, kAdminA, "POST", "/organisations/" + std::to_string(w.org_a) + "/edit",
                     "name=Organisatie+A&sector=police&secrecy=none&reporting_duty=no&mission=care&finality=x&"
                     "languages=nl",
                     false);
  EXPECT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(sector(), sharing::Sector::other);

  auto changed = call(w, kPlatformAdmin, "PUT", path, R"({"sector":"police","secrecy":"professional"})");
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(sector(), sharing::Sector::police);
  std::map<std::string, std::string> audited;  // object_id -> rule
  for (const auto& e : all_entries(w)) {
    if (e.object_type == "organisation_fact") audited[e.object_id] = e.rule;
  }
  const std::string a = std::to_string(w.org_a);
  EXPECT_EQ(audited, (std::map<std::string, std::string>{{a + "/sector", "other->police"},
                                                         {a + "/secrecy", "none->professional"}}));
}

// Issue 11, point 3: an agreement keeps the facts it was signed on and says when a
// party's facts changed since.
TEST(OrganisationFacts, AnAgreementShowsThatAPartysFactsChangedSinceSigning) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  const std::string id = std::to_string(w.agreement_draft);
  const std::string sign = R"({"hash":")" + w.agreement_hash + R"(","code":")" + w.sign_code + R"("})";
  auto a = call(w, kAdminA, "POST", "/api/v1/agreements/" + id + "/signatures", sign);
  ASSERT_EQ(a.status, 201) << a.body;
  auto b = call(w, kAdminB, "POST", "/api/v1/agreements/" + id + "/signatures", sign);
  ASSERT_EQ(b.status, 201) << b.body;
  auto before = call(w, kMemberA, "GET", "/api/v1/agreements/" + id);
  EXPECT_NE(before.body.find(R"("facts_changed_since_signing":[])"), std::string::npos) << before.body;

  ASSERT_EQ(call(w, kPlatformAdmin, "PUT", "/api/v1/organisations/" + std::to_string(w.org_b),
                 R"({"secrecy":"professional"})").status, 200);
  auto after = call(w, kMemberA, "GET", "/api/v1/agreements/" + id);
  EXPECT_NE(after.body.find(R"("facts_changed_since_signing":[")" + std::to_string(w.org_b) + R"("])"),
            std::string::npos)
      << after.body;
  auto page = call(w, kMemberA, "GET", "/agreements/" + id, "", false);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Organisatie B"), std::string::npos);
  EXPECT_NE(page.body.find("zijn gewijzigd sinds deze versie werd ondertekend"), std::string::npos) << page.body;
}

// Issue 11, point 6: only the party that suspended resumes.
TEST(AgreementParties, APartyCannotResumeASuspensionDeclaredByAnother) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  const std::string status = "/api/v1/agreements/" + std::to_string(w.agreement_in_force) + "/status";
  ASSERT_EQ(call(w, kAdminA, "POST", status, R"({"status":"suspended"})").status, 200);
  auto refused = call(w, kAdminB, "POST", status, R"({"status":"in_force"})");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("not_suspending_party"), std::string::npos) << refused.body;
  auto resumed = call(w, kAdminA, "POST", status, R"({"status":"in_force"})");
  EXPECT_EQ(resumed.status, 200) << resumed.body;
  // A platform admin may lift anyone's suspension.
  ASSERT_EQ(call(w, kAdminB, "POST", status, R"({"status":"suspended"})").status, 200);
  EXPECT_EQ(call(w, kPlatformAdmin, "POST", status, R"({"status":"in_force"})").status, 200);
}

// Issue 11, point 6: a party of an earlier version only no longer manages it.
TEST(AgreementParties, AFormerPartyNoLongerManagesTheAgreement) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  auto a = *w.runtime->agreement_store().find(w.agreement_in_force);
  ASSERT_TRUE(a);
  const std::string org_a = std::to_string(w.org_a), org_b = std::to_string(w.org_b),
                    police = std::to_string(w.police);
  // Version 2: A and the police, without B; signed by both, so in force.
  const std::int64_t read_at = a->revision();
  ASSERT_TRUE(a->new_version(w.user[2], 1'700'000'000'000'001));
  agreement::Document d = a->latest().document;
  d.parties[1].organisation = police;
  ASSERT_TRUE(a->edit(d, storage::audit_sha256));
  ASSERT_TRUE(a->sign(org_a, w.user[2], a->latest().hash, 1'700'000'000'000'002));
  ASSERT_TRUE(a->sign(police, w.user[2], a->latest().hash, 1'700'000'000'000'002));
  ASSERT_TRUE(w.runtime->agreement_store().save(*a, read_at));
  const std::string base = "/api/v1/agreements/" + std::to_string(w.agreement_in_force);
  auto status = call(w, kAdminB, "POST", base + "/status", R"({"status":"suspended"})");
  EXPECT_EQ(status.status, 403) << status.body;
  EXPECT_EQ(call(w, kAdminB, "POST", base + "/versions").status, 403);
  EXPECT_EQ(call(w, kAdminB, "POST", "/agreements/" + std::to_string(w.agreement_in_force) + "/status",
                 "status=suspended", false).status,
            403);
  EXPECT_EQ(call(w, kAdminA, "POST", base + "/status", R"({"status":"suspended"})").status, 200);
}

// Issue 12, point 7: "may I share this?" takes no typed person. The API refuses the
// old "person" field with a clear 400 and a case the caller may not see with 404; a
// person tafel keeps no case for is audited under the recipient only; the page offers
// a list to pick from instead of a text field and refuses a typed value.
TEST(RouteRoles, MayIShareTakesNoTypedPersonAndAuditsNothingTyped) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  // The seed asked questions of its own (a state-of-necessity report): count from here.
  std::uint64_t seeded = 0;
  for (const auto& e : all_entries(w)) seeded = std::max(seeded, e.seq);
  const std::string to_b = R"({"recipient":)" + std::to_string(w.org_b);
  auto typed = call(w, kMemberA, "POST", "/api/v1/decisions",
                    to_b + R"(,"person":"X-123","categories":["aggregate"],"purpose":"public_order"})");
  EXPECT_EQ(typed.status, 400) << typed.body;
  EXPECT_NE(typed.body.find(R"(give \"case\")"), std::string::npos) << typed.body;
  auto unseen = call(w, kMemberA, "POST", "/api/v1/decisions",
                     to_b + R"(,"case":999,"categories":["identity"],"purpose":"public_order"})");
  EXPECT_EQ(unseen.status, 404) << unseen.body;
  auto without_case = call(w, kMemberA, "POST", "/api/v1/decisions",
                           to_b + R"(,"case":"none","categories":["identity"],"purpose":"public_order"})");
  ASSERT_EQ(without_case.status, 200) << without_case.body;
  EXPECT_NE(without_case.body.find(R"("decision":"deny")"), std::string::npos) << without_case.body;

  auto form = call(w, kMemberA, "GET", "/may-i-share", "", false);
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.body.find(R"(name="person" type="text")"), std::string::npos) << "no typed person";
  EXPECT_NE(form.body.find(R"(<select class="govuk-select" id="f-person" name="person")"), std::string::npos);
  EXPECT_NE(form.body.find(R"(<option value="none")"), std::string::npos);
  auto page = call(w, kMemberA, "POST", "/may-i-share",
                   "recipient=" + std::to_string(w.org_b) + "&person=X-123&categories=identity&purpose=public_order",
                   false);
  EXPECT_EQ(page.status, 422);

  int questions = 0;
  for (const auto& e : all_entries(w)) {
    for (const std::string* field : {&e.actor, &e.organisation, &e.object_type, &e.object_id, &e.ground, &e.rule,
                                     &e.request_id, &e.source}) {
      EXPECT_EQ(field->find("X-123"), std::string::npos) << "entry " << e.seq << ": " << *field;
    }
    if (e.action == core::audit::Action::sharing_decision && e.seq > seeded) {
      ++questions;
      EXPECT_EQ(e.object_type, "organisation");
      EXPECT_EQ(e.object_id, std::to_string(w.org_b));
    }
  }
  EXPECT_EQ(questions, 1);
}

// Issue 12, point 1: a situation's text that looks like a phone number is refused
// by the real API route with 422 and the span, and by the real page with the span
// marked and the confirmation checkbox; with the confirmation both save.
TEST(RouteRoles, SituationTextWithAPhoneNumberIsWarnedWithItsSpanUntilConfirmed) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  const std::string text = "Bewoner belt 0470 12 34 56 bij lawaai";
  const http::Route api{"POST", "/api/v1/situations", {}};
  auto send_body = [&](const http::Route& route, std::string body) {
    http::Request request;
    request.method = route.method;
    request.path = request.target = route.pattern;
    request.remote_address = "192.0.2.1";
    request.request_id = "test";
    request.headers.emplace_back("accept", "application/json");
    request.headers.emplace_back("cookie", "tafel_session=" + w.cookie[3]);
    request.headers.emplace_back("x-csrf-token", w.csrf[3]);
    request.body = std::move(body);
    return w.router.dispatch(request);
  };
  http::Response refused = send_body(api, R"({"title":"Park","behaviour":")" + text + R"("})");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find(R"({"field":"behaviour","start":13,"end":26,"kind":"phone"})"), std::string::npos)
      << refused.body;
  http::Response saved =
      send_body(api, R"({"title":"Park","behaviour":")" + text + R"(","confirm_not_identifier":true})");
  EXPECT_EQ(saved.status, 201) << saved.body;
  EXPECT_NE(saved.body.find(R"("confirmations":[{"field":"behaviour","kind":"phone")"), std::string::npos);

  const http::Route page{"POST", "/situations/new", {}};
  http::Response form = send_body(page, "title=Park&behaviour=Bewoner+belt+0470+12+34+56+bij+lawaai");
  EXPECT_EQ(form.status, 422);
  EXPECT_NE(form.body.find("Bewoner belt <mark>0470 12 34 56</mark> bij lawaai"), std::string::npos) << form.body;
  EXPECT_NE(form.body.find("name=\"confirm_not_identifier\""), std::string::npos);
  EXPECT_NE(form.body.find("href=\"#field-behaviour\""), std::string::npos);
  http::Response confirmed =
      send_body(page, "title=Park&behaviour=Bewoner+belt+0470+12+34+56+bij+lawaai&confirm_not_identifier=yes");
  EXPECT_EQ(confirmed.status, 303);
  EXPECT_TRUE(confirmed.header("location").starts_with("/situations/"));
}

TEST(OpenApi, DocumentsEveryApiRouteAndNothingElse) {
  auto world = make_router_world();
  ASSERT_TRUE(world);
  World& w = *world;
  std::set<std::string> documented;
  for (const auto& op : w.document->operations()) {
    auto key = op.method + " " + op.pattern;
    EXPECT_TRUE(documented.insert(key).second) << "documented twice: " << key;
  }
  auto routes = route_keys(w.router);
  for (const auto& key : routes) {
    // /api/docs is the HTML reference page, not an operation of the API.
    if (key.find(" /api/v1/") != std::string::npos) {
      EXPECT_TRUE(documented.count(key)) << "undocumented: " << key;
    }
  }
  for (const auto& key : documented) EXPECT_TRUE(routes.count(key)) << "documented but no route: " << key;

  http::Request request;
  request.method = "GET";
  request.path = request.target = "/api/v1/openapi.json";
  auto r = w.router.dispatch(request);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(R"("openapi":"3.1.0")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("/api/v1/contact-points/{id}")"), std::string::npos);
}

// Issue 12, points 3 and 4: what member A shared with B in a meeting of a case-basis
// table (case_consultation) is use_restricted: B's export, through the real page and
// API routes, and B's forward are refused with the engine's explanation, in Dutch.
TEST(RouteRoles, AContributionSharedInConsultationCannotBeExportedOrForwarded) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  auto& tables = w.runtime->tables();
  const app::tables::Caller chair{{w.user[3], w.org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  const app::tables::Caller delegate_b{{w.user[7], w.org_b, Role::member, true}, {"seed", "192.0.2.1"}};
  app::tables::TableDraft td;
  td.name = "Casusoverleg A-B";
  td.kind = tables::TableKind::mixed;
  td.basis = tables::LegalBasis::decree;
  td.basis_reference = "Decreet 17 juli 2020, art. 5";
  td.finality = {sharing::Purpose::integrity};
  td.members = {w.org_a, w.org_b};
  td.delegates = {{w.user[3], w.org_a, tables::TableRole::chair}, {w.user[7], w.org_b, tables::TableRole::delegate}};
  td.secrecy_text = "Wat hier gezegd wordt, blijft aan tafel.";
  auto table = tables.create_table(chair, td);
  ASSERT_TRUE(table) << table.error().message;
  ASSERT_TRUE(tables.approve_basis({{w.user[1], w.org_a, Role::platform_admin, true}, {"seed", "192.0.2.1"}}, table->id));
  auto meeting = tables.add_meeting(chair, table->id, *tables::parse_local_time("2027-03-01T19:00"), 90, "Stadhuis", "");
  ASSERT_TRUE(meeting);
  ASSERT_TRUE(tables.open_meeting(chair, table->id, meeting->id));
  ASSERT_TRUE(tables.record_attendance(chair, table->id, meeting->id, w.user[3], w.org_a, tables::Presence::present));
  ASSERT_TRUE(tables.record_attendance(chair, table->id, meeting->id, w.user[7], w.org_b, tables::Presence::present));
  ASSERT_TRUE(tables.acknowledge_secrecy(chair, table->id, meeting->id));
  ASSERT_TRUE(tables.acknowledge_secrecy(delegate_b, table->id, meeting->id));

  const app::situations::Caller member_a{{w.user[3], w.org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  app::situations::SituationDraft sd;
  sd.title = "Jongeren in het park";
  sd.behaviour = "Samenscholing in de avond";
  sd.area = w.area;
  sd.participants = {w.org_b};
  sd.table = table->id;
  auto situation = w.runtime->situations().create(member_a, sd, false);
  ASSERT_TRUE(situation) << situation.error().message;
  app::contributions::Draft cd;
  cd.situation = situation->id;
  cd.parts = {{sharing::Category::involvement, "Drie jongeren, een van hen minderjarig"}};
  cd.purpose = sharing::Purpose::integrity;
  auto sent = w.runtime->contributions().add({member_a.principal, member_a.origin}, cd, {});
  ASSERT_TRUE(sent && sent->contribution) << (sent ? "obligations unmet" : sent.error().message);
  ASSERT_EQ(sent->contribution->shares.size(), 1u);
  EXPECT_EQ(sent->contribution->shares[0].ground, "case_consultation");
  EXPECT_TRUE(sent->contribution->shares[0].use_restricted);
  const std::string id = std::to_string(sent->contribution->id);
  w.contribution = sent->contribution->id;

  // B reads it (through the gate) ...
  http::Response read = send(w, {"GET", "/api/v1/contributions/{id}", {}}, 7);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_NE(read.body.find("Drie jongeren"), std::string::npos);
  // ... but may not take it out of the table: the page explains why, in Dutch.
  http::Request page;
  page.method = "GET";
  page.path = page.target = "/contributions/" + id + "/export";
  page.remote_address = "192.0.2.1";
  page.headers.emplace_back("cookie", "tafel_session=" + w.cookie[7]);
  page.headers.emplace_back("accept-language", "nl");
  http::Response refused = w.router.dispatch(page);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("Exporteren mag niet"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("mag alleen daar gebruikt worden"), std::string::npos);
  EXPECT_EQ(refused.body.find("Drie jongeren"), std::string::npos);

  http::Response api = send(w, {"GET", "/api/v1/contributions/{id}/export", {}}, 7);
  EXPECT_EQ(api.status, 403);
  EXPECT_NE(api.body.find("\"use_restricted\""), std::string::npos) << api.body;
  EXPECT_NE(api.body.find("mag alleen daar gebruikt worden"), std::string::npos) << api.body;

  http::Request forward;
  forward.method = "POST";
  forward.path = forward.target = "/api/v1/contributions/" + id + "/forward";
  forward.remote_address = "192.0.2.1";
  forward.headers.emplace_back("cookie", "tafel_session=" + w.cookie[7]);
  forward.headers.emplace_back("x-csrf-token", w.csrf[7]);
  forward.body = R"({"recipient":)" + std::to_string(w.police) + "}";
  http::Response forwarded = w.router.dispatch(forward);
  EXPECT_EQ(forwarded.status, 403) << forwarded.body;
  EXPECT_NE(forwarded.body.find("\"use_restricted\""), std::string::npos) << forwarded.body;

  // The source exports its own words.
  http::Response own = send(w, {"GET", "/api/v1/contributions/{id}/export", {}}, 3);
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_NE(own.body.find("Drie jongeren"), std::string::npos);
}

// Issue 12, point 4: a disclosure whose obligations are not met stores and shares
// nothing; the real API route answers 422 with the machine-readable list, and the
// same request with the obligation met is shared (here: necessity, whose permit
// asks for a recorded reasoning and queues a DPO review).
TEST(RouteRoles, AContributionWaitsForItsObligationsThroughTheApi) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  const app::situations::Caller member_a{{w.user[3], w.org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  app::situations::SituationDraft sd;
  sd.title = "Jongeren in het park";
  sd.behaviour = "Samenscholing in de avond";
  sd.area = w.area;
  sd.participants = {w.org_b};
  auto situation = w.runtime->situations().create(member_a, sd, false);
  ASSERT_TRUE(situation) << situation.error().message;
  auto post = [&](const std::string& extra) {
    http::Request r;
    r.method = "POST";
    r.path = r.target = "/api/v1/contributions";
    r.remote_address = "192.0.2.1";
    r.headers.emplace_back("cookie", "tafel_session=" + w.cookie[3]);
    r.headers.emplace_back("x-csrf-token", w.csrf[3]);
    r.body = R"({"situation":)" + std::to_string(situation->id) +
             R"(,"purpose":"integrity","parts":[{"category":"involvement","text":"Een jongere dreigt zichzelf iets aan te doen"}],)" +
             R"("ground":"necessity","justification":{"danger":"serious_imminent","higher_value":"zijn leven","other_means_exhausted":true})" +
             extra + "}";
    return w.router.dispatch(r);
  };
  http::Response first = post("");
  EXPECT_EQ(first.status, 422) << first.body;
  EXPECT_NE(first.body.find(R"("code":"obligations_unmet")"), std::string::npos) << first.body;
  EXPECT_NE(first.body.find(R"("obligations":["record_reasoning"])"), std::string::npos) << first.body;
  auto none = w.runtime->contributions().for_situation({member_a.principal, member_a.origin}, situation->id);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());

  http::Response second = post(R"(,"reasoning":"Ouders onbereikbaar, acuut gevaar")");
  EXPECT_EQ(second.status, 201) << second.body;
  EXPECT_NE(second.body.find(R"("status":"awaiting_dpo")"), std::string::npos) << second.body;
  EXPECT_NE(second.body.find(R"("ground":"necessity")"), std::string::npos) << second.body;
}

// A situation of organisation A in the world's area, created by member A, shared with no one.
Result<situations::Situation> situation_of_a(World& w, const std::string& title, const std::string& behaviour) {
  const app::situations::Caller member_a{{w.user[3], w.org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  app::situations::SituationDraft sd;
  sd.title = title;
  sd.behaviour = behaviour;
  sd.area = w.area;
  return w.runtime->situations().create(member_a, sd, false);
}

// GET `target` (a path, optionally with ?q=WORDS) as caller `caller` (0: nobody signed
// in), in Dutch, through the real router.
http::Response get_as(World& w, int caller, const std::string& target) {
  http::Request r;
  r.method = "GET";
  r.target = target;
  r.path = target.substr(0, target.find('?'));
  if (auto q = target.find("?q="); q != std::string::npos) r.query.emplace("q", target.substr(q + 3));
  r.remote_address = "192.0.2.1";
  r.headers.emplace_back("accept-language", "nl");
  if (caller > 0) r.headers.emplace_back("cookie", "tafel_session=" + w.cookie[caller]);
  return w.router.dispatch(r);
}

// Search (issue 14, point 3): every caller finds a table's minutes, decisions and
// actions exactly when the record's own page shows them to that caller, and a
// situation exactly when its page does; nothing tells a caller how much was hidden.
TEST(RouteRoles, SearchShowsARecordExactlyWhenItsPageWould) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  auto situation = situation_of_a(w, "Zwerfvuil aan de vijver", "Zwerfvuil na de markt");
  ASSERT_TRUE(situation) << situation.error().message;
  // `query`: the search words, sent as ?q=.
  auto get = [&](int caller, const std::string& path, const std::string& query = "") {
    return get_as(w, caller, query.empty() ? path : path + "?q=" + query);
  };
  const std::string minutes_page = "/tables/" + std::to_string(w.table) + "/meetings/" + std::to_string(w.meeting_closed) + "/minutes";
  const std::string table_page = "/tables/" + std::to_string(w.table);
  const std::string situation_page = "/situations/" + std::to_string(situation->id);
  int found_somewhere = 0, found_names = 0, found_agreements = 0, found_contributions = 0;
  for (int caller = 1; caller < kCallers; ++caller) {
    SCOPED_TRACE("caller " + std::to_string(caller));
    const bool sees_minutes = get(caller, minutes_page).status == 200;
    const bool sees_table = get(caller, table_page).status == 200;
    const bool sees_situation = get(caller, situation_page).status == 200;
    http::Response minutes = get(caller, "/api/v1/search", "vastgelegd");
    ASSERT_EQ(minutes.status, 200) << minutes.body;
    EXPECT_EQ(minutes.body.find(R"("kind":"minutes")") != std::string::npos, sees_minutes) << minutes.body;
    http::Response action = get(caller, "/api/v1/search", "bellen");
    ASSERT_EQ(action.status, 200) << action.body;
    EXPECT_EQ(action.body.find(R"("kind":"action")") != std::string::npos, sees_table) << action.body;
    http::Response found = get(caller, "/api/v1/search", "zwerfvuil");
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_EQ(found.body.find(R"("kind":"situation")") != std::string::npos, sees_situation) << found.body;
    // Only results: no total, no count of what was left out.
    EXPECT_EQ(found.body.find("total"), std::string::npos);
    EXPECT_EQ(found.body.find("hidden"), std::string::npos);
    // A contact point (its deputy is "Target") as the organisation's profile shows it;
    // an agreement as its page does.
    const bool sees_profile = get(caller, "/organisations/" + std::to_string(w.org_a)).status == 200;
    http::Response contact = get(caller, "/api/v1/search", "target");
    ASSERT_EQ(contact.status, 200) << contact.body;
    EXPECT_EQ(contact.body.find(R"("kind":"contact_point")") != std::string::npos, sees_profile) << contact.body;
    const bool sees_agreement = get(caller, "/agreements/" + std::to_string(w.agreement_draft)).status == 200;
    http::Response agreement = get(caller, "/api/v1/search", "finaliteit");
    ASSERT_EQ(agreement.status, 200) << agreement.body;
    EXPECT_EQ(agreement.body.find(R"("kind":"agreement")") != std::string::npos, sees_agreement) << agreement.body;
    // A contribution (sealed in the index) exactly when its reader would show its text.
    http::Response readable = get(caller, "/api/v1/contributions/" + std::to_string(w.contribution));
    const bool reads_contribution =
        readable.status == 200 && readable.body.find("Samenscholing aan het station") != std::string::npos;
    http::Response contribution = get(caller, "/api/v1/search", "samenscholing");
    ASSERT_EQ(contribution.status, 200) << contribution.body;
    const bool found_contribution = contribution.body.find(R"("kind":"contribution")") != std::string::npos;
    EXPECT_EQ(found_contribution, reads_contribution) << contribution.body;
    found_contributions += found_contribution;
    found_somewhere += sees_minutes + sees_situation;
    found_names += contact.body.find(R"("kind":"contact_point")") != std::string::npos;
    found_agreements += agreement.body.find(R"("kind":"agreement")") != std::string::npos;
  }
  EXPECT_GT(found_somewhere, 0);  // the records are findable by someone
  EXPECT_GT(found_names, 0);
  EXPECT_GT(found_agreements, 0);
  EXPECT_GT(found_contributions, 0);
  http::Response anonymous = get(0, "/api/v1/search", "vastgelegd");
  EXPECT_EQ(anonymous.status, 401);
}

// Issue 14, point 3: one secret planted per kind of result; every role searches for
// each through the API and the page, and finds it exactly when the record's own page
// (for a contribution: its reader) would show it. Nothing else of it leaks: the
// secret is not in the answer at all otherwise (the page echoes the query in lower
// case; the secrets are capitalised).
TEST(RouteRoles, SearchLeaksNoPlantedSecretToAnyRole) {
  auto world = make_world();
  ASSERT_TRUE(world);
  World& w = *world;
  auto& tables = w.runtime->tables();
  const app::tables::Caller chair{{w.user[3], w.org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  ASSERT_TRUE(tables.add_decision(chair, w.table, w.meeting_open, 0, "Besluit Quaxgeheim"));
  auto situation = situation_of_a(w, "Vrolgeheim aan de vijver", "Samenscholing na de markt");
  ASSERT_TRUE(situation) << situation.error().message;
  const app::situations::Caller member_a{{w.user[3], w.org_a, Role::member, true}, {"seed", "192.0.2.1"}};
  app::contributions::Draft cd;
  cd.situation = w.situation;
  cd.parts = {{sharing::Category::aggregate, "Kwispgeheim bij het station"}};
  cd.purpose = sharing::Purpose::public_order;
  auto sent = w.runtime->contributions().add({member_a.principal, member_a.origin}, cd, {});
  ASSERT_TRUE(sent && sent->contribution) << (sent ? "obligations unmet" : sent.error().message);
  const std::string contribution = std::to_string(sent->contribution->id);

  auto get = [&](int caller, const std::string& target) { return get_as(w, caller, target); };
  auto page_shows = [&](const std::string& page) { return [&, page](int caller) { return get(caller, page).status == 200; }; };
  struct Planted {
    const char* kind;
    std::string secret;
    std::function<bool(int)> sees;
  };
  const std::string table = "/tables/" + std::to_string(w.table);
  const std::string minutes = table + "/meetings/" + std::to_string(w.meeting_closed) + "/minutes";
  const std::vector<Planted> planted = {
      {"minutes", "Vastgelegd", page_shows(minutes)},
      {"decision", "Quaxgeheim", page_shows(minutes)},
      {"action", "Bellen", page_shows(table)},
      {"situation", "Vrolgeheim", page_shows("/situations/" + std::to_string(situation->id))},
      {"contact_point", "Target", page_shows("/organisations/" + std::to_string(w.org_a))},
      {"agreement", "Finaliteit", page_shows("/agreements/" + std::to_string(w.agreement_draft))},
      {"contribution", "Kwispgeheim",
       [&](int caller) {
         auto read = get(caller, "/api/v1/contributions/" + contribution);
         return read.status == 200 && read.body.find("Kwispgeheim") != std::string::npos;
       }},
  };
  std::map<std::string, int> found_by;
  for (const auto& p : planted) {
    std::string query = p.secret;
    for (auto& c : query) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int caller = 1; caller < kCallers; ++caller) {
      SCOPED_TRACE(std::string(p.kind) + ", caller " + kCallerNames[caller]);
      const bool sees = p.sees(caller);
      http::Response api = get(caller, "/api/v1/search?q=" + query);
      ASSERT_EQ(api.status, 200) << api.body;
      EXPECT_EQ(api.body.find(p.secret) != std::string::npos, sees) << api.body;
      EXPECT_EQ(api.body.find(std::string(R"("kind":")") + p.kind + "\"") != std::string::npos, sees) << api.body;
      http::Response page = get(caller, "/search?q=" + query);
      ASSERT_EQ(page.status, 200);
      EXPECT_EQ(page.body.find(p.secret) != std::string::npos, sees) << page.body;
      found_by[p.kind] += sees;
    }
    EXPECT_GT(found_by[p.kind], 0) << p.kind << " is found by no one: the test proves nothing for it";
    // The directory and the agreements are open to every signed-in user; the rest
    // must be hidden from someone, or the test would not tell.
    const bool open_to_all = std::string(p.kind) == "contact_point" || std::string(p.kind) == "agreement";
    if (!open_to_all) {
      EXPECT_LT(found_by[p.kind], kCallers - 1) << p.kind << " is hidden from no one";
    }
  }
}

// Issue 21, point 3: no request reads a whole table that grows with use. Every
// statement the repositories prepare while the world is seeded and every route
// answers every caller is recorded, and its plan checked (support/query_plans.h;
// the allow-list with its reasons is in support/query_plans.cc).
class QueryPlans : public ::testing::TestWithParam<storage::Engine> {};

TEST_P(QueryPlans, NoRequestReadsAWholeGrowingTable) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  test_support::StatementRecorder recorder;
  auto probe = make_router_world(GetParam());
  ASSERT_TRUE(probe);
  // Reads share one world; a change gets a fresh one (a DELETE would hide the rest).
  auto world = make_world(GetParam());
  ASSERT_TRUE(world);
  for (const auto& route : probe->router.routes()) {
    if (route.method != "GET") continue;
    for (int c = 0; c < kCallers; ++c) send(*world, route, c);
  }
  for (const auto& route : probe->router.routes()) {
    if (route.method == "GET") continue;
    auto changed = make_world(GetParam());
    ASSERT_TRUE(changed);
    for (int c = kCallers - 1; c >= 0; --c) send(*changed, route, c);
  }
  auto statements = recorder.statements();
  auto scans = test_support::full_scans(world->db->database(), statements);
  ASSERT_TRUE(scans.has_value()) << scans.error().message;
  for (const auto& scan : *scans) {
    ADD_FAILURE() << "reads all of " << scan.table << ": " << scan.statement << "\n" << scan.plan;
  }
  if (GetParam() == storage::Engine::sqlite) {
    for (const auto& stale : test_support::unused_allowances(statements)) {
      ADD_FAILURE() << "allow-list entry matches no statement any more: " << stale;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, QueryPlans, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
