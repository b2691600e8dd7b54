#pragma once
// A request to disclose information: who sends what about whom to whom, for which
// purpose, at which time, optionally claiming a ground.

#include <optional>
#include <string>
#include <vector>

#include "core/sharing/vocabulary.h"
#include "core/sharing/world.h"

namespace tafel::sharing {

// Read by art_458bis and necessity only.
struct Justification {
  std::optional<Danger> danger;
  bool cannot_protect = false;
  std::string higher_value;
  bool other_means_exhausted = false;
};

// Where the disclosure takes place: a consultation table, whether it is a meeting of
// that table, and which organisations signed the meeting's secrecy acknowledgement.
struct Context {
  std::optional<TableIndex> table;
  bool in_meeting = false;
  std::vector<OrgIndex> acknowledged;
};

// The ground and table under which the sender itself received the information.
struct Origin {
  Ground ground = Ground::not_personal;
  std::optional<TableIndex> table;
};

struct Request {
  OrgIndex actor = 0;
  OrgIndex recipient = 0;
  std::optional<SubjectIndex> subject;  // absent when no person is concerned
  CategorySet categories;
  Purpose purpose = Purpose::care;
  std::optional<Ground> ground;  // claimed ground: only this one is evaluated
  Justification justification;
  std::optional<Context> context;
  std::optional<Origin> origin;
  Timestamp at = 0;
};

}  // namespace tafel::sharing
