#include "core/agreement/agreement.h"

#include <algorithm>

#include "core/agreement/canonical.h"

namespace tafel::agreement {

namespace {
constexpr std::string_view kStatusNames[] = {"draft", "in_force", "suspended", "ended", "superseded"};
}  // namespace

std::string_view name_of(VersionStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<VersionStatus> parse_version_status(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kStatusNames); ++i) {
    if (kStatusNames[i] == text) return static_cast<VersionStatus>(i);
  }
  return std::nullopt;
}

bool Version::signed_by(std::string_view organisation) const {
  return std::any_of(signatures.begin(), signatures.end(),
                     [&](const Signature& s) { return s.organisation == organisation && s.hash == hash; });
}

bool Version::is_party(std::string_view organisation) const {
  return std::any_of(document.parties.begin(), document.parties.end(),
                     [&](const Party& p) { return p.organisation == organisation; });
}

std::vector<std::string> Version::missing_signatures() const {
  std::vector<std::string> out;
  for (const auto& p : document.parties) {
    if (!signed_by(p.organisation)) out.push_back(p.organisation);
  }
  return out;
}

Result<Agreement> Agreement::create(Document document, std::int64_t by, Timestamp at, core::audit::Sha256 sha256) {
  if (auto r = validate(document); !r) return tl::unexpected(r.error());
  Agreement a;
  Version v;
  v.hash = version_hash(document, sha256);
  v.document = std::move(document);
  v.created_at = at;
  v.created_by = by;
  v.status_changed_at = at;
  a.versions_.push_back(std::move(v));
  return a;
}

Result<Agreement> Agreement::restore(AgreementId id, std::int64_t revision, std::vector<Version> versions,
                                     core::audit::Sha256 sha256) {
  if (versions.empty()) return fail("corrupt_agreement", "agreement " + std::to_string(id) + " has no version");
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].number != static_cast<int>(i) + 1) {
      return fail("corrupt_agreement", "agreement " + std::to_string(id) + " has a gap in its versions");
    }
    if (version_hash(versions[i].document, sha256) != versions[i].hash) {
      return fail("corrupt_agreement", "agreement " + std::to_string(id) + " version " + std::to_string(i + 1) +
                                           " does not match its hash");
    }
  }
  Agreement a;
  a.id_ = id;
  a.revision_ = revision;
  a.versions_ = std::move(versions);
  return a;
}

const Version* Agreement::version(int n) const {
  if (n < 1 || static_cast<std::size_t>(n) > versions_.size()) return nullptr;
  return &versions_[static_cast<std::size_t>(n) - 1];
}

const Version* Agreement::effective() const {
  for (const auto& v : versions_) {
    if (v.status == VersionStatus::in_force || v.status == VersionStatus::suspended) return &v;
  }
  return nullptr;
}

bool Agreement::ended() const {
  return std::any_of(versions_.begin(), versions_.end(),
                     [](const Version& v) { return v.status == VersionStatus::ended; });
}

Version* Agreement::find_status(VersionStatus a, VersionStatus b) {
  for (auto& v : versions_) {
    if (v.status == a || v.status == b) return &v;
  }
  return nullptr;
}

Result<void> Agreement::edit(Document document, core::audit::Sha256 sha256) {
  Version& v = versions_.back();
  if (v.status != VersionStatus::draft) return fail("not_draft", "only a draft can be edited; start a new version");
  if (auto r = validate(document); !r) return r;
  v.hash = version_hash(document, sha256);
  v.document = std::move(document);
  ++revision_;
  return {};
}

Result<void> Agreement::new_version(std::int64_t by, Timestamp at) {
  const Version& last = versions_.back();
  if (last.status == VersionStatus::draft) return fail("draft_exists", "the latest version is still a draft");
  if (ended()) return fail("ended", "the agreement has ended; draw up a new agreement");
  Version v;
  v.number = last.number + 1;
  v.document = last.document;
  v.hash = last.hash;
  v.created_at = at;
  v.created_by = by;
  v.status_changed_at = at;
  versions_.push_back(std::move(v));
  ++revision_;
  return {};
}

Result<bool> Agreement::sign(std::string_view organisation, std::int64_t user_id, std::string_view hash,
                             Timestamp at, std::string facts) {
  Version& v = versions_.back();
  if (v.status != VersionStatus::draft) return fail("not_draft", "only a draft can be signed");
  if (ended()) return fail("ended", "the agreement has ended; draw up a new agreement");
  if (hash != v.hash) return fail("stale_version", "the text changed since it was read; read it again and sign that");
  if (!v.is_party(organisation)) return fail("not_party", "the organisation is not a party to this agreement");
  if (v.signed_by(organisation)) return fail("already_signed", "the organisation already signed this version");
  v.signatures.push_back(Signature{std::string(organisation), user_id, v.hash, at, std::move(facts)});
  ++revision_;
  if (!v.missing_signatures().empty()) return false;
  for (auto& older : versions_) {
    if (&older != &v && (older.status == VersionStatus::in_force || older.status == VersionStatus::suspended)) {
      older.status = VersionStatus::superseded;
      older.status_changed_at = at;
    }
  }
  v.status = VersionStatus::in_force;
  v.status_changed_at = at;
  return true;
}

Result<void> Agreement::suspend(Timestamp at, std::string_view by) {
  Version* v = find_status(VersionStatus::in_force, VersionStatus::in_force);
  if (!v) return fail("not_in_force", "no version of this agreement is in force");
  v->status = VersionStatus::suspended;
  v->suspended_by = std::string(by);
  v->status_changed_at = at;
  ++revision_;
  return {};
}

Result<void> Agreement::resume(Timestamp at) {
  Version* v = find_status(VersionStatus::suspended, VersionStatus::suspended);
  if (!v) return fail("not_suspended", "no version of this agreement is suspended");
  v->status = VersionStatus::in_force;
  v->suspended_by.clear();
  v->status_changed_at = at;
  ++revision_;
  return {};
}

Result<void> Agreement::end(Timestamp at) {
  Version* v = find_status(VersionStatus::in_force, VersionStatus::suspended);
  if (!v) return fail("not_in_force", "no version of this agreement is in force or suspended");
  v->status = VersionStatus::ended;
  v->status_changed_at = at;
  ++revision_;
  return {};
}

}  // namespace tafel::agreement
