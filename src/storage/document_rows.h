#pragma once
// Rows of versioned JSON documents — (id, document, version) — as the stores of
// situations and care services keep their records: read in one statement, then
// decoded once the session is released.

#include <exception>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "core/result.h"

namespace tafel::storage {

using DocumentRow = std::tuple<long long, std::string, long long>;

// Parses a stored JSON document and hands its object to `decode` (object ->
// Result<T>, which may throw on a malformed document); any throw becomes
// "corrupt_record" with `what` as the message (never the document: it may hold
// personal data).
template <typename T, typename Decode>
Result<T> decode_document(std::string_view text, Decode decode, const char* what) {
  try {
    boost::json::value v = boost::json::parse(text);
    return decode(v.as_object());
  } catch (const std::exception&) {
    return fail("corrupt_record", what);
  }
}

// Decodes each row's document with `decode` (std::string -> Result<T>) and sets the
// record's `id` and `version` from the row, in order; fails with the first row that
// does not decode.
template <typename T, typename Decode>
Result<std::vector<T>> decode_document_rows(const std::vector<DocumentRow>& rows, Decode decode) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& [id, document, version] : rows) {
    Result<T> record = decode(document);
    if (!record) return tl::unexpected(record.error());
    record->id = id;
    record->version = version;
    out.push_back(std::move(*record));
  }
  return out;
}

}  // namespace tafel::storage
