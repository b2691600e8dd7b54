#pragma once
// An area an organisation serves: a municipality, or a district (deelgemeente,
// wijk) inside one. A contact point covering a municipality covers its districts.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/directory/organisation.h"

namespace tafel::directory {

enum class AreaKind : std::uint8_t { municipality, district };

std::string_view name_of(AreaKind kind);
std::optional<AreaKind> parse_area_kind(std::string_view text);

struct Area {
  AreaId id = 0;
  AreaKind kind = AreaKind::municipality;
  std::string name;               // the official name ("Mechelen", "Walem")
  std::optional<AreaId> parent;   // a district's municipality; nullopt for municipalities
};

// Fails with "invalid_input": name 1..100 bytes; a district needs a parent, a
// municipality has none.
Result<void> validate(const Area& area);

}  // namespace tafel::directory
