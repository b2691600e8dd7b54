#include "storage/consents/consent_store.h"
#include "storage/sharing_world_generation.h"

#include <boost/json.hpp>
#include <soci/soci.h>

#include "storage/json_reader.h"

namespace tafel::storage {

namespace json = boost::json;
using namespace tafel::consents;

namespace {

std::int64_t now_us(const app::Clock& clock) { return clock.now().time_since_epoch().count(); }

template <typename E>
json::array names_of(sharing::TermSet<E> set) {
  json::array a;
  set.for_each([&](E v) { a.push_back(json::value(sharing::name_of(v))); });
  return a;
}

template <typename E>
sharing::TermSet<E> set_of(const json::array& a) {
  sharing::TermSet<E> out;
  for (const auto& v : a) {
    auto term = sharing::parse_term<E>(std::string_view(v.as_string()));
    if (!term) throw std::runtime_error("bad term");
    out.add(*term);
  }
  return out;
}

Consent decode(const json::object& o) {
  JsonReader r{o};
  Consent c;
  for (const auto& v : r.a("recipients")) {
    auto recipient = parse_recipient(std::string_view(v.as_string()));
    if (!recipient) throw std::runtime_error("bad recipient");
    c.recipients.push_back(*recipient);
  }
  c.categories = set_of<sharing::Category>(r.a("categories"));
  c.purposes = set_of<sharing::Purpose>(r.a("purposes"));
  c.giver = r.e<Giver>("giver", parse_giver);
  c.minor_age = r.n("minor_age");
  JsonReader e{o.at("evidence").as_object()};
  std::string kind = e.s("kind");
  c.evidence.kind = kind == "form" ? Evidence::Kind::form : kind == "verbal" ? Evidence::Kind::verbal : Evidence::Kind::none;
  c.evidence.file_type = e.s("file_type");
  c.evidence.file_size = e.i("file_size");
  c.evidence.witness_name = e.s("witness_name");
  c.evidence.witness_function = e.s("witness_function");
  c.decided_at = r.i("decided_at");
  c.withdrawn_by = r.i("withdrawn_by");
  return c;
}

// The columns of a consent, in the order of kColumns.
struct Row {
  long long id = 0, case_id = 0, recorded_by = 0, recorder = 0, valid_from = 0, valid_until = 0, withdrawn_at = 0,
            version = 0, created_at = 0;
  std::string state, document;
  soci::indicator until_ind = soci::i_null, withdrawn_ind = soci::i_null;
};
constexpr const char* kColumns =
    "SELECT id, case_id, recorded_by, recorder, state, valid_from, valid_until, withdrawn_at, version, document, "
    "created_at FROM consents ";

Result<Consent> consent_of(const Row& row) {
  auto c = decode_consent(row.document);
  if (!c) return c;
  auto state = parse_state(row.state);
  if (!state) return fail("corrupt_record", "a stored consent has an unknown state");
  c->id = row.id;
  c->case_id = row.case_id;
  c->recorded_by = row.recorded_by;
  c->recorder = row.recorder;
  c->state = *state;
  c->valid_from = row.valid_from;
  c->valid_until = row.until_ind == soci::i_ok ? row.valid_until : kNever;
  c->withdrawn_at = row.withdrawn_ind == soci::i_ok ? row.withdrawn_at : kNever;
  c->version = row.version;
  c->created_at = row.created_at;
  return c;
}

}  // namespace

std::string encode_consent(const Consent& c) {
  json::array recipients;
  for (const auto& r : c.recipients) recipients.push_back(json::value(to_text(r)));
  json::object o{{"recipients", recipients},
                 {"categories", names_of(c.categories)},
                 {"purposes", names_of(c.purposes)},
                 {"giver", name_of(c.giver)},
                 {"minor_age", c.minor_age},
                 {"evidence", json::object{{"kind", name_of(c.evidence.kind)},
                                           {"file_type", c.evidence.file_type},
                                           {"file_size", c.evidence.file_size},
                                           {"witness_name", c.evidence.witness_name},
                                           {"witness_function", c.evidence.witness_function}}},
                 {"decided_at", c.decided_at},
                 {"withdrawn_by", c.withdrawn_by}};
  return json::serialize(o);
}

Result<Consent> decode_consent(std::string_view text) {
  try {
    json::value v = json::parse(text);
    return decode(v.as_object());
  } catch (const std::exception&) {
    return fail("corrupt_record", "a stored consent could not be read");
  }
}

Result<Consent> SqlConsentStore::insert(Consent consent) {
  std::int64_t at = now_us(clock_);
  consent.version = 1;
  auto r = db_.transaction([&](soci::session& s) {
    bump_sharing_world(s);  // a world input: the cached worlds rebuild
    long long id = 0, case_id = consent.case_id, org = consent.recorded_by, recorder = consent.recorder,
              from = consent.valid_from, until = consent.valid_until, withdrawn = consent.withdrawn_at, version = 1,
              created = consent.created_at != 0 ? consent.created_at : at;
    soci::indicator until_ind = consent.valid_until == kNever ? soci::i_null : soci::i_ok;
    soci::indicator withdrawn_ind = consent.withdrawn_at == kNever ? soci::i_null : soci::i_ok;
    std::string state(short_name_of(consent.state)), document = encode_consent(consent);
    s << "INSERT INTO consents (case_id, recorded_by, recorder, state, valid_from, valid_until, withdrawn_at, "
         "version, document, created_at, updated_at) VALUES (:c, :o, :r, :s, :f, :u, :w, :v, :d, :t, :t2) "
         "RETURNING id",
        soci::use(case_id), soci::use(org), soci::use(recorder), soci::use(state), soci::use(from),
        soci::use(until, until_ind), soci::use(withdrawn, withdrawn_ind), soci::use(version), soci::use(document),
        soci::use(created), soci::use(at), soci::into(id);
    consent.id = id;
    consent.created_at = created;
  });
  if (!r) return tl::unexpected(r.error());
  return consent;
}

Result<std::vector<Consent>> SqlConsentStore::select(const std::string& where, long long key) {
  std::vector<Row> rows;
  auto r = db_.with_session([&](soci::session& s) {
    Row row;
    soci::statement st = (s.prepare << std::string(kColumns) + where, soci::use(key), soci::into(row.id),
                          soci::into(row.case_id), soci::into(row.recorded_by), soci::into(row.recorder),
                          soci::into(row.state), soci::into(row.valid_from), soci::into(row.valid_until, row.until_ind),
                          soci::into(row.withdrawn_at, row.withdrawn_ind), soci::into(row.version),
                          soci::into(row.document), soci::into(row.created_at));
    st.execute();
    while (st.fetch()) rows.push_back(row);
  });
  if (!r) return tl::unexpected(r.error());
  std::vector<Consent> out;
  for (const auto& row : rows) {
    auto c = consent_of(row);
    if (!c) return tl::unexpected(c.error());
    out.push_back(std::move(*c));
  }
  return out;
}

Result<std::optional<Consent>> SqlConsentStore::find(std::int64_t id) {
  auto found = select("WHERE id = :k", id);
  if (!found) return tl::unexpected(found.error());
  if (found->empty()) return std::optional<Consent>();
  return std::optional<Consent>(std::move(found->front()));
}

Result<Consent> SqlConsentStore::update(Consent consent) {
  std::int64_t at = now_us(clock_);
  bool missing = false, conflict = false;
  auto r = db_.transaction([&](soci::session& s) {
    bump_sharing_world(s);  // a world input: the cached worlds rebuild
    long long id = consent.id, current = 0;
    soci::indicator found = soci::i_null;
    s << "SELECT version FROM consents WHERE id = :i", soci::use(id), soci::into(current, found);
    if (found != soci::i_ok) {
      missing = true;
      return;
    }
    if (current != consent.version) {
      conflict = true;
      return;
    }
    long long next = current + 1, from = consent.valid_from, until = consent.valid_until,
              withdrawn = consent.withdrawn_at;
    soci::indicator until_ind = consent.valid_until == kNever ? soci::i_null : soci::i_ok;
    soci::indicator withdrawn_ind = consent.withdrawn_at == kNever ? soci::i_null : soci::i_ok;
    std::string state(short_name_of(consent.state)), document = encode_consent(consent);
    // The version condition makes the check and the write one step on both engines.
    s << "UPDATE consents SET state = :s, valid_from = :f, valid_until = :u, withdrawn_at = :w, version = :v, "
         "document = :d, updated_at = :t WHERE id = :i AND version = :c",
        soci::use(state), soci::use(from), soci::use(until, until_ind), soci::use(withdrawn, withdrawn_ind),
        soci::use(next), soci::use(document), soci::use(at), soci::use(id), soci::use(current);
    consent.version = next;
  });
  if (!r) return tl::unexpected(r.error());
  if (missing) return fail("not_found", "no such consent");
  if (conflict) return fail("conflict", "the consent changed meanwhile; reload and retry");
  return consent;
}

Result<std::vector<Consent>> SqlConsentStore::by_organisation(access::OrganisationId organisation) {
  return select("WHERE recorded_by = :k ORDER BY id DESC", organisation);
}

Result<std::vector<Consent>> SqlConsentStore::by_case(std::int64_t case_id) {
  return select("WHERE case_id = :k ORDER BY id DESC", case_id);
}

Result<std::vector<Consent>> SqlConsentStore::ever_given() {
  // `:k` is bound to keep one select path; it matches every id.
  return select("WHERE state IN ('given', 'withdrawn') AND id > :k ORDER BY id DESC", 0);
}

Result<bool> SqlConsentStore::remove(std::int64_t id) {
  bool removed = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long key = id;
    // The evidence first (it refers to the consent); the consent's own row count
    // tells whether this call deleted it or another purge already had.
    s << "DELETE FROM consent_evidence WHERE consent_id = :i", soci::use(key);
    soci::statement st = (s.prepare << "DELETE FROM consents WHERE id = :i", soci::use(key));
    st.execute(true);
    removed = st.get_affected_rows() > 0;
    if (removed) bump_sharing_world(s);  // a world input: the cached worlds rebuild
  });
  if (!r) return tl::unexpected(r.error());
  return removed;
}

Result<void> SqlConsentStore::put_evidence(std::int64_t consent_id, const app::consents::EvidenceFile& file) {
  std::string sealed = sealer_.seal(file.bytes);
  long long id = consent_id, at = now_us(clock_);
  return db_.transaction([&](soci::session& s) {
    s << "DELETE FROM consent_evidence WHERE consent_id = :i", soci::use(id);
    s << "INSERT INTO consent_evidence (consent_id, media_type, sealed, created_at) VALUES (:i, :m, :s, :t)",
        soci::use(id), soci::use(file.type), soci::use(sealed), soci::use(at);
  });
}

Result<std::optional<app::consents::EvidenceFile>> SqlConsentStore::evidence(std::int64_t consent_id) {
  std::string type, sealed;
  soci::indicator found = soci::i_null;
  auto r = db_.with_session([&](soci::session& s) {
    long long id = consent_id;
    s << "SELECT media_type, sealed FROM consent_evidence WHERE consent_id = :i", soci::use(id),
        soci::into(type, found), soci::into(sealed);
  });
  if (!r) return tl::unexpected(r.error());
  if (found != soci::i_ok) return std::optional<app::consents::EvidenceFile>();
  auto plain = sealer_.open(sealed);
  if (!plain) return fail("corrupt_record", "a stored evidence file could not be opened with this instance's key");
  return std::optional<app::consents::EvidenceFile>(app::consents::EvidenceFile{type, std::move(*plain)});
}

}  // namespace tafel::storage
