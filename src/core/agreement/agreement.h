#pragma once
// A collaboration agreement with every version it ever had, and its lifecycle:
//
//   draft --(an organisation admin of every party signs the version's hash)--> in_force
//   in_force --suspend--> suspended --resume--> in_force
//   in_force | suspended --end--> ended
//   a new version: a draft copied from the latest one; when it comes into force the
//   version it replaces becomes `superseded`.
//
// "In force" is the status; the sharing engine also requires valid_from <= at <
// valid_until, so a signed version with a future valid_from permits nothing yet.
//
// Pure state machine: the caller passes the time, the hash function and who acts;
// authorising who may act is app/agreements' job. Versions are never removed, and
// signatures never deleted: editing a draft changes its hash, after which earlier
// signatures no longer count (they name another text) but stay on record.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/agreement/document.h"
#include "core/audit/hash.h"
#include "core/result.h"

namespace tafel::agreement {

using AgreementId = std::int64_t;

enum class VersionStatus : std::uint8_t { draft, in_force, suspended, ended, superseded };
std::string_view name_of(VersionStatus status);
std::optional<VersionStatus> parse_version_status(std::string_view text);

// A party's signature: an organisation admin of `organisation` signed the text whose
// hash is `hash`.
struct Signature {
  std::string organisation;  // decimal directory id
  std::int64_t user_id = 0;
  std::string hash;
  Timestamp signed_at = 0;
  // The facts of every party as the sharing engine knew them when this signature was
  // given (core/agreement/party_facts.h, facts_text); empty for signatures given
  // before facts were recorded.
  std::string facts;
  friend bool operator==(const Signature&, const Signature&) = default;
};

struct Version {
  int number = 1;  // from 1
  VersionStatus status = VersionStatus::draft;
  Document document;
  std::string hash;  // version_hash(document)
  std::vector<Signature> signatures;  // in the order given
  Timestamp created_at = 0;
  std::int64_t created_by = 0;
  Timestamp status_changed_at = 0;
  // While suspended: the party (decimal directory id) that suspended it, which alone
  // (with a platform admin) may resume it; empty otherwise or when not recorded.
  std::string suspended_by;

  // True if `organisation` signed this exact text.
  bool signed_by(std::string_view organisation) const;
  // The parties that have not yet signed this exact text, in party order.
  std::vector<std::string> missing_signatures() const;
  bool is_party(std::string_view organisation) const;
};

class Agreement {
 public:
  // A new agreement whose first version is a draft of `document` (validated).
  static Result<Agreement> create(Document document, std::int64_t by, Timestamp at, core::audit::Sha256 sha256);

  // Rebuilds an agreement read from storage. Fails with "corrupt_agreement" when the
  // versions are not numbered 1..n or a hash does not match its document.
  static Result<Agreement> restore(AgreementId id, std::int64_t revision, std::vector<Version> versions,
                                   core::audit::Sha256 sha256);

  AgreementId id() const { return id_; }
  void set_id(AgreementId id) { id_ = id; }
  // Incremented by every change; stores use it to refuse a lost update.
  std::int64_t revision() const { return revision_; }

  const std::vector<Version>& versions() const { return versions_; }
  const Version& latest() const { return versions_.back(); }
  // The version number `n`, or nullptr.
  const Version* version(int n) const;
  // The version that is in force or suspended, or nullptr.
  const Version* effective() const;

  // True once a version has ended: the agreement takes no new version or signature.
  bool ended() const;

  // Replaces the text of the latest version, which must be a draft ("not_draft").
  Result<void> edit(Document document, core::audit::Sha256 sha256);

  // Starts version n+1 as a draft copy of the latest version, which must not be a
  // draft itself ("draft_exists": edit that one instead); "ended" after end().
  Result<void> new_version(std::int64_t by, Timestamp at);

  // `organisation` (a party) signs the latest version, which must be a draft whose
  // hash is `hash` ("stale_version" when the text changed since the signer read it,
  // "not_draft", "not_party", "already_signed", "ended"). When every party has signed, the
  // version comes into force and the version it replaces is superseded. Returns
  // true when this signature brought the version into force. `facts` is what the
  // signer's organisation sees of the parties' facts now (facts_text), kept with the
  // signature.
  Result<bool> sign(std::string_view organisation, std::int64_t user_id, std::string_view hash, Timestamp at,
                    std::string facts = {});

  // in_force -> suspended ("not_in_force" otherwise); `by` is the suspending party.
  Result<void> suspend(Timestamp at, std::string_view by = {});
  // suspended -> in_force ("not_suspended" otherwise).
  Result<void> resume(Timestamp at);
  // in_force or suspended -> ended ("not_in_force" otherwise). Final.
  Result<void> end(Timestamp at);

 private:
  Version* find_status(VersionStatus a, VersionStatus b);

  AgreementId id_ = 0;
  std::int64_t revision_ = 0;
  std::vector<Version> versions_;
};

}  // namespace tafel::agreement
