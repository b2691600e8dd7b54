#pragma once
// The directory use cases: partner profiles, contact points with deputies, the
// search "whom do I call at X about Y", coverage warnings, topics and areas. Every
// call authorises through app::authorize against the record it touches: an
// organisation admin edits only its own organisation and its contact points, even
// when a request names another organisation's record.

#include <optional>
#include <string>
#include <vector>

#include "app/accounts/account_store.h"
#include "app/audit/audit_trail.h"
#include "app/directory/directory_store.h"
#include "app/unit_of_work.h"
#include "core/access/policy.h"
#include "core/directory/coverage.h"
#include "core/directory/partner_profile.h"
#include "core/directory/search.h"

namespace tafel::app::directory {

// A contact point with everything needed to call it.
struct ContactPointView {
  dir::ContactPoint contact_point;
  dir::Organisation organisation;
  dir::Topic topic;
  dir::Area area;
  access::User primary;
  std::vector<access::User> deputies;
};

struct ProfileView {
  dir::Organisation organisation;
  std::vector<dir::ProfileStatement> statements;
  std::vector<dir::Area> areas;
  std::vector<ContactPointView> contact_points;
  std::vector<dir::CoverageWarning> warnings;  // only for those who may see coverage
};

struct CoverageView {
  dir::CoverageWarning warning;
  dir::Organisation organisation;
  std::optional<ContactPointView> contact_point;  // for no_deputy
  std::optional<access::User> person;             // for overloaded_person
};

class DirectoryService {
 public:
  // Changes (organisations, topics, areas, contact points: contact points name
  // professionals, which is personal data) are recorded in `audit` in the same unit
  // as the change (`transactions`). Without a trail (tests of reads) nothing is
  // recorded.
  DirectoryService(DirectoryStore& store, accounts::AccountStore& accounts, audit::AuditTrail* audit = nullptr,
                   UnitOfWork& transactions = UnitOfWork::immediate())
      : store_(store), accounts_(accounts), audit_(audit), transactions_(transactions) {}

  // Mutating calls take the request's origin for the audit entry (empty for the CLI
  // and the demo seeding).
  Result<dir::OrganisationId> create_organisation(const access::Principal& who, const dir::Organisation& o,
                                                  const audit::Origin& origin = {});
  // Changing sector, secrecy, mission or reporting_duty (the facts the sharing engine
  // decides on) needs a platform admin: "forbidden" with message
  // "organisation_facts" otherwise. Each changed fact is audited as its own entry,
  // object ("organisation_fact", "<id>/<field>") with rule "<old>-><new>"
  // (docs/audit.md).
  Result<void> update_organisation(const access::Principal& who, const dir::Organisation& o,
                                   const audit::Origin& origin = {});
  Result<std::vector<dir::Organisation>> organisations(const access::Principal& who);
  // "not_found" for an unknown id.
  Result<ProfileView> profile(const access::Principal& who, dir::OrganisationId id);

  Result<std::vector<dir::Topic>> topics(const access::Principal& who);
  Result<dir::TopicId> create_topic(const access::Principal& who, const dir::Topic& topic,
                                    const audit::Origin& origin = {});
  Result<std::vector<dir::Area>> areas(const access::Principal& who);
  Result<dir::AreaId> create_area(const access::Principal& who, const dir::Area& area,
                                  const audit::Origin& origin = {});

  // Creates (id 0) or updates a contact point. Its people must be active users of
  // its organisation ("invalid_input" otherwise); the topic and area must exist.
  Result<dir::ContactPointId> save_contact_point(const access::Principal& who, const dir::ContactPoint& cp,
                                                const audit::Origin& origin = {});
  Result<void> delete_contact_point(const access::Principal& who, dir::ContactPointId id,
                                    const audit::Origin& origin = {});
  Result<ContactPointView> contact_point(const access::Principal& who, dir::ContactPointId id);

  // One page of the directory search (issue 21): the contact points with ids above
  // `after` that match `filter`, from at most `limit` candidates read by id (topic
  // and area narrow the read through indexes; sector and language filter the page),
  // sorted by organisation name then id. `next` is the `after` of the following page,
  // absent on the last one; a page may hold fewer than `limit` hits while `next` is set.
  struct SearchPage {
    std::vector<ContactPointView> hits;
    std::optional<dir::ContactPointId> next;
  };
  static constexpr std::size_t kDefaultSearchPage = 500;
  static constexpr std::size_t kMaxSearchPage = 1000;
  Result<SearchPage> search_page(const access::Principal& who, const dir::SearchFilter& filter,
                                 dir::ContactPointId after = 0, std::size_t limit = kDefaultSearchPage);
  // The first page of search_page at the default size.
  Result<std::vector<ContactPointView>> search(const access::Principal& who, const dir::SearchFilter& filter);

  // The coordinator overview: warnings for one organisation, or (platform admin) all.
  Result<std::vector<CoverageView>> coverage(const access::Principal& who,
                                             std::optional<dir::OrganisationId> organisation);

 private:
  Result<std::vector<ContactPointView>> views(const std::vector<dir::ContactPoint>& cps);
  Result<void> check_people(const dir::ContactPoint& cp);
  // Runs `change` and records its audit entry in one unit; `change` returns the id of
  // the record it touched.
  template <typename Id, typename Change>
  Result<Id> audited(const access::Principal& who, core::audit::Action action, std::string_view object_type,
                     const audit::Origin& origin, Change&& change);

  DirectoryStore& store_;
  accounts::AccountStore& accounts_;
  audit::AuditTrail* audit_;
  UnitOfWork& transactions_;
};

}  // namespace tafel::app::directory
