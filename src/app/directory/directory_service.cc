#include "app/directory/directory_service.h"

#include <algorithm>
#include <map>

#include "app/authorization.h"

namespace tafel::app::directory {

using access::Action;

#define TAFEL_TRY(expr)                                  \
  if (auto tafel_r = (expr); !tafel_r) {                 \
    return tl::unexpected(std::move(tafel_r).error());   \
  }

template <typename Id, typename Change>
Result<Id> DirectoryService::audited(const access::Principal& who, core::audit::Action action,
                                     std::string_view object_type, const audit::Origin& origin, Change&& change) {
  return transactions_.run_returning<Id>([&]() -> Result<Id> {
    Result<Id> id = change();
    if (!id || !audit_) return id;
    core::audit::Entry e;
    e.actor = std::to_string(who.user_id);
    e.organisation = std::to_string(who.organisation_id);
    e.action = action;
    e.object_type = std::string(object_type);
    e.object_id = std::to_string(*id);
    if (auto r = audit_->record(std::move(e), origin); !r) return tl::unexpected(r.error());
    return id;
  });
}

Result<dir::OrganisationId> DirectoryService::create_organisation(const access::Principal& who,
                                                                  const dir::Organisation& o,
                                                                  const audit::Origin& origin) {
  TAFEL_TRY(authorize(who, Action::create_organisation));
  TAFEL_TRY(dir::validate(o));
  return audited<dir::OrganisationId>(who, core::audit::Action::create, "organisation", origin,
                                      [&] { return store_.create_organisation(o); });
}

namespace {

// The facts the sharing engine decides on, by name, with their value as text.
std::vector<std::pair<std::string, std::string>> sharing_facts(const dir::Organisation& o) {
  return {{"sector", std::string(sharing::name_of(o.sector))},
          {"secrecy", std::string(sharing::name_of(o.secrecy))},
          {"mission", std::string(sharing::name_of(o.mission))},
          {"reporting_duty", o.reporting_duty ? "yes" : "no"}};
}

}  // namespace

Result<void> DirectoryService::update_organisation(const access::Principal& who, const dir::Organisation& o,
                                                   const audit::Origin& origin) {
  TAFEL_TRY(authorize(who, Action::edit_organisation, {o.id, {}}));
  TAFEL_TRY(dir::validate(o));
  auto existing = store_.find_organisation(o.id);
  if (!existing) return tl::unexpected(existing.error());
  if (!*existing) return fail("not_found", "no such organisation");
  // Which of the sharing engine's facts this update changes: only a platform admin
  // may, and each change is audited with its old and new value.
  std::vector<std::pair<std::string, std::string>> changed;  // field, "old->new"
  const auto before = sharing_facts(**existing), after = sharing_facts(o);
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].second != after[i].second) changed.emplace_back(before[i].first, before[i].second + "->" + after[i].second);
  }
  if (!changed.empty() && !authorize(who, Action::edit_organisation_facts)) {
    return fail("forbidden", "organisation_facts");
  }
  auto done = audited<dir::OrganisationId>(who, core::audit::Action::update, "organisation", origin,
                                           [&]() -> Result<dir::OrganisationId> {
                                             TAFEL_TRY(store_.update_organisation(o));
                                             if (!audit_) return o.id;
                                             for (const auto& [field, change] : changed) {
                                               core::audit::Entry e;
                                               e.actor = std::to_string(who.user_id);
                                               e.organisation = std::to_string(o.id);
                                               e.action = core::audit::Action::update;
                                               e.object_type = "organisation_fact";
                                               e.object_id = std::to_string(o.id) + "/" + field;
                                               e.rule = change;
                                               TAFEL_TRY(audit_->record(std::move(e), origin));
                                             }
                                             return o.id;
                                           });
  if (!done) return tl::unexpected(done.error());
  return {};
}

Result<std::vector<dir::Organisation>> DirectoryService::organisations(const access::Principal& who) {
  TAFEL_TRY(authorize(who, Action::view_directory));
  return store_.list_organisations();
}

Result<std::vector<ContactPointView>> DirectoryService::views(const std::vector<dir::ContactPoint>& cps) {
  std::vector<dir::OrganisationId> org_ids;
  for (const auto& cp : cps) {
    if (std::find(org_ids.begin(), org_ids.end(), cp.organisation_id) == org_ids.end()) {
      org_ids.push_back(cp.organisation_id);
    }
  }
  auto orgs = store_.find_organisations(org_ids);
  if (!orgs) return tl::unexpected(orgs.error());
  auto topics = store_.list_topics();
  if (!topics) return tl::unexpected(topics.error());
  auto areas = store_.list_areas();
  if (!areas) return tl::unexpected(areas.error());
  std::map<dir::OrganisationId, dir::Organisation> org_by_id;
  for (auto& o : *orgs) org_by_id[o.id] = o;
  std::map<dir::TopicId, dir::Topic> topic_by_id;
  for (auto& t : *topics) topic_by_id[t.id] = t;
  std::map<dir::AreaId, dir::Area> area_by_id;
  for (auto& a : *areas) area_by_id[a.id] = a;
  std::map<access::UserId, access::User> people;
  auto person = [&](access::UserId id) -> Result<access::User> {
    if (auto it = people.find(id); it != people.end()) return it->second;
    auto u = accounts_.find_user(id);
    if (!u) return tl::unexpected(u.error());
    if (!*u) return fail("not_found", "a contact person no longer exists");
    people[id] = **u;
    return **u;
  };
  std::vector<ContactPointView> out;
  for (const auto& cp : cps) {
    ContactPointView v;
    v.contact_point = cp;
    v.organisation = org_by_id[cp.organisation_id];
    v.topic = topic_by_id[cp.topic_id];
    v.area = area_by_id[cp.area_id];
    auto p = person(cp.primary);
    if (!p) return tl::unexpected(p.error());
    v.primary = *p;
    for (auto d : cp.deputies) {
      auto du = person(d);
      if (!du) return tl::unexpected(du.error());
      v.deputies.push_back(*du);
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<ProfileView> DirectoryService::profile(const access::Principal& who, dir::OrganisationId id) {
  TAFEL_TRY(authorize(who, Action::view_directory));
  auto org = store_.find_organisation(id);
  if (!org) return tl::unexpected(org.error());
  if (!*org) return fail("not_found", "no such organisation");
  ProfileView view;
  view.organisation = **org;
  view.statements = dir::sharing_profile(view.organisation);
  auto areas = store_.list_areas();
  if (!areas) return tl::unexpected(areas.error());
  for (const auto& a : *areas) {
    if (std::find(view.organisation.areas.begin(), view.organisation.areas.end(), a.id) !=
        view.organisation.areas.end()) {
      view.areas.push_back(a);
    }
  }
  auto cps = store_.list_contact_points(id);
  if (!cps) return tl::unexpected(cps.error());
  auto v = views(*cps);
  if (!v) return tl::unexpected(v.error());
  view.contact_points = std::move(*v);
  if (authorize(who, Action::view_coverage, {id, {}})) view.warnings = dir::analyse_coverage(*cps);
  return view;
}

Result<std::vector<dir::Topic>> DirectoryService::topics(const access::Principal& who) {
  TAFEL_TRY(authorize(who, Action::view_directory));
  return store_.list_topics();
}

Result<dir::TopicId> DirectoryService::create_topic(const access::Principal& who, const dir::Topic& topic,
                                                    const audit::Origin& origin) {
  TAFEL_TRY(authorize(who, Action::manage_topics));
  TAFEL_TRY(dir::validate(topic));
  return audited<dir::TopicId>(who, core::audit::Action::create, "topic", origin,
                               [&] { return store_.create_topic(topic); });
}

Result<std::vector<dir::Area>> DirectoryService::areas(const access::Principal& who) {
  TAFEL_TRY(authorize(who, Action::view_directory));
  return store_.list_areas();
}

Result<dir::AreaId> DirectoryService::create_area(const access::Principal& who, const dir::Area& area,
                                                  const audit::Origin& origin) {
  TAFEL_TRY(authorize(who, Action::manage_areas));
  TAFEL_TRY(dir::validate(area));
  if (area.parent) {
    auto all = store_.list_areas();
    if (!all) return tl::unexpected(all.error());
    auto it = std::find_if(all->begin(), all->end(), [&](const dir::Area& a) { return a.id == *area.parent; });
    if (it == all->end() || it->kind != dir::AreaKind::municipality) {
      return fail("invalid_input", "a district must lie in an existing municipality");
    }
  }
  return audited<dir::AreaId>(who, core::audit::Action::create, "area", origin,
                              [&] { return store_.create_area(area); });
}

Result<void> DirectoryService::check_people(const dir::ContactPoint& cp) {
  std::vector<dir::PersonId> people = cp.deputies;
  people.push_back(cp.primary);
  for (auto id : people) {
    auto u = accounts_.find_user(id);
    if (!u) return tl::unexpected(u.error());
    if (!*u || (*u)->organisation_id != cp.organisation_id || !(*u)->active) {
      return fail("invalid_input", "contact persons must be active users of the organisation");
    }
  }
  auto topics = store_.list_topics();
  if (!topics) return tl::unexpected(topics.error());
  if (std::none_of(topics->begin(), topics->end(), [&](const dir::Topic& t) { return t.id == cp.topic_id; })) {
    return fail("invalid_input", "no such topic");
  }
  auto areas = store_.list_areas();
  if (!areas) return tl::unexpected(areas.error());
  if (std::none_of(areas->begin(), areas->end(), [&](const dir::Area& a) { return a.id == cp.area_id; })) {
    return fail("invalid_input", "no such area");
  }
  return {};
}

Result<dir::ContactPointId> DirectoryService::save_contact_point(const access::Principal& who,
                                                                 const dir::ContactPoint& cp,
                                                                 const audit::Origin& origin) {
  dir::ContactPoint record = cp;
  if (cp.id != 0) {
    // The record decides, not the request: an existing contact point stays in its
    // organisation, and only that organisation's admins may change it.
    auto existing = store_.find_contact_point(cp.id);
    if (!existing) return tl::unexpected(existing.error());
    if (!*existing) return fail("not_found", "no such contact point");
    TAFEL_TRY(authorize(who, Action::manage_contact_points, {(*existing)->organisation_id, {}}));
    record.organisation_id = (*existing)->organisation_id;
  } else {
    TAFEL_TRY(authorize(who, Action::manage_contact_points, {cp.organisation_id, {}}));
  }
  TAFEL_TRY(dir::validate(record));
  TAFEL_TRY(check_people(record));
  if (record.id == 0) {
    return audited<dir::ContactPointId>(who, core::audit::Action::create, "contact_point", origin,
                                        [&] { return store_.create_contact_point(record); });
  }
  return audited<dir::ContactPointId>(who, core::audit::Action::update, "contact_point", origin,
                                      [&]() -> Result<dir::ContactPointId> {
                                        TAFEL_TRY(store_.update_contact_point(record));
                                        return record.id;
                                      });
}

Result<void> DirectoryService::delete_contact_point(const access::Principal& who, dir::ContactPointId id,
                                                   const audit::Origin& origin) {
  auto existing = store_.find_contact_point(id);
  if (!existing) return tl::unexpected(existing.error());
  if (!*existing) return fail("not_found", "no such contact point");
  TAFEL_TRY(authorize(who, Action::manage_contact_points, {(*existing)->organisation_id, {}}));
  auto done = audited<dir::ContactPointId>(who, core::audit::Action::remove, "contact_point", origin,
                                           [&]() -> Result<dir::ContactPointId> {
                                             TAFEL_TRY(store_.delete_contact_point(id));
                                             return id;
                                           });
  if (!done) return tl::unexpected(done.error());
  return {};
}

Result<ContactPointView> DirectoryService::contact_point(const access::Principal& who, dir::ContactPointId id) {
  TAFEL_TRY(authorize(who, Action::view_directory));
  auto existing = store_.find_contact_point(id);
  if (!existing) return tl::unexpected(existing.error());
  if (!*existing) return fail("not_found", "no such contact point");
  auto v = views({**existing});
  if (!v) return tl::unexpected(v.error());
  return v->front();
}

Result<DirectoryService::SearchPage> DirectoryService::search_page(const access::Principal& who,
                                                                   const dir::SearchFilter& filter,
                                                                   dir::ContactPointId after, std::size_t limit) {
  TAFEL_TRY(authorize(who, Action::view_directory));
  limit = std::clamp<std::size_t>(limit, 1, kMaxSearchPage);
  auto areas = store_.list_areas();
  if (!areas) return tl::unexpected(areas.error());
  // The areas a search for filter.area answers with: itself, its parent (a contact
  // point for the municipality covers its districts) and its children (dir::search).
  std::vector<dir::AreaId> area_ids;
  if (filter.area) {
    area_ids.push_back(*filter.area);
    for (const auto& a : *areas) {
      if (a.id == *filter.area && a.parent) area_ids.push_back(*a.parent);
      if (a.parent == filter.area) area_ids.push_back(a.id);
    }
  }
  auto cps = store_.find_contact_points(filter.topic, area_ids, after, limit + 1);
  if (!cps) return tl::unexpected(cps.error());
  SearchPage page;
  if (cps->size() > limit) {
    cps->resize(limit);
    page.next = cps->back().id;
  }
  std::vector<dir::OrganisationId> org_ids;
  for (const auto& cp : *cps) org_ids.push_back(cp.organisation_id);
  auto orgs = store_.find_organisations(org_ids);
  if (!orgs) return tl::unexpected(orgs.error());
  auto hits = views(dir::search(*cps, *orgs, *areas, filter));
  if (!hits) return tl::unexpected(hits.error());
  page.hits = std::move(*hits);
  return page;
}

Result<std::vector<ContactPointView>> DirectoryService::search(const access::Principal& who,
                                                               const dir::SearchFilter& filter) {
  auto page = search_page(who, filter);
  if (!page) return tl::unexpected(page.error());
  return std::move(page->hits);
}

Result<std::vector<CoverageView>> DirectoryService::coverage(const access::Principal& who,
                                                             std::optional<dir::OrganisationId> organisation) {
  TAFEL_TRY(authorize(who, Action::view_coverage, {organisation, {}}));
  auto cps = store_.list_contact_points(organisation);
  if (!cps) return tl::unexpected(cps.error());
  auto v = views(*cps);
  if (!v) return tl::unexpected(v.error());
  std::map<dir::ContactPointId, const ContactPointView*> by_id;
  for (const auto& cv : *v) by_id[cv.contact_point.id] = &cv;
  auto orgs = store_.list_organisations();
  if (!orgs) return tl::unexpected(orgs.error());
  std::vector<CoverageView> out;
  for (const auto& w : dir::analyse_coverage(*cps)) {
    CoverageView view;
    view.warning = w;
    for (const auto& o : *orgs) {
      if (o.id == w.organisation_id) view.organisation = o;
    }
    if (w.kind == dir::CoverageWarning::Kind::no_deputy) {
      view.contact_point = *by_id[w.contact_point_id];
    } else {
      auto u = accounts_.find_user(w.person);
      if (!u) return tl::unexpected(u.error());
      if (*u) view.person = **u;
    }
    out.push_back(std::move(view));
  }
  return out;
}

#undef TAFEL_TRY

}  // namespace tafel::app::directory
