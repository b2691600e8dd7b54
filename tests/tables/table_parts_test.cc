// A table's meetings and actions as rows (migration 0022, ADR 0021), on SQLite and
// PostgreSQL: whole tables round-trip exactly through saves that add, change,
// reorder and remove meetings and actions; every partial read the cross-table
// views use returns exactly what the core rule (core/tables/table_parts.h) selects
// from the whole tables; and tables saved as one document before the migration
// come out the same after it.

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <soci/soci.h>

#include "app/clock.h"
#include "core/directory/organisation.h"
#include "core/tables/table_parts.h"
#include "storage/directory_store.h"
#include "storage/migration.h"
#include "storage/migrator.h"
#include "storage/tables/table_document.h"
#include "storage/tables/table_store.h"
#include "support/organisations.h"
#include "support/test_database.h"
#include "table_fixture.h"

namespace tafel {
namespace {

using namespace tafel::tables;
using test_support::local;

class TablePartsTest : public ::testing::TestWithParam<storage::Engine> {};

using test_support::add_organisation;

constexpr std::int64_t kHour = 3'600'000'000LL;
constexpr std::int64_t kNow = 1'780'000'000'000'000LL;

// A table of `members` with `n` monthly-ish meetings around kNow in every status,
// one with a sent feedback form, and actions of every status, owner and due date.
Table table_of(const std::string& name, std::vector<std::int64_t> members, int n, std::int64_t salt) {
  Table t;
  t.name = name;
  t.basis = LegalBasis::decree;
  t.basis_reference = "Decreet";
  t.members = members;
  t.delegates = {{100 + salt, members.front(), TableRole::chair}};
  for (int i = 0; i < n; ++i) {
    Meeting m;
    m.id = t.take_id();
    m.original_start = local("2026-02-10T19:00");
    m.local_start = local("2026-02-10T19:00");
    m.starts_at_us = kNow + (i - n / 2) * 24 * kHour + salt * kHour;
    m.ends_at_us = m.starts_at_us + 2 * kHour;
    m.venue = name + " zaal " + std::to_string(i);
    const MeetingStatus statuses[] = {MeetingStatus::planned, MeetingStatus::open, MeetingStatus::closed,
                                      MeetingStatus::cancelled};
    m.status = m.starts_at_us > kNow ? (i % 5 == 0 ? MeetingStatus::cancelled : MeetingStatus::planned)
                                     : statuses[static_cast<std::size_t>(i) % 4];
    if (i == 1) {
      FeedbackForm f;
      f.id = t.take_id();
      f.recipient = members.back();
      f.text = "Terugkoppeling";
      f.state = FeedbackState::sent;
      f.sent_at_us = m.starts_at_us;
      m.feedback.push_back(f);
    }
    if (i == 2) {
      FeedbackForm f;
      f.id = t.take_id();
      f.recipient = members.back();
      f.text = "Ontwerp";
      m.feedback.push_back(f);  // a draft: not sent
    }
    t.meetings.push_back(std::move(m));
  }
  for (int i = 0; i < n; ++i) {
    ActionItem a;
    a.id = t.take_id();
    a.meeting_id = t.meetings[static_cast<std::size_t>(i)].id;
    a.description = "Actie " + std::to_string(i);
    a.owner_organisation = members[static_cast<std::size_t>(i) % members.size()];
    a.owner_user = 100 + (i % 3);
    a.due = "2026-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
    a.status = i % 4 == 3 ? ActionStatus::done : (i % 7 == 6 ? ActionStatus::cancelled : ActionStatus::open);
    if (a.status == ActionStatus::done) a.done_on = "2026-01-01";
    t.actions.push_back(std::move(a));
  }
  return t;
}

std::vector<std::string> encoded(const std::vector<Table>& tables) {
  std::vector<std::string> out;
  for (const auto& t : tables) out.push_back(storage::encode_table(t));
  return out;
}

// What with_parts must answer, from whole tables and the core rule.
std::vector<Table> expected_parts(std::vector<Table> whole, const TableParts& parts) {
  std::vector<Table> out;
  for (auto& t : whole) {
    Table p = with_parts(std::move(t), parts);
    if (has_parts(p)) out.push_back(std::move(p));
  }
  if (parts.meetings == TableParts::Meetings::upcoming && parts.limit > 0) {
    std::vector<std::pair<std::int64_t, std::int64_t>> starts;  // (start, table id)
    for (const auto& t : out) {
      for (const auto& m : t.meetings) starts.emplace_back(m.starts_at_us, t.id);
    }
    std::sort(starts.begin(), starts.end());
    if (starts.size() > parts.limit) {
      starts.resize(parts.limit);
      for (auto& t : out) {
        std::erase_if(t.meetings, [&](const Meeting& m) {
          return std::find(starts.begin(), starts.end(), std::pair{m.starts_at_us, t.id}) == starts.end();
        });
      }
      std::erase_if(out, [](const Table& t) { return !has_parts(t); });
    }
  }
  return out;
}

std::vector<TableParts> every_view(std::int64_t user, std::int64_t org) {
  std::vector<TableParts> views;
  for (std::size_t limit : {0, 1, 5, 50}) {
    TableParts p = TableParts::of_meetings(TableParts::Meetings::upcoming);
    p.from_us = kNow;
    p.limit = limit;
    views.push_back(p);
  }
  TableParts soon = TableParts::of_meetings(TableParts::Meetings::planned_between);
  soon.from_us = kNow;
  soon.until_us = kNow + 72 * kHour;
  views.push_back(soon);
  views.push_back(TableParts::of_meetings(TableParts::Meetings::with_sent_feedback));
  TableParts mine;
  mine.open_actions = true;
  mine.action_owner_user = user;
  views.push_back(mine);
  TableParts overdue;
  overdue.open_actions = true;
  overdue.action_owner_organisation = org;
  overdue.due_before = "2026-05-01";
  views.push_back(overdue);
  TableParts all_overdue;
  all_overdue.open_actions = true;
  all_overdue.due_before = "2026-05-01";
  views.push_back(all_overdue);
  return views;
}

TEST_P(TablePartsTest, EveryViewReadsExactlyWhatTheCoreRuleSelects) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(test_support::at_utc(2026, 1, 15, 9));
  storage::Database& database = (*db)->database();
  std::int64_t a = add_organisation(database, clock, "Politie");
  std::int64_t b = add_organisation(database, clock, "OCMW");
  std::int64_t c = add_organisation(database, clock, "CAW");
  storage::SqlTableStore store(database, clock);

  std::vector<Table> saved;
  for (auto t : {table_of("Zuid", {a, b}, 30, 1), table_of("Noord", {b, c}, 24, 2), table_of("Oost", {c}, 10, 3)}) {
    auto s = store.insert(t);
    ASSERT_TRUE(s) << s.error().message;
    saved.push_back(*s);
  }
  // A whole table comes back exactly, and the list of heads carries no part.
  for (const auto& t : saved) EXPECT_EQ(storage::encode_table(**store.find(t.id)), storage::encode_table(t));
  auto heads = store.heads(std::nullopt);
  ASSERT_TRUE(heads && heads->size() == 3u);
  for (const auto& h : *heads) EXPECT_FALSE(has_parts(h)) << h.name;
  EXPECT_EQ(store.heads(a)->size(), 1u);
  EXPECT_EQ(store.heads(b)->size(), 2u);

  for (std::optional<std::int64_t> org : {std::optional<std::int64_t>(), std::optional(a), std::optional(b)}) {
    auto whole = store.list(org);
    ASSERT_TRUE(whole);
    for (const auto& view : every_view(101, org.value_or(c))) {
      auto got = store.with_parts(org, view);
      ASSERT_TRUE(got) << got.error().message;
      EXPECT_EQ(encoded(*got), encoded(expected_parts(*whole, view)))
          << "organisation " << org.value_or(0) << ", meetings " << static_cast<int>(view.meetings) << " limit "
          << view.limit << ", actions " << view.open_actions;
    }
  }
  // The forms sent to an organisation: only the meetings with a sent form.
  auto sent = store.with_feedback_to(b);
  ASSERT_TRUE(sent && sent->size() == 1u);
  EXPECT_EQ(sent->front().name, "Zuid");
  ASSERT_EQ(sent->front().meetings.size(), 1u);
  EXPECT_EQ(sent->front().meetings[0].feedback[0].text, "Terugkoppeling");
}

TEST_P(TablePartsTest, SavesThatAddChangeReorderAndRemovePartsRoundTrip) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(test_support::at_utc(2026, 1, 15, 9));
  storage::Database& database = (*db)->database();
  std::int64_t a = add_organisation(database, clock, "Politie");
  storage::SqlTableStore store(database, clock);
  auto t = store.insert(table_of("Zuid", {a}, 12, 1));
  ASSERT_TRUE(t);

  Table next = *t;
  next.meetings[3].venue = "Elders";                       // changed
  next.meetings.erase(next.meetings.begin() + 5);          // removed
  std::swap(next.meetings[0], next.meetings[1]);           // reordered
  Meeting added = next.meetings.back();
  added.id = next.take_id();
  added.starts_at_us += 24 * kHour;
  next.meetings.push_back(added);                          // added
  next.actions[2].status = ActionStatus::done;
  next.actions[2].done_on = "2026-01-15";
  next.actions.erase(next.actions.begin());
  auto saved = store.update(next);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(storage::encode_table(**store.find(t->id)), storage::encode_table(*saved));

  // A stale save changes no row: not the head, not a meeting.
  Table stale = *t;
  stale.meetings[0].venue = "Oud";
  EXPECT_EQ(store.update(stale).error().code, "conflict");
  EXPECT_EQ(storage::encode_table(**store.find(t->id)), storage::encode_table(*saved));
}

// Issue 21: the platform admin's list of every table is read in keyset pages. Walking
// the pages, of all tables and of one organisation's, gives every table once, in the
// order of the whole list (name, then number; equal names included).
TEST_P(TablePartsTest, HeadPagesWalkEveryTableOnceInNameOrder) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(test_support::at_utc(2026, 1, 15, 9));
  storage::Database& database = (*db)->database();
  std::int64_t a = add_organisation(database, clock, "Politie");
  std::int64_t b = add_organisation(database, clock, "CAW");
  storage::SqlTableStore store(database, clock);
  const std::vector<std::pair<std::string, std::int64_t>> made = {
      {"Zuid", a}, {"Noord", b}, {"Zuid", b}, {"Centrum", a}, {"Haven", a}, {"Zuid", a}, {"Beveren", b}};
  for (std::size_t i = 0; i < made.size(); ++i) {
    ASSERT_TRUE(store.insert(table_of(made[i].first, {made[i].second}, 2, static_cast<std::int64_t>(i))));
  }
  auto ids = [](const std::vector<Table>& ts) {
    std::vector<std::int64_t> out;
    for (const auto& t : ts) out.push_back(t.id);
    return out;
  };
  for (std::optional<std::int64_t> org : {std::optional<std::int64_t>(), std::optional(a), std::optional(b)}) {
    auto whole = store.heads(org);
    ASSERT_TRUE(whole);
    std::vector<std::int64_t> walked;
    std::optional<std::int64_t> after;
    for (int pages = 0; pages < 10; ++pages) {
      auto page = store.heads_page(org, after, 3);
      ASSERT_TRUE(page) << page.error().message;
      EXPECT_LE(page->size(), 3u);
      for (const auto& t : *page) {
        EXPECT_TRUE(t.meetings.empty() && t.actions.empty()) << "a head has no parts";
      }
      auto got = ids(*page);
      walked.insert(walked.end(), got.begin(), got.end());
      if (page->size() < 3) break;
      after = page->back().id;
    }
    EXPECT_EQ(walked, ids(*whole)) << "organisation " << org.value_or(0);
  }
  // A cursor from another list (a table of b) still places an organisation's page.
  auto all = *store.heads(std::nullopt);
  auto noord = std::find_if(all.begin(), all.end(), [](const Table& t) { return t.name == "Noord"; });
  ASSERT_NE(noord, all.end());
  auto of_a = store.heads_page(a, noord->id, 10);
  ASSERT_TRUE(of_a);
  ASSERT_EQ(of_a->size(), 2u);
  EXPECT_EQ((*of_a)[0].name, "Zuid");
}

// The rows one server read (and kept, ADR 0025) never hide what another server
// saved, and a save through kept rows adds, changes, reorders and removes exactly.
TEST_P(TablePartsTest, RowsKeptByOneServerNeverHideAnotherServersSave) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(test_support::at_utc(2026, 1, 15, 9));
  storage::Database& database = (*db)->database();
  std::int64_t org = add_organisation(database, clock, "Politie");
  storage::SqlTableStore one(database, clock), two(database, clock);  // two servers
  auto t = one.insert(table_of("Zuid", {org}, 12, 1));
  ASSERT_TRUE(t);

  auto read_by_one = one.find(t->id);  // kept by server one
  ASSERT_TRUE(read_by_one && *read_by_one);
  Table by_two = **two.find(t->id);
  by_two.meetings[3].venue = "Elders";
  by_two.actions[2].status = ActionStatus::done;
  by_two.actions[2].done_on = "2026-01-15";
  auto saved_by_two = two.update(by_two);
  ASSERT_TRUE(saved_by_two) << saved_by_two.error().message;
  EXPECT_EQ(storage::encode_table(**one.find(t->id)), storage::encode_table(*saved_by_two));
  Table stale = **read_by_one;
  stale.meetings[0].venue = "Oud";
  EXPECT_EQ(one.update(stale).error().code, "conflict");

  // Server one saves through the rows it kept: every kind of change lands.
  Table next = **one.find(t->id);
  next.meetings[4].agenda.push_back(AgendaItem{next.take_id(), ItemKind::information, "Nieuw punt"});
  next.meetings.erase(next.meetings.begin() + 5);
  std::swap(next.meetings[0], next.meetings[1]);
  Meeting added = next.meetings.back();
  added.id = next.take_id();
  added.starts_at_us += 24 * kHour;
  next.meetings.push_back(added);
  next.actions.erase(next.actions.begin());
  std::swap(next.actions[3], next.actions[4]);
  auto saved = one.update(next);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(storage::encode_table(**two.find(t->id)), storage::encode_table(*saved));
  EXPECT_EQ(storage::encode_table(**one.find(t->id)), storage::encode_table(*saved));
  EXPECT_EQ(storage::encode_table(one.list(org)->front()), storage::encode_table(*saved));
}

// A save through kept rows encodes and writes only the parts that differ from
// them: a stored row equal to its part is left as it is.
TEST_P(TablePartsTest, ASaveAfterAFindWritesOnlyTheChangedRows) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(test_support::at_utc(2026, 1, 15, 9));
  storage::Database& database = (*db)->database();
  std::int64_t org = add_organisation(database, clock, "Politie");
  storage::SqlTableStore store(database, clock);
  auto t = store.insert(table_of("Zuid", {org}, 6, 1));
  ASSERT_TRUE(t);
  Table next = **store.find(t->id);
  // The same meeting spelt differently (a leading space): a save that compared
  // documents would rewrite it; one that compares the parts leaves it.
  auto document_of = [&](std::int64_t meeting) {
    std::string doc;
    long long id = t->id, m = meeting;
    EXPECT_TRUE(database.with_session([&](soci::session& s) {
      s << "SELECT document FROM consultation_table_meetings WHERE table_id = :t AND meeting_id = :m", soci::use(id),
          soci::use(m), soci::into(doc);
    }));
    return doc;
  };
  std::string respelt = " " + document_of(next.meetings[0].id);
  ASSERT_TRUE(database.transaction([&](soci::session& s) {
    long long id = t->id, m = next.meetings[0].id;
    s << "UPDATE consultation_table_meetings SET document = :d WHERE table_id = :t AND meeting_id = :m",
        soci::use(respelt), soci::use(id), soci::use(m);
  }));
  next.meetings[2].venue = "Elders";
  auto saved = store.update(next);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(document_of(next.meetings[0].id), respelt) << "an unchanged meeting was written";
  EXPECT_EQ(document_of(next.meetings[2].id), storage::encode_meeting_document(saved->meetings[2]));
  EXPECT_EQ(storage::encode_table(**store.find(t->id)), storage::encode_table(*saved));
}

// What a transaction read or wrote is never kept: after it rolls back, the next
// save and read see the stored rows, not the rolled-back ones.
TEST_P(TablePartsTest, RowsOfARolledBackSaveAreNeverKept) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam());
  ASSERT_TRUE(db) << db.error().message;
  app::ManualClock clock(test_support::at_utc(2026, 1, 15, 9));
  storage::Database& database = (*db)->database();
  std::int64_t org = add_organisation(database, clock, "Politie");
  storage::SqlTableStore store(database, clock);
  auto t = store.insert(table_of("Zuid", {org}, 6, 1));
  ASSERT_TRUE(t);
  Table read = **store.find(t->id);
  auto rolled_back = database.transaction([&](soci::session&) {
    Table x = read;
    x.meetings[1].venue = "Teruggedraaid";
    ASSERT_TRUE(store.update(x));
    auto inside = store.find(t->id);  // read inside the transaction: not kept
    ASSERT_TRUE(inside && *inside);
    EXPECT_EQ((*inside)->meetings[1].venue, "Teruggedraaid");
    throw std::runtime_error("roll back");
  });
  EXPECT_FALSE(rolled_back);
  Table y = **store.find(t->id);
  EXPECT_EQ(y.version, read.version);
  EXPECT_EQ(y.meetings[1].venue, read.meetings[1].venue);
  y.meetings[2].venue = "Bewaard";
  auto saved = store.update(y);
  ASSERT_TRUE(saved) << saved.error().message;
  Table after = **store.find(t->id);
  EXPECT_EQ(after.meetings[1].venue, read.meetings[1].venue);
  EXPECT_EQ(after.meetings[2].venue, "Bewaard");
  EXPECT_EQ(storage::encode_table(after), storage::encode_table(*saved));
}

TEST_P(TablePartsTest, TablesSavedAsOneDocumentBeforeTheMigrationComeOutTheSame) {
  TAFEL_SKIP_UNLESS_AVAILABLE(GetParam());
  auto db = test_support::TestDatabase::create(GetParam(), test_support::TestDatabase::Migrate::no);
  ASSERT_TRUE(db) << db.error().message;
  storage::Database& database = (*db)->database();
  const auto& all = storage::builtin_migrations();
  auto split = std::find_if(all.begin(), all.end(), [](const storage::Migration& m) { return m.version == 22; });
  ASSERT_NE(split, all.end());
  ASSERT_TRUE(storage::apply_migrations(database, std::span(all.begin(), split)));

  Table whole = table_of("Zuid", {1, 2}, 20, 1);
  whole.id = 7;
  whole.version = 4;
  std::string document = storage::encode_table(whole);
  auto r = database.transaction([&](soci::session& s) {
    long long id = whole.id, version = whole.version, at = 0;
    s << "INSERT INTO consultation_tables (id, name, version, document, created_at, updated_at) "
         "VALUES (:i, :n, :v, :d, :c, :u)",
        soci::use(id), soci::use(whole.name), soci::use(version), soci::use(document), soci::use(at), soci::use(at);
  });
  ASSERT_TRUE(r) << r.error().message;
  auto applied = storage::apply_migrations(database, all);
  ASSERT_TRUE(applied) << applied.error().message;

  app::ManualClock clock(test_support::at_utc(2026, 1, 15, 9));
  storage::SqlTableStore store(database, clock);
  auto found = store.find(7);
  ASSERT_TRUE(found && *found) << (found ? "missing" : found.error().message);
  EXPECT_EQ(storage::encode_table(**found), document);
  auto head = store.heads(std::nullopt);
  ASSERT_TRUE(head && head->size() == 1u);
  EXPECT_FALSE(has_parts(head->front())) << "the document keeps the head only";
  for (const auto& view : every_view(101, 2)) {
    auto got = store.with_parts(std::nullopt, view);
    ASSERT_TRUE(got) << got.error().message;
    EXPECT_EQ(encoded(*got), encoded(expected_parts({whole}, view)));
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, TablePartsTest, ::testing::ValuesIn(test_support::all_engines()),
                         test_support::EngineParamName());

}  // namespace
}  // namespace tafel
