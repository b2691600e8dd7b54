#include "core/directory/area.h"

namespace tafel::directory {

std::string_view name_of(AreaKind kind) { return kind == AreaKind::municipality ? "municipality" : "district"; }

std::optional<AreaKind> parse_area_kind(std::string_view text) {
  if (text == "municipality") return AreaKind::municipality;
  if (text == "district") return AreaKind::district;
  return std::nullopt;
}

Result<void> validate(const Area& area) {
  if (area.name.empty() || area.name.size() > 100) return fail("invalid_input", "name must be 1 to 100 characters");
  if (area.kind == AreaKind::district && !area.parent) return fail("invalid_input", "a district needs a municipality");
  if (area.kind == AreaKind::municipality && area.parent) {
    return fail("invalid_input", "a municipality is not inside another area");
  }
  return {};
}

}  // namespace tafel::directory
