#pragma once
// The HTML pages for accounts, organisations, contact points and the directory
// (issue 3). Server-rendered, usable without JavaScript; every form carries the
// session's CSRF token and every action goes through the account and directory
// services, which call app::authorize on the record they touch.
//
// Every page needs a signed-in browser session: an anonymous visitor gets a 303 to
// /login?next=<page>; a user who must still enrol a second factor is sent to
// /account/second-factor (the only page they reach), one who must still pass it to
// /login. Refusals answer the 403 error page.
//
// Own account (account_pages.cc):
//   GET  /account                          who I am, links to the pages below
//   GET  /account/second-factor            enrol: QR code, secret as text, code form
//   POST /account/second-factor            confirm; shows the 10 recovery codes once
//   GET  /account/password, POST           change my password
//   GET  /account/tokens, POST             my API tokens; create shows the token once
//   POST /account/tokens/{id}/revoke       revoke one (303 back to the list)
// Organisations and users (organisation_pages.cc):
//   GET  /organisations                    every partner; platform admin: create link
//   GET  /organisations/new, POST /organisations       create (platform admin)
//   GET  /organisations/{id}/edit, POST    edit the profile
//   GET  /organisations/{id}/users, POST   users of an organisation; create one
//   GET  /users/{id}, POST                 change name, phone, language, role, active
//   POST /users/{id}/password-reset        temporary password shown once
//   GET  /organisations/{id}/contact-points/new, POST /organisations/{id}/contact-points
//   GET  /contact-points/{id}/edit, POST   edit a contact point
//   GET  /coverage                         coordinator overview (no deputy, white ravens)
// Directory (directory_pages.cc):
//   GET  /directory                        search by topic, area, sector, language
//   GET  /organisations/{id}               partner profile, its contact points and,
//                                          for its managers, coverage warnings

#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

// Registers every page above. `context` and `options` are copied; the services they
// point to must outlive the router.
void register_account_pages(http::Router& router, const AccountsContext& context, const Options& options);

// The parts, registered by register_account_pages (declared for it).
void register_own_account_pages(http::Router& router, const AccountsContext& context, const Options& options);
void register_organisation_pages(http::Router& router, const AccountsContext& context, const Options& options);
void register_directory_pages(http::Router& router, const AccountsContext& context, const Options& options);

}  // namespace tafel::web
