#pragma once
// The version of this build, as printed by `tafel version`.

#include <string_view>

namespace tafel {

// The semantic version of the project (from CMake's project()).
std::string_view version();

}  // namespace tafel
