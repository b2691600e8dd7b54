#pragma once
// Collaboration agreements and "May I share this?": the JSON API, and the one
// registration function for every agreement and decision route (API and pages).
//
//   GET  /api/v1/agreements                      list: title, status, parties
//   POST /api/v1/agreements                      draft a new agreement (document)
//   GET  /api/v1/agreements/{id}                 every version, signatures, and the
//                                                latest version's lint and sharing matrix
//   PUT  /api/v1/agreements/{id}                 replace the draft's text
//   POST /api/v1/agreements/{id}/versions        start a new draft version
//   GET  /api/v1/agreements/{id}/diff?from=&to=  the difference between two versions
//   POST /api/v1/agreements/{id}/signatures      sign {hash, code}: the exact version,
//                                                with a fresh TOTP code
//   POST /api/v1/agreements/{id}/status          {status: suspended | in_force | ended}
//   POST /api/v1/decisions                       "may I share this?" (nothing is shared)
//
// The document in JSON is the `agreements` entry of the scenario format
// (../shared/scenarios/README.md) plus title, review_date, each party's finality,
// roles and tasks, and retention:
//   {"title": "...", "valid_from": "2026-01-01", "valid_until": null,
//    "review_date": "2027-01-01",
//    "parties": [{"organisation": "12", "finality": "...", "roles": [], "tasks": []}],
//    "rules": [{"id": "r1", "effect": "permit", "from": ["12"], "to": ["sector:police"],
//               "categories": ["identity"], "purposes": ["coordination"],
//               "grounds": ["agreement"], "legal_reference": "", "obligations": []}],
//    "retention": [{"category": "identity", "days": 365}]}
// Times are "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ".

#include <optional>
#include <string>
#include <string_view>

#include "app/agreements/agreement_service.h"
#include "app/decisions/decision_service.h"
#include "core/agreement/agreement.h"
#include "http/openapi.h"
#include "http/router.h"
#include "web/accounts_session.h"
#include "web/options.h"

namespace tafel::web {

struct AgreementsContext {
  AccountsContext accounts;  // identification, and the directory for organisation names
  app::agreements::AgreementService* agreements = nullptr;
  app::decisions::DecisionService* decisions = nullptr;
};

// Registers the API routes above (documented in `document`) and the pages
// (agreement_pages.h, decision_pages.h). The services must outlive the router.
// The JSON Schemas of what this module's API operations answer, added to `document`
// once the operations are registered (web/agreement_api_docs.cc).
void document_agreement_answers(http::ApiDocument& document);

void register_agreement_routes(http::Router& router, http::ApiDocument& document, const Options& options,
                               const AgreementsContext& context);

// Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ" into microseconds
// since the epoch; nullopt for anything else (no time zone other than Z).
std::optional<sharing::Timestamp> parse_utc(std::string_view text);

// "YYYY-MM-DD" of a timestamp (UTC); "" for kNever.
std::string format_date_utc(sharing::Timestamp at);

// The document from its JSON text; "invalid_input" naming the field.
Result<agreement::Document> document_from_json(std::string_view json);

// The document as JSON text (the shape above).
std::string document_to_json(const agreement::Document& document);

}  // namespace tafel::web
