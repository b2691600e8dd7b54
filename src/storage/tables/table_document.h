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

// One meeting or one action in the same form as inside a table document: the rows
// of consultation_table_meetings and consultation_table_actions (ADR 0021). The
// decoders fail with "corrupt_record".
std::string encode_meeting_document(const tables::Meeting& meeting);
std::string encode_action_document(const tables::ActionItem& action);
Result<tables::Meeting> decode_meeting_document(std::string_view text);
Result<tables::ActionItem> decode_action_document(std::string_view text);

}  // namespace tafel::storage
