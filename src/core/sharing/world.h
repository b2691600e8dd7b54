#pragma once
// The world a sharing decision is taken in: organisations, the persons requests are
// about, care relations, consultation tables, agreements and consents.
//
// Plain data, as loaded by an adapter (src/formats for YAML). References between
// entities are indices into the World's vectors, so the engine never looks up a
// string while deciding. Ids are kept for explanations, audit and lint messages.
// `line` fields are the source line an entity came from (0 when unknown), so that
// lint findings can point into the file.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sharing/vocabulary.h"

namespace tafel::sharing {

using OrgIndex = std::uint32_t;
using SubjectIndex = std::uint32_t;
using TableIndex = std::uint32_t;

struct Organisation {
  std::string id;
  Sector sector = Sector::other;
  Secrecy secrecy = Secrecy::none;
  bool reporting_duty = false;  // art. 29 Sv.: must report crimes it learns of
  Mission mission = Mission::care;
};

struct Subject {
  std::string id;
  bool minor = false;
  bool vulnerable = false;
};

// `organisation` cares for `subject` (is involved with the person on a care mission).
struct CareRelation {
  SubjectIndex subject = 0;
  OrgIndex organisation = 0;
};

struct Table {
  std::string id;
  TableBasis basis = TableBasis::none;
  std::string basis_reference;
  // The purposes the table exists for; kept as written, so that a table listing a
  // purpose art. 458ter does not allow can be recognised (finality_mismatch).
  PurposeSet finality;
  std::vector<OrgIndex> members;
  int line = 0;
};

// An entry of `from`, `to` or a consent's `recipients`: one organisation, every
// organisation of a sector (`sector:NAME`), or every organisation (`*`).
struct PartyRef {
  enum class Kind : std::uint8_t { organisation, sector, any };
  Kind kind = Kind::any;
  OrgIndex organisation = 0;      // when kind == organisation
  Sector sector = Sector::other;  // when kind == sector
  int line = 0;
};

struct Rule {
  std::string id;
  Effect effect = Effect::permit;
  std::vector<PartyRef> from;
  std::vector<PartyRef> to;
  CategorySet categories;
  PurposeSet purposes;
  GroundSet grounds;  // only `agreement` is read by the model
  std::string legal_reference;
  std::vector<std::string> obligations;  // free identifiers, kept as given
  int line = 0;
};

struct Agreement {
  std::string id;
  AgreementStatus status = AgreementStatus::draft;
  Timestamp valid_from = 0;
  Timestamp valid_until = kNever;  // exclusive
  std::vector<OrgIndex> parties;
  std::vector<Rule> rules;
  int line = 0;

  // In force at `at`: status in_force and valid_from <= at < valid_until.
  bool in_force_at(Timestamp at) const {
    return status == AgreementStatus::in_force && valid_from <= at && at < valid_until;
  }
};

// A consent of `subject`, given to the organisation that records it.
struct Consent {
  std::string id;
  SubjectIndex subject = 0;
  OrgIndex recorded_by = 0;
  std::vector<PartyRef> recipients;
  CategorySet categories;
  PurposeSet purposes;
  Timestamp given = 0;
  Timestamp expires = kNever;    // exclusive
  Timestamp withdrawn = kNever;  // withdrawn at or before `at` means no longer valid
  int line = 0;
};

struct World {
  std::vector<Organisation> organisations;
  std::vector<Subject> subjects;
  std::vector<CareRelation> relations;
  std::vector<Table> tables;
  std::vector<Agreement> agreements;
  std::vector<Consent> consents;
};

}  // namespace tafel::sharing
