// Calendar feeds: one table's meetings, and a person's own feed behind a secret
// token (only a digest of it is stored).

#include "app/authorization.h"
#include "app/tables/table_service.h"
#include "app/tables/table_service_internal.h"

namespace tafel::app::tables {

using namespace tafel::tables;
using namespace internal;

namespace {

std::string hex(const std::vector<std::uint8_t>& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0xF];
  }
  return out;
}

}  // namespace

// --- calendar feeds ---------------------------------------------------------

std::string TableService::feed_of(const std::vector<Table>& tables, const std::string& name) const {
  std::vector<FeedEvent> events;
  for (const auto& t : tables) {
    std::string prefix = "table-" + std::to_string(t.id);
    for (const auto& s : t.series) {
      FeedEvent e;
      e.uid = prefix + "-series-" + std::to_string(s.id) + "@tafel";
      e.summary = t.name;
      e.location = s.venue;
      e.url = s.video_link;
      e.start = s.start;
      e.duration_minutes = s.duration_minutes;
      e.rule = s.rule;
      e.exdates = s.cancelled;
      e.sequence = t.version;
      events.push_back(e);
      for (const auto& moved : s.moved) {
        FeedEvent x = e;
        x.rule.clear();
        x.exdates.clear();
        x.recurrence_id = moved.original;
        x.start = moved.moved_to;
        events.push_back(x);
      }
    }
    for (const auto& m : t.meetings) {
      if (m.series_id != 0) continue;
      FeedEvent e;
      e.uid = prefix + "-meeting-" + std::to_string(m.id) + "@tafel";
      e.summary = t.name;
      e.location = m.venue;
      e.url = m.video_link;
      e.start = m.local_start;
      e.duration_minutes = static_cast<int>((m.ends_at_us - m.starts_at_us) / 60'000'000);
      e.cancelled = m.status == MeetingStatus::cancelled;
      e.sequence = t.version;
      events.push_back(e);
    }
  }
  return calendar_.feed(name, events, micros(clock_.now()));
}

Result<std::string> TableService::table_feed(const Caller& caller, std::int64_t table_id) {
  auto t = load(table_id);
  if (!t) return tl::unexpected(t.error());
  if (auto ok = allowed(caller, TableAction::view_table, *t); !ok) return tl::unexpected(ok.error());
  return feed_of({*t}, t->name);
}

Result<std::string> TableService::create_feed_token(const Caller& caller) {
  if (auto ok = authorize(who(caller), access::Action::manage_own_account); !ok) return tl::unexpected(ok.error());
  std::string token = "tafelcal_" + hex(crypto_.random_bytes(32));
  if (auto ok = store_.set_feed_token({caller.principal.user_id, caller.principal.organisation_id},
                                      crypto_.token_digest(token));
      !ok) {
    return tl::unexpected(ok.error());
  }
  return token;
}

Result<void> TableService::revoke_feed_token(const Caller& caller) {
  if (auto ok = authorize(who(caller), access::Action::manage_own_account); !ok) return tl::unexpected(ok.error());
  return store_.revoke_feed_token(caller.principal.user_id);
}

Result<std::string> TableService::feed_for_token(const std::string& token) {
  if (token.rfind("tafelcal_", 0) != 0 || token.size() != 9 + 64) return fail("not_found", "no such feed");
  auto owner = store_.feed_owner(crypto_.token_digest(token));
  if (!owner) return tl::unexpected(owner.error());
  if (!*owner) return fail("not_found", "no such feed");
  auto tables = store_.list((*owner)->organisation);
  if (!tables) return tl::unexpected(tables.error());
  std::erase_if(*tables, [&](const Table& t) {
    const Delegate* d = t.delegate((*owner)->user);
    return !d || d->organisation != (*owner)->organisation;
  });
  return feed_of(*tables, "tafel");
}

}  // namespace tafel::app::tables
