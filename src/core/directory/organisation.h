#pragma once
// A partner organisation as the directory knows it: who it is, under which secrecy
// regime it works and what it is for. Sector, secrecy and mission are the sharing
// engine's vocabulary (core/sharing/vocabulary.h), so a profile and a sharing
// decision can never disagree about what a partner is.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/sharing/vocabulary.h"
#include "core/sharing/world.h"

namespace tafel::directory {

using OrganisationId = std::int64_t;
using AreaId = std::int64_t;

struct Organisation {
  OrganisationId id = 0;
  std::string name;
  sharing::Sector sector = sharing::Sector::other;
  sharing::Secrecy secrecy = sharing::Secrecy::none;
  bool reporting_duty = false;  // art. 29 Sv.
  sharing::Mission mission = sharing::Mission::care;
  std::string finality;                // the written finality statement, in the partner's own words
  std::vector<std::string> languages;  // "nl", "fr", "en": languages it can serve people in
  std::vector<AreaId> areas;           // municipalities and districts served
  std::string address;
  std::string phone;
  std::string website;  // empty, or an http(s):// URL
};

// Checks an organisation before it is stored. Fails with "invalid_input" and a
// message naming the field: name 1..200 bytes; finality 1..4000 bytes; languages a
// non-empty subset of nl/fr/en without duplicates; website empty or http(s)://...;
// phone at most 40 of "+0123456789 ()./-"; address at most 500 bytes.
Result<void> validate(const Organisation& organisation);

// The sharing engine's view of this organisation (id is the decimal record id).
sharing::Organisation as_sharing_party(const Organisation& organisation);

}  // namespace tafel::directory
