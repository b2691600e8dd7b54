#pragma once
// The directory store that keeps contact points in the search index (issue 14): after
// a contact point is created or changed its document (search_documents.h) is put, after
// it is deleted removed, and after an organisation is renamed its contact points are
// put again (their title holds its name). Like the other indexing stores
// (indexing_stores.h) it runs inside the use case's unit of work, so the index commits
// with the directory, or not at all. A person's new display name reaches the index at
// the contact point's next change or at `tafel search reindex`.

#include <functional>
#include <vector>

#include "app/accounts/account_store.h"
#include "app/directory/directory_store.h"
#include "app/search/search_documents.h"

namespace tafel::app::search {

class IndexingDirectoryStore final : public directory::DirectoryStore {
 public:
  // `people` names the contact points' primaries and deputies.
  IndexingDirectoryStore(directory::DirectoryStore& inner, accounts::AccountStore& people, SearchIndex& index)
      : inner_(inner), people_(people), index_(index) {}

  Result<directory::dir::OrganisationId> create_organisation(const directory::dir::Organisation& o) override {
    return inner_.create_organisation(o);
  }
  Result<void> update_organisation(const directory::dir::Organisation& o) override;
  Result<std::optional<directory::dir::Organisation>> find_organisation(directory::dir::OrganisationId id) override {
    return inner_.find_organisation(id);
  }
  Result<std::vector<directory::dir::Organisation>> list_organisations() override {
    return inner_.list_organisations();
  }
  Result<directory::dir::AreaId> create_area(const directory::dir::Area& area) override {
    return inner_.create_area(area);
  }
  Result<std::vector<directory::dir::Area>> list_areas() override { return inner_.list_areas(); }
  Result<directory::dir::TopicId> create_topic(const directory::dir::Topic& topic) override {
    return inner_.create_topic(topic);
  }
  Result<std::vector<directory::dir::Topic>> list_topics() override { return inner_.list_topics(); }
  Result<directory::dir::ContactPointId> create_contact_point(const directory::dir::ContactPoint& cp) override;
  Result<void> update_contact_point(const directory::dir::ContactPoint& cp) override;
  Result<void> delete_contact_point(directory::dir::ContactPointId id) override;
  Result<std::optional<directory::dir::ContactPoint>> find_contact_point(directory::dir::ContactPointId id) override {
    return inner_.find_contact_point(id);
  }
  Result<std::vector<directory::dir::ContactPoint>> list_contact_points(
      std::optional<directory::dir::OrganisationId> organisation) override {
    return inner_.list_contact_points(organisation);
  }
  Result<std::vector<directory::dir::ContactPoint>> find_contact_points(std::optional<directory::dir::TopicId> topic,
                                                                        const std::vector<directory::dir::AreaId>& areas,
                                                                        directory::dir::ContactPointId after,
                                                                        std::size_t limit) override {
    return inner_.find_contact_points(topic, areas, after, limit);
  }
  Result<std::vector<directory::dir::Organisation>> find_organisations(
      const std::vector<directory::dir::OrganisationId>& ids) override {
    return inner_.find_organisations(ids);
  }

 private:
  directory::DirectoryStore& inner_;
  accounts::AccountStore& people_;
  SearchIndex& index_;
};

// Puts the documents of `contact_points`, their names read from `directory` and
// `people` (organisations, areas and topics once for all): what the indexing store does
// after a save, and `tafel search reindex`. `each` (optional) is called after each put.
Result<void> reindex_contact_points(SearchIndex& index, directory::DirectoryStore& directory,
                                    accounts::AccountStore& people,
                                    const std::vector<tafel::directory::ContactPoint>& contact_points,
                                    const std::function<void()>& each = {});

}  // namespace tafel::app::search
