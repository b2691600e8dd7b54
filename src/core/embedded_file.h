#pragma once
// A file compiled into the binary (templates, catalogs, migrations, static assets),
// so that one `tafel` binary runs without an install tree. See cmake/Embed.cmake.

#include <span>
#include <string_view>

namespace tafel {

struct EmbeddedFile {
  std::string_view path;     // relative to the embedded directory, with '/' separators
  std::string_view content;  // the exact bytes of the file
};

}  // namespace tafel
