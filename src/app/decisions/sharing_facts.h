#pragma once
// The port through which use cases learn what the sharing engine needs beyond the
// request itself: every organisation of the directory (sector, secrecy, reporting
// duty, mission) and the agreements between them, with the names people read in
// explanations. One implementation (DirectorySharingFacts) builds it for every
// disclosure decision: "May I share this?" and feedback forms of tables.

#include <map>
#include <string>

#include "core/result.h"
#include "core/sharing/world.h"

namespace tafel::app::decisions {

struct SharingFactsSnapshot {
  // Organisations (ids are decimal directory ids) and the agreements the engine reads:
  // those in force, suspended or ended, as the "May I share this?" page sees them.
  sharing::World world;
  std::map<std::string, std::string> organisation_names;  // id -> name
  std::map<std::string, std::string> agreement_titles;    // id -> title in quotes
};

class SharingFacts {
 public:
  virtual ~SharingFacts() = default;
  // The current organisations and agreements.
  virtual Result<SharingFactsSnapshot> snapshot() = 0;
};

}  // namespace tafel::app::decisions
