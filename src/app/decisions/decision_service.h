#pragma once
// "May I share this?": a professional asks whether their organisation may disclose
// some categories of information about a person (or none) to another organisation
// for a purpose, optionally claiming a ground with its justification, and gets the
// sharing engine's decision with its explanation. Nothing is disclosed: the answer
// names only the decision, the ground, the agreement rule, the obligations and the
// reasons. Every question is audited (action sharing_decision, with the ground and
// the rule) before the answer is given.
//
// The person is picked, never typed (issue 12 point 7): a case the caller may see
// (CaseDirectory::visible), whose subject in the world carries its minor and
// vulnerable flags, care relations and consents; or "a person tafel keeps no case
// for" (CompiledWorld::unknown_person: no relation, no consent). The audit entry
// names a case by its number only (object_type "case"), never anything typed.
//
// The world is the one every disclosure decision reads (SharingWorldSource).

#include <optional>
#include <string>
#include <vector>

#include "app/audit/audit_trail.h"
#include "app/cases/case_directory.h"
#include "app/clock.h"
#include "app/consents/consent_facts.h"
#include "app/decisions/sharing_world.h"
#include "core/access/policy.h"
#include "core/sharing/decision.h"
#include "core/sharing/explanation.h"
#include "core/sharing/request.h"

namespace tafel::app::decisions {

struct Question {
  std::int64_t recipient = 0;  // directory organisation id
  // Whom the information is about.
  enum class About : std::uint8_t {
    nobody,               // no person is concerned
    person_without_case,  // a person tafel keeps no case for
    case_person,          // the person of case `case_id`
  };
  About about = About::nobody;
  std::int64_t case_id = 0;  // when about == case_person
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

// What the caller may pick a question from: the cases they may see and the consents
// their organisation recorded for those cases that are valid now (picking one fills in
// its case, a recipient, its categories and a purpose).
struct QuestionChoices {
  std::vector<cases::CaseSummary> cases;
  std::vector<consents::ConsentFact> consents;
};

class DecisionService {
 public:
  // Every argument must outlive this object.
  DecisionService(SharingWorldSource& world, cases::CaseDirectory& cases, consents::ConsentFacts& consents,
                  audit::AuditTrail& audit, const Clock& clock)
      : world_(world), cases_(cases), consents_(consents), audit_(audit), clock_(clock) {}

  // Decides `question` for the caller's organisation now. Fails with
  // "invalid_input" (no category, unknown recipient, the caller's own organisation
  // as recipient), "not_found" (a case the caller may not see, or none) or the
  // authorisation errors.
  Result<Answer> ask(const access::Principal& who, const Question& question, const audit::Origin& origin);

  // The cases and consents `who` may pick from. Authorised like ask().
  Result<QuestionChoices> choices(const access::Principal& who);

 private:
  SharingWorldSource& world_;
  cases::CaseDirectory& cases_;
  consents::ConsentFacts& consents_;
  audit::AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace tafel::app::decisions
