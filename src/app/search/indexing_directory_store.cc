#include "app/search/indexing_directory_store.h"

namespace tafel::app::search {

namespace dir = tafel::directory;

Result<void> reindex_contact_point(SearchIndex& index, directory::DirectoryStore& directory,
                                   accounts::AccountStore& people, const dir::ContactPoint& cp) {
  ContactPointNames names;
  auto organisation = directory.find_organisation(cp.organisation_id);
  if (!organisation) return tl::unexpected(organisation.error());
  if (*organisation) names.organisation = (*organisation)->name;
  auto areas = directory.list_areas();
  if (!areas) return tl::unexpected(areas.error());
  for (const auto& a : *areas) {
    if (a.id == cp.area_id) names.area = a.name;
  }
  auto topics = directory.list_topics();
  if (!topics) return tl::unexpected(topics.error());
  for (const auto& t : *topics) {
    if (t.id == cp.topic_id) names.topic = {t.label_nl, t.label_fr, t.label_en};
  }
  std::vector<dir::PersonId> ids{cp.primary};
  ids.insert(ids.end(), cp.deputies.begin(), cp.deputies.end());
  for (auto id : ids) {
    auto user = people.find_user(id);
    if (!user) return tl::unexpected(user.error());
    if (*user) names.people.push_back((*user)->display_name);
  }
  return index.put(document_of(cp, names));
}

Result<void> IndexingDirectoryStore::update_organisation(const dir::Organisation& o) {
  if (auto saved = inner_.update_organisation(o); !saved) return saved;
  auto cps = inner_.list_contact_points(o.id);
  if (!cps) return tl::unexpected(cps.error());
  for (const auto& cp : *cps) {
    if (auto ok = reindex_contact_point(index_, inner_, people_, cp); !ok) return ok;
  }
  return {};
}

Result<dir::ContactPointId> IndexingDirectoryStore::create_contact_point(const dir::ContactPoint& cp) {
  auto id = inner_.create_contact_point(cp);
  if (!id) return id;
  dir::ContactPoint saved = cp;
  saved.id = *id;
  if (auto ok = reindex_contact_point(index_, inner_, people_, saved); !ok) return tl::unexpected(ok.error());
  return id;
}

Result<void> IndexingDirectoryStore::update_contact_point(const dir::ContactPoint& cp) {
  if (auto saved = inner_.update_contact_point(cp); !saved) return saved;
  // The organisation is not changed by an update: read the row as stored.
  auto found = inner_.find_contact_point(cp.id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return {};
  return reindex_contact_point(index_, inner_, people_, **found);
}

Result<void> IndexingDirectoryStore::delete_contact_point(dir::ContactPointId id) {
  if (auto done = inner_.delete_contact_point(id); !done) return done;
  return index_.remove(Kind::contact_point, id);
}

}  // namespace tafel::app::search
