#pragma once
// The port through which the tables feature learns what the sharing engine needs
// beyond the table itself when a feedback form leaves the table: every organisation
// of the directory (sector, secrecy, reporting duty, mission) and the agreements
// between them, with the names people read in explanations.

#include <map>
#include <string>

#include "core/result.h"
#include "core/sharing/world.h"

namespace tafel::app::tables {

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

}  // namespace tafel::app::tables
