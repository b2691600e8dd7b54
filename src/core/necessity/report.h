#pragma once
// A state-of-necessity or art. 458bis report (issue 12, point 6): a professional who
// believes they must break professional secrecy records why, after the sharing engine
// permitted the disclosure on the claimed ground. The report keeps the checklist of
// the model (docs/necessity.md): the ground, the higher value, the danger, that the
// professional cannot protect it otherwise (and what they tried), the recipient, the
// categories and purpose, the case (optional), the reasoning the record_reasoning
// obligation asks for, and the decision's ground and obligations. Pure data and checks.

#include <cstdint>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/sharing/request.h"
#include "core/sharing/vocabulary.h"

namespace tafel::necessity {

struct Report {
  std::int64_t id = 0;
  access::UserId author = 0;
  access::OrganisationId organisation = 0;  // the author's organisation (the sender)
  sharing::Ground ground = sharing::Ground::necessity;  // claimed: art_458bis or necessity
  access::OrganisationId recipient = 0;
  std::int64_t case_id = 0;  // the case of the person concerned; 0 when none was picked
  sharing::CategorySet categories;
  sharing::Purpose purpose = sharing::Purpose::integrity;
  sharing::Justification justification;
  std::string tried;      // what the professional tried before (other means)
  std::string reasoning;  // why secrecy must yield: the record_reasoning obligation
  // The engine's decision when the report was made.
  sharing::Ground decided_ground = sharing::Ground::necessity;
  std::vector<std::string> obligations;
  std::int64_t created_at_us = 0;
};

// The grounds a report may claim: art_458bis and necessity.
bool claimable(sharing::Ground ground);

// Longest free texts accepted, in bytes.
inline constexpr std::size_t kMaxReasoningBytes = 10000;
inline constexpr std::size_t kMaxShortTextBytes = 2000;

// Checks what the author filled in, before the engine is asked. Fails with
// "invalid_input" naming the field: ground (not claimable), categories (none),
// higher_value, tried or reasoning (too long or holding control characters other
// than line breaks and tabs).
Result<void> check_claim(const Report& report);

// The reasoning the record_reasoning obligation needs: fails with
// "reasoning_required" when it is blank.
Result<void> check_reasoning(const Report& report);

}  // namespace tafel::necessity
