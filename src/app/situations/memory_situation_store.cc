#include "app/situations/situation_store.h"

#include <algorithm>

#include "core/situations/identifier_detector.h"

namespace tafel::app::situations {

using tafel::situations::Situation;

Result<Situation> MemorySituationStore::insert(Situation situation) {
  std::lock_guard lock(mutex_);
  situation.id = next_id_++;
  situation.version = 1;
  situations_.push_back(situation);
  return situation;
}

Result<std::optional<Situation>> MemorySituationStore::find(std::int64_t id) {
  std::lock_guard lock(mutex_);
  for (const auto& s : situations_) {
    if (s.id == id) return std::optional<Situation>(s);
  }
  return std::optional<Situation>();
}

Result<Situation> MemorySituationStore::update(Situation situation) {
  std::lock_guard lock(mutex_);
  for (auto& s : situations_) {
    if (s.id != situation.id) continue;
    if (s.version != situation.version) return fail("conflict", "the situation changed meanwhile; reload and retry");
    ++situation.version;
    s = situation;
    return situation;
  }
  return fail("not_found", "no such situation");
}

Result<std::vector<Situation>> MemorySituationStore::list(std::optional<access::OrganisationId> organisation,
                                                          std::int64_t before, std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<Situation> out;
  for (auto it = situations_.rbegin(); it != situations_.rend() && out.size() < limit; ++it) {
    if (before != 0 && it->id >= before) continue;
    if (!organisation || it->involves(*organisation)) out.push_back(*it);
  }
  return out;
}

Result<std::vector<std::string>> MemorySituationStore::display_names_among(const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (std::find(keys.begin(), keys.end(), tafel::situations::name_key(n)) != keys.end() &&
        std::find(out.begin(), out.end(), n) == out.end()) {
      out.push_back(n);
    }
  }
  return out;
}

Result<bool> MemorySituationStore::area_exists(std::int64_t area) {
  std::lock_guard lock(mutex_);
  return std::find(areas.begin(), areas.end(), area) != areas.end();
}

Result<bool> MemorySituationStore::organisation_exists(access::OrganisationId organisation) {
  std::lock_guard lock(mutex_);
  return std::find(organisations.begin(), organisations.end(), organisation) != organisations.end();
}

}  // namespace tafel::app::situations
