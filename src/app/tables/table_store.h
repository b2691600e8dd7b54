#pragma once
// The store port of consultation tables. A table is one aggregate (core/tables/
// table.h), loaded and saved whole; `version` guards against lost updates: saving a
// table read at version N fails with "conflict" when someone saved N+1 meanwhile.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/access/user.h"
#include "core/result.h"
#include "core/tables/table.h"
#include "core/tables/table_parts.h"

namespace tafel::app::tables {

// Who a calendar-feed token belongs to.
struct FeedOwner {
  access::UserId user = 0;
  access::OrganisationId organisation = 0;
};

class TableStore {
 public:
  virtual ~TableStore() = default;

  // Stores a new table; returns it with its id and version 1.
  virtual Result<tafel::tables::Table> insert(tafel::tables::Table table) = 0;
  // The table, or nullopt.
  virtual Result<std::optional<tafel::tables::Table>> find(std::int64_t id) = 0;
  // Saves `table` (read at table.version) and returns it at the next version.
  // Fails with "not_found" or "conflict".
  virtual Result<tafel::tables::Table> update(tafel::tables::Table table) = 0;
  // The tables `organisation` is a member of, by name; all tables when nullopt;
  // whole. For batch work (reindexing, the sharing world, calendar feeds); views
  // read heads() or with_parts().
  virtual Result<std::vector<tafel::tables::Table>> list(std::optional<access::OrganisationId> organisation) = 0;
  // The same tables without their meetings and actions (their heads,
  // core/tables/table_parts.h).
  virtual Result<std::vector<tafel::tables::Table>> heads(std::optional<access::OrganisationId> organisation) = 0;
  // One page of those heads in the same order (name, then id): at most `limit` tables
  // after the table numbered `after` (nullopt: from the first). Reads only the page's
  // rows (keyset on name and id, migration 0026): the platform admin's list of every
  // table in the country stays as fast as one organisation's.
  virtual Result<std::vector<tafel::tables::Table>> heads_page(std::optional<access::OrganisationId> organisation,
                                                               std::optional<std::int64_t> after,
                                                               std::size_t limit) = 0;
  // Of the tables `organisation` is a member of (all when nullopt), those with a
  // meeting or an action `parts` selects, by name, each with only the selected
  // meetings (in order; with an upcoming limit, the earliest across all tables)
  // and actions. Reads the selected rows and their tables' heads, no other.
  virtual Result<std::vector<tafel::tables::Table>> with_parts(std::optional<access::OrganisationId> organisation,
                                                               const tafel::tables::TableParts& parts) = 0;
  // The tables with a sent feedback form addressed to `organisation`, by name, each
  // with only its meetings that have a sent form; at most a few more (callers
  // check each form). Reads no other table.
  virtual Result<std::vector<tafel::tables::Table>> with_feedback_to(access::OrganisationId organisation) = 0;

  // Calendar-feed tokens, stored as digests only: one per user, replaced by a new
  // one, removed on revocation (and by the account store when the user's
  // credentials end: AccountStore::end_credentials_of).
  virtual Result<void> set_feed_token(const FeedOwner& owner, const std::string& digest) = 0;
  virtual Result<void> revoke_feed_token(access::UserId user) = 0;
  // The owner of the token; nullopt when unknown (the SQL store: or when its user is
  // deactivated).
  virtual Result<std::optional<FeedOwner>> feed_owner(const std::string& digest) = 0;
};

}  // namespace tafel::app::tables
