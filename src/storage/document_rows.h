#pragma once
// Rows of versioned JSON documents — (id, document, version) — as the stores of
// situations and care services keep their records: read in one statement, then
// decoded once the session is released.

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/result.h"

namespace tafel::storage {

using DocumentRow = std::tuple<long long, std::string, long long>;

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
