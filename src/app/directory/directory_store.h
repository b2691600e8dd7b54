#pragma once
// The persistence port of the directory: organisations, areas, topics and contact
// points. Implemented by storage::SqlDirectoryStore and MemoryDirectoryStore.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <vector>

#include "core/directory/area.h"
#include "core/directory/contact_point.h"
#include "core/directory/organisation.h"
#include "core/directory/topic.h"
#include "core/result.h"

namespace tafel::app::directory {

namespace dir = tafel::directory;

class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  // "duplicate_name" when another organisation has the name; "not_found" on update
  // of an unknown id.
  virtual Result<dir::OrganisationId> create_organisation(const dir::Organisation& organisation) = 0;
  virtual Result<void> update_organisation(const dir::Organisation& organisation) = 0;
  virtual Result<std::optional<dir::Organisation>> find_organisation(dir::OrganisationId id) = 0;
  virtual Result<std::vector<dir::Organisation>> list_organisations() = 0;  // by name

  virtual Result<dir::AreaId> create_area(const dir::Area& area) = 0;
  virtual Result<std::vector<dir::Area>> list_areas() = 0;  // by name

  // "duplicate_key" when the key is taken.
  virtual Result<dir::TopicId> create_topic(const dir::Topic& topic) = 0;
  virtual Result<std::vector<dir::Topic>> list_topics() = 0;  // by id

  virtual Result<dir::ContactPointId> create_contact_point(const dir::ContactPoint& contact_point) = 0;
  // Replaces every field but id and organisation; "not_found" on an unknown id.
  virtual Result<void> update_contact_point(const dir::ContactPoint& contact_point) = 0;
  virtual Result<void> delete_contact_point(dir::ContactPointId id) = 0;
  virtual Result<std::optional<dir::ContactPoint>> find_contact_point(dir::ContactPointId id) = 0;
  // Every contact point, or those of one organisation; by id.
  virtual Result<std::vector<dir::ContactPoint>> list_contact_points(
      std::optional<dir::OrganisationId> organisation) = 0;

  // One page of contact points by id (issue 21): ids above `after`, at most `limit`,
  // only on `topic` when set and only in one of `areas` when it is not empty. Reads
  // only those rows (SQL: the primary key or the topic/area indexes). The default
  // filters list_contact_points, for in-memory stores.
  virtual Result<std::vector<dir::ContactPoint>> find_contact_points(std::optional<dir::TopicId> topic,
                                                                     const std::vector<dir::AreaId>& areas,
                                                                     dir::ContactPointId after, std::size_t limit) {
    auto all = list_contact_points(std::nullopt);
    if (!all) return all;
    std::vector<dir::ContactPoint> out;
    for (auto& cp : *all) {
      if (out.size() >= limit) break;
      if (cp.id <= after || (topic && cp.topic_id != *topic)) continue;
      if (!areas.empty() && std::find(areas.begin(), areas.end(), cp.area_id) == areas.end()) continue;
      out.push_back(std::move(cp));
    }
    return out;
  }

  // The organisations among `ids` that exist, by name; reads only their rows. The
  // default filters list_organisations, for in-memory stores.
  virtual Result<std::vector<dir::Organisation>> find_organisations(const std::vector<dir::OrganisationId>& ids) {
    auto all = list_organisations();
    if (!all) return all;
    std::vector<dir::Organisation> out;
    for (auto& o : *all) {
      if (std::find(ids.begin(), ids.end(), o.id) != ids.end()) out.push_back(std::move(o));
    }
    return out;
  }
};

}  // namespace tafel::app::directory
