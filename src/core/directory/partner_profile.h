#pragma once
// "What is this partner for, and what can and cannot it share, and why?" — derived
// from its mission, secrecy regime and reporting duty following the sharing model
// (../shared/docs/sharing-model.md). The result is structured: each statement is a
// catalog key (i18n/directory.*.json, "directory.profile.<key>") so the profile page
// says the same thing in nl, fr and en, and the API returns the same keys.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/directory/organisation.h"

namespace tafel::directory {

struct ProfileStatement {
  enum class Kind : std::uint8_t {
    purpose,  // what the partner is for
    can,      // what it can share, and on which ground
    cannot,   // what it cannot share, and why
    must,     // what the law obliges it to do with what it learns
  };
  Kind kind = Kind::purpose;
  std::string_view key;  // e.g. "professional_no_agreement"; stable in the API
};

std::string_view name_of(ProfileStatement::Kind kind);

// The statements for `organisation`, grouped purpose, can, cannot, must.
std::vector<ProfileStatement> sharing_profile(const Organisation& organisation);

}  // namespace tafel::directory
