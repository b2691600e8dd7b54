#include "storage/directory_store.h"

#include <soci/soci.h>

#include <map>
#include <stdexcept>

#include "storage/accounts_sql.h"
#include "storage/prepared_statement.h"
#include "storage/sharing_world_generation.h"

namespace tafel::storage {

namespace dir = tafel::directory;

namespace {

// "1,2,3": integer ids for an IN list (integers only, so no quoting is needed).
std::string id_list(const std::vector<long long>& ids) {
  std::string out;
  for (long long id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

template <typename E>
E parse_or_throw(const std::string& text) {
  auto v = sharing::parse_term<E>(text);
  if (!v) throw std::runtime_error("unknown vocabulary term in the directory tables");
  return *v;
}

void write_areas(soci::session& s, long long org, const std::vector<dir::AreaId>& areas) {
  s << "DELETE FROM organisation_areas WHERE organisation_id = :o", soci::use(org);
  for (auto a : areas) {
    long long area = a;
    s << "INSERT INTO organisation_areas (organisation_id, area_id) VALUES (:o, :a)", soci::use(org),
        soci::use(area);
  }
}

void write_deputies(soci::session& s, long long cp, const std::vector<dir::PersonId>& deputies) {
  s << "DELETE FROM contact_point_deputies WHERE contact_point_id = :c", soci::use(cp);
  for (std::size_t i = 0; i < deputies.size(); ++i) {
    long long user = deputies[i];
    int ordinal = static_cast<int>(i);
    s << "INSERT INTO contact_point_deputies (contact_point_id, user_id, ordinal) VALUES (:c, :u, :n)",
        soci::use(cp), soci::use(user), soci::use(ordinal);
  }
}

}  // namespace

Result<dir::OrganisationId> SqlDirectoryStore::create_organisation(const dir::Organisation& o) {
  long long id = 0;
  bool duplicate = false;
  auto r = db_.transaction([&](soci::session& s) {
    std::string name = o.name;
    long long taken = 0;
    s << "SELECT COUNT(*) FROM organisations WHERE name = :n", soci::use(name), soci::into(taken);
    if (taken > 0) {
      duplicate = true;
      return;
    }
    std::string sector(sharing::name_of(o.sector)), secrecy(sharing::name_of(o.secrecy)),
        mission(sharing::name_of(o.mission)), finality = o.finality, languages = sql::join(o.languages),
        address = o.address, phone = o.phone, website = o.website;
    int duty = o.reporting_duty ? 1 : 0;
    long long t = now();
    s << "INSERT INTO organisations (name, sector, secrecy, reporting_duty, mission, finality, languages, address, "
         "phone, website, created_at, updated_at) VALUES (:n, :s, :x, :d, :m, :f, :l, :a, :p, :w, :c, :u) "
         "RETURNING id",
        soci::use(name), soci::use(sector), soci::use(secrecy), soci::use(duty), soci::use(mission),
        soci::use(finality), soci::use(languages), soci::use(address), soci::use(phone), soci::use(website),
        soci::use(t), soci::use(t), soci::into(id);
    write_areas(s, id, o.areas);
    bump_sharing_world(s);  // a new party of the sharing engine's world
  });
  if (!r) return tl::unexpected(r.error());
  if (duplicate) return fail("duplicate_name", "another organisation has this name");
  return id;
}

Result<void> SqlDirectoryStore::update_organisation(const dir::Organisation& o) {
  bool missing = false, duplicate = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = o.id;
    std::string name = o.name;
    long long taken = 0;
    s << "SELECT COUNT(*) FROM organisations WHERE name = :n AND id <> :i", soci::use(name), soci::use(id),
        soci::into(taken);
    if (taken > 0) {
      duplicate = true;
      return;
    }
    std::string sector(sharing::name_of(o.sector)), secrecy(sharing::name_of(o.secrecy)),
        mission(sharing::name_of(o.mission)), finality = o.finality, languages = sql::join(o.languages),
        address = o.address, phone = o.phone, website = o.website;
    int duty = o.reporting_duty ? 1 : 0;
    long long t = now();
    soci::statement st =
        (s.prepare << "UPDATE organisations SET name = :n, sector = :s, secrecy = :x, reporting_duty = :d, "
                      "mission = :m, finality = :f, languages = :l, address = :a, phone = :p, website = :w, "
                      "updated_at = :u WHERE id = :i",
         soci::use(name), soci::use(sector), soci::use(secrecy), soci::use(duty), soci::use(mission),
         soci::use(finality), soci::use(languages), soci::use(address), soci::use(phone), soci::use(website),
         soci::use(t), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      missing = true;
      return;
    }
    write_areas(s, id, o.areas);
    bump_sharing_world(s);  // sector, secrecy, duty, mission or name as the engine reads them
  });
  if (!r) return r;
  if (duplicate) return fail("duplicate_name", "another organisation has this name");
  if (missing) return fail("not_found", "no such organisation");
  return {};
}

Result<std::vector<dir::Organisation>> SqlDirectoryStore::organisations_where(const std::string& condition,
                                                                              long long value, bool fixed_text) {
  std::vector<dir::Organisation> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long v = value;
    const std::string query =
        "SELECT id, name, sector, secrecy, reporting_duty, mission, finality, languages, address, phone, website "
        "FROM organisations WHERE " +
        condition + " ORDER BY name";
    auto read_organisation = [&](const soci::row& row) {
      dir::Organisation o;
      o.id = sql::integer(row, 0);
      o.name = sql::text(row, 1);
      o.sector = parse_or_throw<sharing::Sector>(sql::text(row, 2));
      o.secrecy = parse_or_throw<sharing::Secrecy>(sql::text(row, 3));
      o.reporting_duty = sql::integer(row, 4) != 0;
      o.mission = parse_or_throw<sharing::Mission>(sql::text(row, 5));
      o.finality = sql::text(row, 6);
      o.languages = sql::split(sql::text(row, 7));
      o.address = sql::text(row, 8);
      o.phone = sql::text(row, 9);
      o.website = sql::text(row, 10);
      out.push_back(std::move(o));
    };
    std::map<long long, std::vector<dir::AreaId>> areas;
    auto read_link = [&](const soci::row& row) { areas[sql::integer(row, 0)].push_back(sql::integer(row, 1)); };
    if (!fixed_text) {
      soci::rowset<soci::row> rows = (s.prepare << query, soci::use(v));
      for (const auto& row : rows) read_organisation(row);
      if (out.empty()) return;
      std::vector<long long> ids;
      for (const auto& o : out) ids.push_back(o.id);
      soci::rowset<soci::row> links = (s.prepare << "SELECT organisation_id, area_id FROM organisation_areas "
                                                    "WHERE organisation_id IN (" +
                                                        id_list(ids) + ") ORDER BY area_id");
      for (const auto& row : links) read_link(row);
    } else {
      PreparedStatement(s, query).for_each_row(read_organisation, soci::use(v));
      if (out.empty()) return;
      // The same condition again rather than the ids found: one text to keep prepared.
      PreparedStatement(s,
                        "SELECT organisation_id, area_id FROM organisation_areas WHERE organisation_id IN "
                        "(SELECT id FROM organisations WHERE " +
                            condition + ") ORDER BY area_id")
          .for_each_row(read_link, soci::use(v));
    }
    for (auto& o : out) o.areas = areas[o.id];
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::optional<dir::Organisation>> SqlDirectoryStore::find_organisation(dir::OrganisationId id) {
  auto found = organisations_where("id = :v", id);
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<dir::Organisation>{};
  return std::optional<dir::Organisation>{found->front()};
}

Result<std::vector<dir::Organisation>> SqlDirectoryStore::list_organisations() {
  // Inside a transaction the list may hold this transaction's uncommitted writes
  // (and its raised generation): read it, never keep it.
  if (db_.current_transaction() != nullptr) return organisations_where("id >= :v", 0);
  // The generation first: a list read after it is at least that recent, so keeping
  // it under that generation is never stale (at worst read again once).
  auto generation = SqlWorldGeneration(db_).current();
  if (!generation) return tl::unexpected(generation.error());
  {
    std::lock_guard lock(organisations_mutex_);
    if (organisations_ && organisations_generation_ == *generation) return *organisations_;
  }
  auto fresh = organisations_where("id >= :v", 0);
  if (!fresh) return fresh;
  std::lock_guard lock(organisations_mutex_);
  if (*generation >= organisations_generation_) {
    organisations_ = std::make_shared<const std::vector<dir::Organisation>>(*fresh);
    organisations_generation_ = *generation;
  }
  return fresh;
}

Result<dir::AreaId> SqlDirectoryStore::create_area(const dir::Area& area) {
  long long id = 0;
  auto r = db_.transaction([&](soci::session& s) {
    std::string kind(dir::name_of(area.kind)), name = area.name;
    long long parent = area.parent.value_or(0);
    soci::indicator pi = area.parent ? soci::i_ok : soci::i_null;
    s << "INSERT INTO areas (kind, name, parent_id) VALUES (:k, :n, :p) RETURNING id", soci::use(kind),
        soci::use(name), soci::use(parent, pi), soci::into(id);
  });
  if (!r) return tl::unexpected(r.error());
  return id;
}

Result<std::vector<dir::Area>> SqlDirectoryStore::list_areas() {
  std::vector<dir::Area> out;
  auto r = db_.with_session([&](soci::session& s) {
    soci::rowset<soci::row> rows = (s.prepare << "SELECT id, kind, name, parent_id FROM areas ORDER BY name, id");
    for (const auto& row : rows) {
      dir::Area a;
      a.id = sql::integer(row, 0);
      a.kind = dir::parse_area_kind(sql::text(row, 1)).value_or(dir::AreaKind::municipality);
      a.name = sql::text(row, 2);
      auto parent = sql::nullable_integer(row, 3);
      if (parent) a.parent = *parent;
      out.push_back(std::move(a));
    }
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<dir::TopicId> SqlDirectoryStore::create_topic(const dir::Topic& topic) {
  long long id = 0;
  bool duplicate = false;
  auto r = db_.transaction([&](soci::session& s) {
    std::string key = topic.key, nl = topic.label_nl, fr = topic.label_fr, en = topic.label_en;
    long long taken = 0;
    s << "SELECT COUNT(*) FROM topics WHERE topic_key = :k", soci::use(key), soci::into(taken);
    if (taken > 0) {
      duplicate = true;
      return;
    }
    s << "INSERT INTO topics (topic_key, label_nl, label_fr, label_en) VALUES (:k, :nl, :fr, :en) RETURNING id",
        soci::use(key), soci::use(nl), soci::use(fr), soci::use(en), soci::into(id);
  });
  if (!r) return tl::unexpected(r.error());
  if (duplicate) return fail("duplicate_key", "a topic with this key exists");
  return id;
}

Result<std::vector<dir::Topic>> SqlDirectoryStore::list_topics() {
  std::vector<dir::Topic> out;
  auto r = db_.with_session([&](soci::session& s) {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, topic_key, label_nl, label_fr, label_en FROM topics ORDER BY id");
    for (const auto& row : rows) {
      out.push_back({sql::integer(row, 0), sql::text(row, 1), sql::text(row, 2), sql::text(row, 3),
                     sql::text(row, 4)});
    }
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<dir::ContactPointId> SqlDirectoryStore::create_contact_point(const dir::ContactPoint& cp) {
  long long id = 0;
  auto r = db_.transaction([&](soci::session& s) {
    long long org = cp.organisation_id, topic = cp.topic_id, area = cp.area_id, primary = cp.primary, t = now();
    std::string hours = cp.office_hours, line = cp.emergency_line, languages = sql::join(cp.languages);
    s << "INSERT INTO contact_points (organisation_id, topic_id, area_id, primary_user_id, office_hours, "
         "emergency_line, languages, created_at, updated_at) VALUES (:o, :t, :a, :p, :h, :e, :l, :c, :u) RETURNING id",
        soci::use(org), soci::use(topic), soci::use(area), soci::use(primary), soci::use(hours), soci::use(line),
        soci::use(languages), soci::use(t), soci::use(t), soci::into(id);
    write_deputies(s, id, cp.deputies);
  });
  if (!r) return tl::unexpected(r.error());
  return id;
}

Result<void> SqlDirectoryStore::update_contact_point(const dir::ContactPoint& cp) {
  bool missing = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = cp.id, topic = cp.topic_id, area = cp.area_id, primary = cp.primary, t = now();
    std::string hours = cp.office_hours, line = cp.emergency_line, languages = sql::join(cp.languages);
    soci::statement st = (s.prepare << "UPDATE contact_points SET topic_id = :t, area_id = :a, primary_user_id = :p, "
                                       "office_hours = :h, emergency_line = :e, languages = :l, updated_at = :u "
                                       "WHERE id = :i",
                          soci::use(topic), soci::use(area), soci::use(primary), soci::use(hours), soci::use(line),
                          soci::use(languages), soci::use(t), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      missing = true;
      return;
    }
    write_deputies(s, id, cp.deputies);
  });
  if (!r) return r;
  if (missing) return fail("not_found", "no such contact point");
  return {};
}

Result<void> SqlDirectoryStore::delete_contact_point(dir::ContactPointId id) {
  bool missing = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long i = id;
    s << "DELETE FROM contact_point_deputies WHERE contact_point_id = :i", soci::use(i);
    soci::statement st = (s.prepare << "DELETE FROM contact_points WHERE id = :i", soci::use(i));
    st.execute(true);
    missing = st.get_affected_rows() == 0;
  });
  if (!r) return r;
  if (missing) return fail("not_found", "no such contact point");
  return {};
}

Result<std::vector<dir::ContactPoint>> SqlDirectoryStore::contact_points_where(const std::string& condition,
                                                                               long long value) {
  std::vector<dir::ContactPoint> out;
  auto r = db_.with_session([&](soci::session& s) {
    long long v = value;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, organisation_id, topic_id, area_id, primary_user_id, office_hours, emergency_line, "
                      "languages FROM contact_points WHERE " +
                          condition + (condition.find("ORDER BY") == std::string::npos ? " ORDER BY id" : ""),
         soci::use(v));
    std::map<long long, std::size_t> index;
    for (const auto& row : rows) {
      dir::ContactPoint cp;
      cp.id = sql::integer(row, 0);
      cp.organisation_id = sql::integer(row, 1);
      cp.topic_id = sql::integer(row, 2);
      cp.area_id = sql::integer(row, 3);
      cp.primary = sql::integer(row, 4);
      cp.office_hours = sql::text(row, 5);
      cp.emergency_line = sql::text(row, 6);
      cp.languages = sql::split(sql::text(row, 7));
      index[cp.id] = out.size();
      out.push_back(std::move(cp));
    }
    if (out.empty()) return;
    std::vector<long long> ids;
    for (const auto& cp : out) ids.push_back(cp.id);
    soci::rowset<soci::row> deputies =
        (s.prepare << "SELECT contact_point_id, user_id FROM contact_point_deputies WHERE contact_point_id IN (" +
                          id_list(ids) + ") ORDER BY contact_point_id, ordinal");
    for (const auto& row : deputies) {
      auto it = index.find(sql::integer(row, 0));
      if (it != index.end()) out[it->second].deputies.push_back(sql::integer(row, 1));
    }
  });
  if (!r) return tl::unexpected(r.error());
  return out;
}

Result<std::optional<dir::ContactPoint>> SqlDirectoryStore::find_contact_point(dir::ContactPointId id) {
  auto found = contact_points_where("id = :v", id);
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<dir::ContactPoint>{};
  return std::optional<dir::ContactPoint>{found->front()};
}

Result<std::vector<dir::ContactPoint>> SqlDirectoryStore::find_contact_points(std::optional<dir::TopicId> topic,
                                                                              const std::vector<dir::AreaId>& areas,
                                                                              dir::ContactPointId after,
                                                                              std::size_t limit) {
  // :v binds `after`; topic and areas are integers, written into the text.
  std::string condition = "id > :v";
  if (topic) condition += " AND topic_id = " + std::to_string(*topic);
  if (!areas.empty()) {
    condition += " AND area_id IN (" + id_list(std::vector<long long>(areas.begin(), areas.end())) + ")";
  }
  condition += " ORDER BY id LIMIT " + std::to_string(limit);
  return contact_points_where(condition, after);
}

Result<std::vector<dir::Organisation>> SqlDirectoryStore::find_organisations(const std::vector<dir::OrganisationId>& ids) {
  if (ids.empty()) return std::vector<dir::Organisation>{};
  return organisations_where("id IN (" + id_list(std::vector<long long>(ids.begin(), ids.end())) + ") AND id > :v",
                             0, /*fixed_text=*/false);
}

Result<std::vector<dir::ContactPoint>> SqlDirectoryStore::list_contact_points(
    std::optional<dir::OrganisationId> organisation) {
  if (organisation) return contact_points_where("organisation_id = :v", *organisation);
  return contact_points_where("id >= :v", 0);
}

}  // namespace tafel::storage
