#include "storage/necessity/necessity_store.h"

#include <boost/json.hpp>
#include <soci/soci.h>

#include "storage/json_reader.h"

namespace tafel::storage {

namespace json = boost::json;
using necessity::Report;
using necessity::Review;

namespace {

std::int64_t now_us(const app::Clock& clock) { return clock.now().time_since_epoch().count(); }

template <typename E>
std::optional<E> term(std::string_view text) {
  return sharing::parse_term<E>(text);
}

std::string encode_report(const Report& r) {
  json::array categories, obligations;
  r.categories.for_each([&](sharing::Category c) { categories.emplace_back(sharing::name_of(c)); });
  for (const auto& o : r.obligations) obligations.emplace_back(o);
  const auto& j = r.justification;
  json::object o{{"author", r.author},
                 {"organisation", r.organisation},
                 {"ground", sharing::name_of(r.ground)},
                 {"recipient", r.recipient},
                 {"case", r.case_id},
                 {"categories", categories},
                 {"purpose", sharing::name_of(r.purpose)},
                 {"danger", j.danger ? json::value(sharing::name_of(*j.danger)) : json::value(nullptr)},
                 {"cannot_protect", j.cannot_protect},
                 {"higher_value", j.higher_value},
                 {"other_means_exhausted", j.other_means_exhausted},
                 {"tried", r.tried},
                 {"reasoning", r.reasoning},
                 {"decided_ground", sharing::name_of(r.decided_ground)},
                 {"obligations", obligations},
                 {"created_at_us", r.created_at_us}};
  return json::serialize(o);
}

Result<Report> decode_report(std::int64_t id, const std::string& text) {
  try {
    json::value v = json::parse(text);
    JsonReader x{v.as_object()};
    Report r;
    r.id = id;
    r.author = x.i("author");
    r.organisation = x.i("organisation");
    r.ground = x.e<sharing::Ground>("ground", term<sharing::Ground>);
    r.recipient = x.i("recipient");
    r.case_id = x.i("case");
    for (const auto& c : x.a("categories")) {
      auto cat = term<sharing::Category>(c.as_string());
      if (!cat) throw std::runtime_error("bad category");
      r.categories.add(*cat);
    }
    r.purpose = x.e<sharing::Purpose>("purpose", term<sharing::Purpose>);
    if (const auto& d = x.o.at("danger"); !d.is_null()) {
      r.justification.danger = term<sharing::Danger>(d.as_string());
      if (!r.justification.danger) throw std::runtime_error("bad danger");
    }
    r.justification.cannot_protect = x.b("cannot_protect");
    r.justification.higher_value = x.s("higher_value");
    r.justification.other_means_exhausted = x.b("other_means_exhausted");
    r.tried = x.s("tried");
    r.reasoning = x.s("reasoning");
    r.decided_ground = x.e<sharing::Ground>("decided_ground", term<sharing::Ground>);
    for (const auto& o : x.a("obligations")) r.obligations.emplace_back(o.as_string());
    r.created_at_us = x.i("created_at_us");
    return r;
  } catch (const std::exception&) {
    return fail("corrupt_record", "a stored report could not be read");
  }
}

std::string encode_review(const Review& r) {
  json::array steps;
  for (const auto& s : r.steps) {
    steps.push_back(json::object{{"kind", s.kind}, {"by", s.by}, {"text", s.text}, {"at_us", s.at_us}});
  }
  return json::serialize(json::object{{"summary", r.summary}, {"steps", steps}, {"created_at_us", r.created_at_us}});
}

using ReviewRow = std::tuple<long long, std::string, long long, long long, long long, std::string, long long, std::string>;
constexpr const char* kReviewColumns =
    "id, kind, subject_id, organisation_id, author_user_id, state, version, document";

Result<Review> decode_review(const ReviewRow& row) {
  const auto& [id, kind, subject, organisation, author, state, version, document] = row;
  try {
    Review r;
    r.id = id;
    r.kind = kind;
    r.subject = subject;
    r.organisation = organisation;
    r.author = author;
    auto parsed = necessity::parse_review_state(state);
    if (!parsed) throw std::runtime_error("bad state");
    r.state = *parsed;
    r.version = version;
    json::value v = json::parse(document);
    JsonReader x{v.as_object()};
    r.summary = x.s("summary");
    r.created_at_us = x.i("created_at_us");
    for (const auto& s : x.a("steps")) {
      JsonReader y{s.as_object()};
      r.steps.push_back({y.s("kind"), y.i("by"), y.s("text"), y.i("at_us")});
    }
    return r;
  } catch (const std::exception&) {
    return fail("corrupt_record", "a stored review could not be read");
  }
}

// Decodes every row of the statement `prepare` makes (selecting kReviewColumns into
// the row it is given, with its own bound values).
template <typename Prepare>
Result<std::vector<Review>> select_reviews(Database& db, Prepare&& prepare) {
  std::vector<ReviewRow> rows;
  auto r = db.with_session([&](soci::session& s) {
    ReviewRow row;
    soci::statement st = prepare(s, row);
    st.execute();
    while (st.fetch()) rows.push_back(row);
  });
  if (!r) return tl::unexpected(r.error());
  std::vector<Review> out;
  for (const auto& row : rows) {
    auto review = decode_review(row);
    if (!review) return tl::unexpected(review.error());
    out.push_back(std::move(*review));
  }
  return out;
}

#define TAFEL_REVIEW_INTO(row)                                                                                  \
  soci::into(std::get<0>(row)), soci::into(std::get<1>(row)), soci::into(std::get<2>(row)),                    \
      soci::into(std::get<3>(row)), soci::into(std::get<4>(row)), soci::into(std::get<5>(row)),                \
      soci::into(std::get<6>(row)), soci::into(std::get<7>(row))

}  // namespace

Result<Report> SqlNecessityStore::insert_report(Report report) {
  std::int64_t at = now_us(clock_);
  std::string document = encode_report(report);
  auto r = db_.transaction([&](soci::session& s) {
    long long id = 0, author = report.author, org = report.organisation;
    s << "INSERT INTO necessity_reports (author_user_id, organisation_id, document, created_at) "
         "VALUES (:a, :o, :d, :c) RETURNING id",
        soci::use(author), soci::use(org), soci::use(document), soci::use(at), soci::into(id);
    report.id = id;
  });
  if (!r) return tl::unexpected(r.error());
  return report;
}

Result<std::optional<Report>> SqlNecessityStore::find_report(std::int64_t id) {
  std::string document;
  soci::indicator found = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    long long key = id;
    s << "SELECT document FROM necessity_reports WHERE id = :i", soci::use(key), soci::into(document, found);
  });
  if (!r) return tl::unexpected(r.error());
  if (found != soci::i_ok) return std::optional<Report>();
  auto decoded = decode_report(id, document);
  if (!decoded) return tl::unexpected(decoded.error());
  return std::optional<Report>(std::move(*decoded));
}

Result<std::vector<Report>> SqlNecessityStore::reports_by(access::UserId author) {
  std::vector<std::pair<long long, std::string>> rows;
  auto r = db_.with_session([&](soci::session& s) {
    long long who = author, id = 0;
    std::string document;
    soci::statement st = (s.prepare << "SELECT id, document FROM necessity_reports WHERE author_user_id = :a "
                                       "ORDER BY id DESC",
                          soci::use(who), soci::into(id), soci::into(document));
    st.execute();
    while (st.fetch()) rows.emplace_back(id, document);
  });
  if (!r) return tl::unexpected(r.error());
  std::vector<Report> out;
  for (const auto& [id, document] : rows) {
    auto decoded = decode_report(id, document);
    if (!decoded) return tl::unexpected(decoded.error());
    out.push_back(std::move(*decoded));
  }
  return out;
}

Result<Review> SqlNecessityStore::insert_review(Review review) {
  std::int64_t at = now_us(clock_);
  std::string document = encode_review(review), state(necessity::name_of(review.state));
  auto r = db_.transaction([&](soci::session& s) {
    long long id = 0, subject = review.subject, org = review.organisation, author = review.author, version = 1;
    s << "INSERT INTO dpo_reviews (kind, subject_id, organisation_id, author_user_id, state, version, document, "
         "created_at, updated_at) VALUES (:k, :s, :o, :a, :st, :v, :d, :c, :u) RETURNING id",
        soci::use(review.kind), soci::use(subject), soci::use(org), soci::use(author), soci::use(state),
        soci::use(version), soci::use(document), soci::use(at), soci::use(at), soci::into(id);
    review.id = id;
    review.version = 1;
  });
  if (!r) return tl::unexpected(r.error());
  return review;
}

Result<std::optional<Review>> SqlNecessityStore::find_review(std::int64_t id) {
  long long key = id;
  const std::string sql = std::string("SELECT ") + kReviewColumns + " FROM dpo_reviews WHERE id = :i";
  auto rows = select_reviews(db_, [&](soci::session& s, ReviewRow& row) -> soci::statement {
    return (s.prepare << sql, soci::use(key), TAFEL_REVIEW_INTO(row));
  });
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<Review>();
  return std::optional<Review>(std::move(rows->front()));
}

Result<std::optional<Review>> SqlNecessityStore::review_of(std::string_view kind, std::int64_t subject) {
  std::string k(kind);
  long long key = subject;
  const std::string sql =
      std::string("SELECT ") + kReviewColumns + " FROM dpo_reviews WHERE kind = :k AND subject_id = :s ORDER BY id DESC";
  auto rows = select_reviews(db_, [&](soci::session& s, ReviewRow& row) -> soci::statement {
    return (s.prepare << sql, soci::use(k), soci::use(key), TAFEL_REVIEW_INTO(row));
  });
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<Review>();
  return std::optional<Review>(std::move(rows->front()));
}

Result<Review> SqlNecessityStore::update_review(Review review) {
  std::int64_t at = now_us(clock_);
  bool missing = false, conflict = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = review.id, current = 0;
    soci::indicator found = soci::i_null;
    s << "SELECT version FROM dpo_reviews WHERE id = :i", soci::use(id), soci::into(current, found);
    if (found != soci::i_ok) {
      missing = true;
      return;
    }
    if (current != review.version) {
      conflict = true;
      return;
    }
    long long next = current + 1;
    std::string document = encode_review(review), state(necessity::name_of(review.state));
    // The version condition makes the check and the write one step on both engines.
    s << "UPDATE dpo_reviews SET state = :s, version = :v, document = :d, updated_at = :u WHERE id = :i AND version = :c",
        soci::use(state), soci::use(next), soci::use(document), soci::use(at), soci::use(id), soci::use(current);
    review.version = next;
  });
  if (!r) return tl::unexpected(r.error());
  if (missing) return fail("not_found", "no such review");
  if (conflict) return fail("conflict", "the review changed meanwhile; reload and retry");
  return review;
}

Result<std::vector<Review>> SqlNecessityStore::reviews_of(access::OrganisationId organisation) {
  long long key = organisation;
  const std::string sql = std::string("SELECT ") + kReviewColumns + " FROM dpo_reviews WHERE organisation_id = :o";
  auto rows = select_reviews(db_, [&](soci::session& s, ReviewRow& row) -> soci::statement {
    return (s.prepare << sql, soci::use(key), TAFEL_REVIEW_INTO(row));
  });
  if (!rows) return tl::unexpected(rows.error());
  app::necessity::sort_queue(*rows);
  return rows;
}

}  // namespace tafel::storage
