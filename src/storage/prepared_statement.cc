#include "storage/prepared_statement.h"

namespace tafel::storage {

PreparedStatement::PreparedStatement(soci::session& sql, std::string_view text) : text_(text) {
  if (StatementCache* cache = StatementCache::of(sql)) {
    statement_ = cache->borrow(text_);
    if (statement_ != nullptr) {
      cache_ = cache;
      return;
    }
  }
  // As `sql << text` would: prepared for this use, released with this object.
  own_ = std::make_unique<soci::statement>(sql);
  own_->alloc();
  own_->prepare(text_, soci::details::st_one_time_query);
  statement_ = own_.get();
}

PreparedStatement::~PreparedStatement() { done(false); }

void PreparedStatement::done(bool failed) noexcept {
  if (cache_ == nullptr) return;
  cache_->give_back(text_, failed);
  cache_ = nullptr;
}

}  // namespace tafel::storage
