#include "app/tables/memory_table_store.h"

#include <algorithm>

namespace tafel::app::tables {

using tafel::tables::Table;

Result<Table> MemoryTableStore::insert(Table table) {
  std::lock_guard lock(mutex_);
  table.id = next_id_++;
  table.version = 1;
  tables_[table.id] = table;
  return table;
}

Result<std::optional<Table>> MemoryTableStore::find(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto it = tables_.find(id);
  if (it == tables_.end()) return std::optional<Table>();
  return std::optional<Table>(it->second);
}

Result<Table> MemoryTableStore::update(Table table) {
  std::lock_guard lock(mutex_);
  auto it = tables_.find(table.id);
  if (it == tables_.end()) return fail("not_found", "no such table");
  if (it->second.version != table.version) return fail("conflict", "the table changed meanwhile; reload and retry");
  ++table.version;
  it->second = table;
  return table;
}

Result<std::vector<Table>> MemoryTableStore::list(std::optional<access::OrganisationId> organisation) {
  std::lock_guard lock(mutex_);
  std::vector<Table> out;
  for (const auto& [id, t] : tables_) {
    if (!organisation || t.is_member(*organisation)) out.push_back(t);
  }
  std::stable_sort(out.begin(), out.end(), [](const Table& a, const Table& b) { return a.name < b.name; });
  return out;
}

Result<std::vector<Table>> MemoryTableStore::heads(std::optional<access::OrganisationId> organisation) {
  auto all = list(organisation);
  if (!all) return all;
  for (auto& t : *all) {
    t.meetings.clear();
    t.actions.clear();
  }
  return all;
}

Result<std::vector<Table>> MemoryTableStore::heads_page(std::optional<access::OrganisationId> organisation,
                                                        std::optional<std::int64_t> after, std::size_t limit) {
  auto all = heads(organisation);
  if (!all) return all;
  auto key = [](const Table& t) { return std::make_pair(std::cref(t.name), t.id); };
  std::sort(all->begin(), all->end(), [&](const Table& a, const Table& b) { return key(a) < key(b); });
  auto from = all->begin();
  if (after) {
    auto cursor = std::find_if(all->begin(), all->end(), [&](const Table& t) { return t.id == *after; });
    if (cursor == all->end()) {
      // Not one of `organisation`'s tables: place it by its own name.
      auto found = find(*after);
      if (!found) return tl::unexpected(found.error());
      if (!*found) return std::vector<Table>{};
      auto k = std::make_pair((*found)->name, (*found)->id);
      from = std::find_if(all->begin(), all->end(), [&](const Table& t) { return std::make_pair(t.name, t.id) > k; });
    } else {
      from = cursor + 1;
    }
  }
  std::vector<Table> page;
  for (auto it = from; it != all->end() && page.size() < limit; ++it) page.push_back(std::move(*it));
  return page;
}

Result<std::vector<Table>> MemoryTableStore::with_parts(std::optional<access::OrganisationId> organisation,
                                                        const tafel::tables::TableParts& parts) {
  auto all = list(organisation);
  if (!all) return all;
  std::vector<Table> out;
  for (auto& t : *all) {
    Table part = tafel::tables::with_parts(std::move(t), parts);
    if (tafel::tables::has_parts(part)) out.push_back(std::move(part));
  }
  if (parts.meetings == tafel::tables::TableParts::Meetings::upcoming && parts.limit > 0) {
    // The earliest `limit` meetings across the tables, as the SQL store keeps.
    std::vector<std::int64_t> starts;
    for (const auto& t : out) {
      for (const auto& m : t.meetings) starts.push_back(m.starts_at_us);
    }
    if (starts.size() > parts.limit) {
      std::nth_element(starts.begin(), starts.begin() + static_cast<std::ptrdiff_t>(parts.limit - 1), starts.end());
      const std::int64_t last = starts[parts.limit - 1];
      std::size_t kept = 0;
      for (auto& t : out) {
        std::erase_if(t.meetings, [&](const tafel::tables::Meeting& m) {
          if (m.starts_at_us > last || kept >= parts.limit) return true;
          ++kept;
          return false;
        });
      }
      std::erase_if(out, [](const Table& t) { return !tafel::tables::has_parts(t); });
    }
  }
  return out;
}

Result<std::vector<Table>> MemoryTableStore::with_feedback_to(access::OrganisationId organisation) {
  std::lock_guard lock(mutex_);
  std::vector<Table> out;
  for (const auto& [id, t] : tables_) {
    bool sent_to = std::any_of(t.meetings.begin(), t.meetings.end(), [&](const tafel::tables::Meeting& m) {
      return std::any_of(m.feedback.begin(), m.feedback.end(), [&](const tafel::tables::FeedbackForm& f) {
        return f.state == tafel::tables::FeedbackState::sent && f.recipient == organisation;
      });
    });
    if (sent_to) {
      Table part = t;
      std::erase_if(part.meetings, [](const tafel::tables::Meeting& m) {
        return !tafel::tables::selects(
            tafel::tables::TableParts::of_meetings(tafel::tables::TableParts::Meetings::with_sent_feedback), m);
      });
      part.actions.clear();
      out.push_back(std::move(part));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Table& a, const Table& b) { return a.name < b.name; });
  return out;
}

Result<void> MemoryTableStore::set_feed_token(const FeedOwner& owner, const std::string& digest) {
  std::lock_guard lock(mutex_);
  std::erase_if(feeds_, [&](const auto& entry) { return entry.second.user == owner.user; });
  feeds_[digest] = owner;
  return {};
}

Result<void> MemoryTableStore::revoke_feed_token(access::UserId user) {
  std::lock_guard lock(mutex_);
  std::erase_if(feeds_, [&](const auto& entry) { return entry.second.user == user; });
  return {};
}

Result<std::optional<FeedOwner>> MemoryTableStore::feed_owner(const std::string& digest) {
  std::lock_guard lock(mutex_);
  auto it = feeds_.find(digest);
  if (it == feeds_.end()) return std::optional<FeedOwner>();
  return std::optional<FeedOwner>(it->second);
}

}  // namespace tafel::app::tables
