#pragma once
// The document form of a consultation table (JSON), as SqlTableStore stores it:
// enums by name, times in local form "YYYY-MM-DDTHH:MM", so a document stays
// readable and survives reordering of an enum.

#include <string>
#include <string_view>

#include "core/result.h"
#include "core/tables/table.h"

namespace tafel::storage {

// The document form of a table (JSON), and back. `decode_table` fails with
// "corrupt_record" when the stored text is not a table document.
std::string encode_table(const tables::Table& table);
Result<tables::Table> decode_table(std::string_view text);

}  // namespace tafel::storage
