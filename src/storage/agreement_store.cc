#include "storage/agreement_store.h"

#include <soci/soci.h>

#include <map>
#include <stdexcept>

#include "core/agreement/canonical.h"
#include "storage/accounts_sql.h"
#include "storage/sharing_world_generation.h"

namespace tafel::storage {

namespace {

using agreement::Agreement;
using agreement::Version;

// Writes what a version has that the database does not: the version row (inserted,
// or its status and text updated while it is a draft) and the signatures beyond
// those already stored (signatures are only ever added).
void write_versions(soci::session& s, const Agreement& a) {
  long long id = a.id();
  for (const Version& v : a.versions()) {
    int number = v.number;
    std::string status(agreement::name_of(v.status)), document = agreement::canonical_bytes(v.document),
        hash = v.hash, suspended_by = v.suspended_by;
    long long created_at = v.created_at, created_by = v.created_by, changed = v.status_changed_at;
    soci::statement update = (s.prepare << "UPDATE agreement_versions SET status = :s, document = :d, hash = :h, "
                                           "status_changed_at = :c, suspended_by = :b WHERE agreement_id = :a AND "
                                           "version_number = :n",
                              soci::use(status), soci::use(document), soci::use(hash), soci::use(changed),
                              soci::use(suspended_by), soci::use(id), soci::use(number));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      s << "INSERT INTO agreement_versions (agreement_id, version_number, status, document, hash, created_at, "
           "created_by, status_changed_at, suspended_by) VALUES (:a, :n, :s, :d, :h, :t, :b, :c, :y)",
          soci::use(id), soci::use(number), soci::use(status), soci::use(document), soci::use(hash),
          soci::use(created_at), soci::use(created_by), soci::use(changed), soci::use(suspended_by);
    }
    long long stored = 0;
    s << "SELECT COUNT(*) FROM agreement_signatures WHERE agreement_id = :a AND version_number = :n", soci::use(id),
        soci::use(number), soci::into(stored);
    if (stored > static_cast<long long>(v.signatures.size())) {
      throw std::runtime_error("a stored signature is missing from the agreement being saved");
    }
    for (std::size_t i = static_cast<std::size_t>(stored); i < v.signatures.size(); ++i) {
      const auto& sig = v.signatures[i];
      int ordinal = static_cast<int>(i);
      std::string organisation = sig.organisation, signed_hash = sig.hash, facts = sig.facts;
      long long user = sig.user_id, at = sig.signed_at;
      s << "INSERT INTO agreement_signatures (agreement_id, version_number, ordinal, organisation, user_id, hash, "
           "signed_at, facts) VALUES (:a, :n, :o, :g, :u, :h, :t, :f)",
          soci::use(id), soci::use(number), soci::use(ordinal), soci::use(organisation), soci::use(user),
          soci::use(signed_hash), soci::use(at), soci::use(facts);
    }
  }
}

}  // namespace

Result<agreement::AgreementId> SqlAgreementStore::create(const Agreement& a) {
  long long id = 0;
  auto r = db_.transaction([&](soci::session& s) {
    long long revision = a.revision();
    long long t = clock_.now().time_since_epoch().count();
    s << "INSERT INTO agreements (revision, created_at) VALUES (:r, :t) RETURNING id", soci::use(revision),
        soci::use(t), soci::into(id);
    Agreement stored = a;
    stored.set_id(id);
    write_versions(s, stored);
    bump_sharing_world(s);
  });
  if (!r) return tl::unexpected(r.error());
  return id;
}

Result<void> SqlAgreementStore::save(const Agreement& a, std::int64_t expected_revision) {
  bool missing = false, conflict = false;
  auto r = db_.transaction([&](soci::session& s) {
    long long id = a.id(), expected = expected_revision, revision = a.revision();
    soci::statement st = (s.prepare << "UPDATE agreements SET revision = :r WHERE id = :i AND revision = :e",
                          soci::use(revision), soci::use(id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      long long exists = 0;
      s << "SELECT COUNT(*) FROM agreements WHERE id = :i", soci::use(id), soci::into(exists);
      (exists ? conflict : missing) = true;
      return;
    }
    write_versions(s, a);
    bump_sharing_world(s);  // a version's status (in force, suspended, ended) is the engine's input
  });
  if (!r) return r;
  if (missing) return fail("not_found", "no such agreement");
  if (conflict) return fail("conflict", "the agreement changed meanwhile; read it again");
  return {};
}

Result<std::vector<Agreement>> SqlAgreementStore::load(std::optional<agreement::AgreementId> only) {
  struct Raw {
    long long revision = 0;
    std::vector<Version> versions;
    std::vector<std::string> documents;
  };
  std::map<long long, Raw> raw;
  auto r = db_.with_session([&](soci::session& s) {
    // One agreement by its key, or all (id > 0); never an OR that hides the key
    // from the planner.
    long long filter = only.value_or(0);
    const std::string by = only ? " = :i" : " > :i";
    soci::rowset<soci::row> agreements =
        (s.prepare << "SELECT id, revision FROM agreements WHERE id" + by + " ORDER BY id", soci::use(filter));
    for (const auto& row : agreements) raw[sql::integer(row, 0)].revision = sql::integer(row, 1);
    soci::rowset<soci::row> versions =
        (s.prepare << "SELECT agreement_id, version_number, status, document, hash, created_at, created_by, "
                      "status_changed_at, suspended_by FROM agreement_versions WHERE agreement_id" +
                          by + " ORDER BY agreement_id, version_number",
         soci::use(filter));
    for (const auto& row : versions) {
      Version v;
      v.number = static_cast<int>(sql::integer(row, 1));
      auto status = agreement::parse_version_status(sql::text(row, 2));
      if (!status) throw std::runtime_error("unknown agreement version status");
      v.status = *status;
      v.hash = sql::text(row, 4);
      v.created_at = sql::integer(row, 5);
      v.created_by = sql::integer(row, 6);
      v.status_changed_at = sql::integer(row, 7);
      v.suspended_by = sql::text(row, 8);
      auto& target = raw[sql::integer(row, 0)];
      target.versions.push_back(std::move(v));
      target.documents.push_back(sql::text(row, 3));
    }
    soci::rowset<soci::row> signatures =
        (s.prepare << "SELECT agreement_id, version_number, organisation, user_id, hash, signed_at, facts "
                      "FROM agreement_signatures WHERE agreement_id" +
                          by + " ORDER BY agreement_id, version_number, ordinal",
         soci::use(filter));
    for (const auto& row : signatures) {
      auto& target = raw[sql::integer(row, 0)];
      auto n = static_cast<std::size_t>(sql::integer(row, 1));
      if (n < 1 || n > target.versions.size()) throw std::runtime_error("a signature without its version");
      target.versions[n - 1].signatures.push_back(agreement::Signature{
          sql::text(row, 2), sql::integer(row, 3), sql::text(row, 4), sql::integer(row, 5), sql::text(row, 6)});
    }
  });
  if (!r) return tl::unexpected(r.error());
  std::vector<Agreement> out;
  for (auto& [id, a] : raw) {
    for (std::size_t i = 0; i < a.versions.size(); ++i) {
      auto document = agreement::parse_canonical(a.documents[i]);
      if (!document) {
        return fail("corrupt_agreement", "agreement " + std::to_string(id) + " version " + std::to_string(i + 1) +
                                             ": " + document.error().message);
      }
      a.versions[i].document = std::move(*document);
    }
    auto restored = Agreement::restore(id, a.revision, std::move(a.versions), sha256_);
    if (!restored) return tl::unexpected(restored.error());
    out.push_back(std::move(*restored));
  }
  return out;
}

Result<std::optional<Agreement>> SqlAgreementStore::find(agreement::AgreementId id) {
  auto all = load(id);
  if (!all) return tl::unexpected(all.error());
  if (all->empty()) return std::optional<Agreement>();
  return std::optional<Agreement>(std::move(all->front()));
}

Result<std::vector<Agreement>> SqlAgreementStore::list() { return load(std::nullopt); }

}  // namespace tafel::storage
