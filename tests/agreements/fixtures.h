#pragma once
// Shared fixtures of the agreement tests: a small directory (a police zone, a
// CAW with professional secrecy, a municipality) and a valid two-party agreement.

#include <map>

#include "app/directory/directory_store.h"
#include "core/agreement/document.h"

namespace tafel::test_support {

// A DirectoryStore holding organisations only; everything else is unused here.
class OrganisationsOnly final : public app::directory::DirectoryStore {
 public:
  void put(directory::Organisation o) { orgs_[o.id] = std::move(o); }

  Result<directory::OrganisationId> create_organisation(const directory::Organisation& o) override {
    auto id = static_cast<directory::OrganisationId>(orgs_.size() + 1);
    auto copy = o;
    copy.id = id;
    orgs_[id] = copy;
    return id;
  }
  Result<void> update_organisation(const directory::Organisation& o) override {
    orgs_[o.id] = o;
    return {};
  }
  Result<std::optional<directory::Organisation>> find_organisation(directory::OrganisationId id) override {
    auto it = orgs_.find(id);
    if (it == orgs_.end()) return std::optional<directory::Organisation>();
    return std::optional<directory::Organisation>(it->second);
  }
  Result<std::vector<directory::Organisation>> list_organisations() override {
    std::vector<directory::Organisation> out;
    for (const auto& [id, o] : orgs_) out.push_back(o);
    return out;
  }
  Result<directory::AreaId> create_area(const directory::Area&) override { return unused(); }
  Result<std::vector<directory::Area>> list_areas() override { return std::vector<directory::Area>(); }
  Result<directory::TopicId> create_topic(const directory::Topic&) override { return unused(); }
  Result<std::vector<directory::Topic>> list_topics() override { return std::vector<directory::Topic>(); }
  Result<directory::ContactPointId> create_contact_point(const directory::ContactPoint&) override { return unused(); }
  Result<void> update_contact_point(const directory::ContactPoint&) override { return tl::unexpected(unused().error()); }
  Result<void> delete_contact_point(directory::ContactPointId) override { return tl::unexpected(unused().error()); }
  Result<std::optional<directory::ContactPoint>> find_contact_point(directory::ContactPointId) override {
    return std::optional<directory::ContactPoint>();
  }
  Result<std::vector<directory::ContactPoint>> list_contact_points(std::optional<directory::OrganisationId>) override {
    return std::vector<directory::ContactPoint>();
  }

 private:
  static Result<std::int64_t> unused() { return fail("unsupported", "not used in these tests"); }
  std::map<directory::OrganisationId, directory::Organisation> orgs_;
};

inline directory::Organisation organisation(directory::OrganisationId id, sharing::Sector sector,
                                            sharing::Secrecy secrecy, bool reporting_duty, sharing::Mission mission) {
  directory::Organisation o;
  o.id = id;
  o.name = "Organisation " + std::to_string(id);
  o.sector = sector;
  o.secrecy = secrecy;
  o.reporting_duty = reporting_duty;
  o.mission = mission;
  o.finality = "A finality";
  o.languages = {"nl"};
  return o;
}

// 1: police zone; 2: CAW (welfare, professional secrecy); 3: municipality.
inline void seed_directory(OrganisationsOnly& d) {
  using namespace sharing;
  d.put(organisation(1, Sector::police, Secrecy::none, true, Mission::safety));
  d.put(organisation(2, Sector::welfare, Secrecy::professional, false, Mission::care));
  d.put(organisation(3, Sector::municipality, Secrecy::discretion, true, Mission::both));
}

constexpr sharing::Timestamp kDay = 86'400'000'000LL;
constexpr sharing::Timestamp k2026 = 1'767'225'600'000'000LL;  // 2026-01-01T00:00:00Z

// Police (1) and municipality (3) exchange identity and social information for
// public order and coordination; the municipality never sends judicial data.
inline agreement::Document police_municipality() {
  using namespace sharing;
  agreement::Document d;
  d.title = "Overlast Nethegem";
  d.valid_from = k2026;
  d.review_date = k2026 + 365 * kDay;
  d.parties = {{"1", "Openbare orde handhaven", {"trekker"}, {"agendeert situaties"}},
               {"3", "Leefbaarheid in de wijken", {"coordinator"}, {"zit het overleg voor"}}};
  agreement::RuleText r1;
  r1.id = "r1";
  r1.from = {"1"};
  r1.to = {"3"};
  r1.categories = {Category::identity, Category::social};
  r1.purposes = {Purpose::public_order, Purpose::coordination};
  r1.grounds = {Ground::agreement};
  r1.obligations = {"inform_person"};
  agreement::RuleText r2 = r1;
  r2.id = "r2";
  r2.from = {"3"};
  r2.to = {"sector:police"};
  r2.categories = {Category::identity};
  r2.purposes = {Purpose::coordination};
  r2.obligations = {};
  d.rules = {r1, r2};
  d.retention = {{Category::identity, 365}, {Category::social, 180}};
  return d;
}

}  // namespace tafel::test_support
