#pragma once
// A person id typed by a user ("may I share this?", the DPO's access report) goes
// into the append-only audit trail only as a keyed pseudonym: whoever reads the log
// (or a copy of it) without the instance key cannot tell which person it names, yet
// the access report (GDPR art. 15) finds every entry by computing the same
// pseudonym from the id the DPO types (docs/audit.md, "Person pseudonyms").
//
// The storage adapter provides it: "p1:" followed by the hex of
// HMAC-SHA256(key, id), the key derived from the instance key file for the purpose
// "person-pseudonym" (storage::AuditKey::pseudonymise_person).

#include <functional>
#include <string>
#include <string_view>

namespace tafel::app::audit {

// Maps a person id to its pseudonym; deterministic for one instance key.
using PersonPseudonym = std::function<std::string(std::string_view person_id)>;

// Every pseudonym starts with this; a typed person id never holds ':'.
inline constexpr std::string_view kPersonPseudonymPrefix = "p1:";

}  // namespace tafel::app::audit
