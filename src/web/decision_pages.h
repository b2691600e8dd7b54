#pragma once
// "May I share this?" as a page, for members and organisation admins:
//
//   GET  /may-i-share   the question form: recipient, person (optional), categories,
//                       purpose, and optionally a claimed ground with justification
//   POST /may-i-share   the decision with its plain-language explanation in the
//                       viewer's language, above the same form (nothing is shared;
//                       the question is audited by app/decisions)
//
// Registered by register_agreement_routes (agreement_api.h).

#include "http/router.h"
#include "web/agreement_api.h"
#include "web/options.h"

namespace tafel::web {

void register_decision_pages(http::Router& router, const Options& options, const AgreementsContext& context);

}  // namespace tafel::web
