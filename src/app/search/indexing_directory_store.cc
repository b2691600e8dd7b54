#include "app/search/indexing_directory_store.h"

#include <algorithm>

namespace tafel::app::search {

namespace dir = tafel::directory;

Result<void> reindex_contact_points(SearchIndex& index, directory::DirectoryStore& directory,
                                    accounts::AccountStore& people, const std::vector<dir::ContactPoint>& cps,
                                    const std::function<void()>& each) {
  if (cps.empty()) return {};
  // The names are read once for all of them: organisations by id, areas and topics whole
  // (a few hundred rows), people one by one (each contact point names its own).
  std::vector<dir::OrganisationId> ids;
  for (const auto& cp : cps) {
    if (std::find(ids.begin(), ids.end(), cp.organisation_id) == ids.end()) ids.push_back(cp.organisation_id);
  }
  auto organisations = directory.find_organisations(ids);
  if (!organisations) return tl::unexpected(organisations.error());
  auto areas = directory.list_areas();
  if (!areas) return tl::unexpected(areas.error());
  auto topics = directory.list_topics();
  if (!topics) return tl::unexpected(topics.error());
  for (const auto& cp : cps) {
    ContactPointNames names;
    for (const auto& o : *organisations) {
      if (o.id == cp.organisation_id) names.organisation = o.name;
    }
    for (const auto& a : *areas) {
      if (a.id == cp.area_id) names.area = a.name;
    }
    for (const auto& t : *topics) {
      if (t.id == cp.topic_id) names.topic = {t.label_nl, t.label_fr, t.label_en};
    }
    std::vector<dir::PersonId> people_ids{cp.primary};
    people_ids.insert(people_ids.end(), cp.deputies.begin(), cp.deputies.end());
    for (auto id : people_ids) {
      auto user = people.find_user(id);
      if (!user) return tl::unexpected(user.error());
      if (*user) names.people.push_back((*user)->display_name);
    }
    if (auto put = index.put(document_of(cp, names)); !put) return put;
    if (each) each();
  }
  return {};
}

Result<void> IndexingDirectoryStore::update_organisation(const dir::Organisation& o) {
  if (auto saved = inner_.update_organisation(o); !saved) return saved;
  auto cps = inner_.list_contact_points(o.id);
  if (!cps) return tl::unexpected(cps.error());
  return reindex_contact_points(index_, inner_, people_, *cps);
}

Result<dir::ContactPointId> IndexingDirectoryStore::create_contact_point(const dir::ContactPoint& cp) {
  auto id = inner_.create_contact_point(cp);
  if (!id) return id;
  dir::ContactPoint saved = cp;
  saved.id = *id;
  if (auto ok = reindex_contact_points(index_, inner_, people_, {saved}); !ok) return tl::unexpected(ok.error());
  return id;
}

Result<void> IndexingDirectoryStore::update_contact_point(const dir::ContactPoint& cp) {
  if (auto saved = inner_.update_contact_point(cp); !saved) return saved;
  // The organisation is not changed by an update: read the row as stored.
  auto found = inner_.find_contact_point(cp.id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return {};
  return reindex_contact_points(index_, inner_, people_, {**found});
}

Result<void> IndexingDirectoryStore::delete_contact_point(dir::ContactPointId id) {
  if (auto done = inner_.delete_contact_point(id); !done) return done;
  return index_.remove(Kind::contact_point, id);
}

}  // namespace tafel::app::search
