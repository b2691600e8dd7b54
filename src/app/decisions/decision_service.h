#pragma once
// "May I share this?": a professional asks whether their organisation may disclose
// some categories of information about a person (or none) to another organisation
// for a purpose, optionally claiming a ground with its justification, and gets the
// sharing engine's decision with its explanation. Nothing is disclosed: the answer
// names only the decision, the ground, the agreement rule, the obligations and the
// reasons. Every question is audited (action sharing_decision, with the ground and
// the rule) before the answer is given; a person id is recorded only as its keyed
// pseudonym (app/audit/person_pseudonym.h), never as typed.
//
// The world the engine decides in is built at each question from the directory's
// organisations and the agreements whose effective version is in force, suspended
// or ended (a suspended or ended agreement yields agreement_not_in_force). No
// consent, care relation or table registry exists yet, so grounds that need one
// fail with their first condition and the explanation says what would be needed.

#include <optional>
#include <string>
#include <vector>

#include "app/agreements/agreement_store.h"
#include "app/audit/audit_trail.h"
#include "app/audit/person_pseudonym.h"
#include "app/clock.h"
#include "app/decisions/directory_sharing_facts.h"
#include "app/directory/directory_store.h"
#include "core/access/policy.h"
#include "core/sharing/decision.h"
#include "core/sharing/explanation.h"
#include "core/sharing/request.h"

namespace tafel::app::decisions {

struct Question {
  std::int64_t recipient = 0;   // directory organisation id
  std::string person;           // a person's record id, or empty when no person is concerned
  sharing::CategorySet categories;
  sharing::Purpose purpose = sharing::Purpose::care;
  std::optional<sharing::Ground> ground;  // claimed ground
  sharing::Justification justification;
};

struct Answer {
  bool permit = false;
  std::optional<sharing::Ground> ground;
  std::string agreement;  // "<id>" of the agreement whose rule permitted, or empty
  std::string rule;       // that rule's id, or empty
  std::vector<std::string> obligations;
  std::vector<sharing::Reason> reasons;
  // Render with i18n/sharing_explanation.h. Organisations are named by their name
  // and agreements by their title (the engine itself speaks in ids).
  sharing::Explanation explanation;
};

class DecisionService {
 public:
  // `pseudonym` turns the person id of a question into what the audit entry holds.
  DecisionService(directory::DirectoryStore& directory, agreements::AgreementStore& agreements,
                  audit::AuditTrail& audit, const Clock& clock, audit::PersonPseudonym pseudonym)
      : facts_(directory, agreements), audit_(audit), clock_(clock), pseudonym_(std::move(pseudonym)) {}

  // Decides `question` for the caller's organisation now. Fails with
  // "invalid_input" (no category, unknown recipient, the caller's own organisation
  // as recipient, a malformed person id) or the authorisation errors.
  Result<Answer> ask(const access::Principal& who, const Question& question, const audit::Origin& origin);

 private:
  DirectorySharingFacts facts_;  // organisations and agreements as the engine sees them
  audit::AuditTrail& audit_;
  const Clock& clock_;
  audit::PersonPseudonym pseudonym_;
};

// A person id as accepted in a question: 1..64 of [A-Za-z0-9_-].
bool valid_person_id(std::string_view id);

}  // namespace tafel::app::decisions
