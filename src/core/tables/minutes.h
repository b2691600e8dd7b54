#pragma once
// The minutes of one meeting: versions of a Markdown text, drafted by the table's
// secretary and approved by every organisation that attended.
//
// States of the current version:
//   draft    -- the secretary edits; any edit withdraws the approvals given so far,
//               because they approved another text;
//   frozen   -- every attending organisation approved: the text never changes again.
// A correction of frozen minutes is a new version with a reason; the frozen
// versions stay as they were, and the new version needs every approval again.

#include <cstdint>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"

namespace tafel::tables {

struct MinutesVersion {
  int number = 1;
  std::string markdown;
  std::string reason;  // why this version corrects the previous one; empty for version 1
  access::UserId drafted_by = 0;
  std::vector<access::OrganisationId> approvals;  // in the order given
  bool frozen = false;
  std::int64_t frozen_at_us = 0;  // UTC microseconds; 0 while not frozen

  bool operator==(const MinutesVersion&) const = default;
};

class Minutes {
 public:
  Minutes() = default;
  bool operator==(const Minutes&) const = default;
  // Rebuilds minutes from stored versions (oldest first), as the store read them.
  explicit Minutes(std::vector<MinutesVersion> versions) : versions_(std::move(versions)) {}

  const std::vector<MinutesVersion>& versions() const { return versions_; }
  // The latest version, or nullptr before the first draft.
  const MinutesVersion* current() const { return versions_.empty() ? nullptr : &versions_.back(); }
  bool frozen() const { return current() && current()->frozen; }

  // Writes the draft text (creating version 1 if needed). Fails with "minutes_frozen"
  // when the current version is frozen (use correct()), "invalid_input" for a text
  // over 100,000 bytes or with control characters.
  Result<void> draft(std::string markdown, access::UserId by);

  // Starts a new version correcting frozen minutes. Fails with "minutes_not_frozen"
  // when the current version is still a draft (edit it instead), "invalid_input"
  // without a reason (1..500 bytes).
  Result<void> correct(std::string markdown, std::string reason, access::UserId by);

  // Records `organisation`'s approval of the current version; freezes it at `at_us`
  // when every organisation in `attending` has approved. Returns true when this
  // approval froze the minutes. Fails with "no_minutes", "minutes_frozen",
  // "not_attending" (the organisation did not attend), "already_approved", or
  // "no_attendance" (nobody attended: there is nobody to approve).
  Result<bool> approve(access::OrganisationId organisation, const std::vector<access::OrganisationId>& attending,
                       std::int64_t at_us);

  // The attending organisations that have not yet approved the current version.
  std::vector<access::OrganisationId> pending(const std::vector<access::OrganisationId>& attending) const;

 private:
  std::vector<MinutesVersion> versions_;
};

}  // namespace tafel::tables
