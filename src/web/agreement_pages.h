#pragma once
// The agreement pages (all for signed-in users; forms POST with the CSRF token):
//
//   GET  /agreements                 the list, with a link to draft a new one
//   GET  /agreements/new             the draft form; POST creates it
//   GET  /agreements/{id}            one agreement: status, the parties' finalities
//                                    side by side, roles and tasks, rules, retention,
//                                    lint findings, the sharing matrix (who may receive
//                                    what from whom), versions, the difference between
//                                    two versions (?from=&to=), and the sign form with
//                                    a TOTP field for an organisation admin of a party
//   GET  /agreements/{id}/edit       the draft's form; POST saves it
//   POST /agreements/{id}/sign       hash + fresh TOTP code
//   POST /agreements/{id}/versions   start a new draft version
//   POST /agreements/{id}/status     suspend / resume / end
//
// Registered by register_agreement_routes (agreement_api.h).

#include "http/router.h"
#include "web/agreement_api.h"
#include "web/options.h"

namespace tafel::web {

void register_agreement_pages(http::Router& router, const Options& options, const AgreementsContext& context);

}  // namespace tafel::web
