// The use cases of consultation tables over the in-memory store and the real libical
// calendar: series across daylight-saving time, rule errors, the .ics feed, a
// meeting from attendance to frozen minutes, and the secrecy gate on case items.

#include <gtest/gtest.h>

#include <libical/ical.h>

#include "table_fixture.h"

namespace tafel {
namespace {

using namespace tafel::tables;
using test_support::local;
using test_support::TableFixture;

std::int64_t utc_us(int y, unsigned m, unsigned d, int h, int min = 0) {
  return (test_support::at_utc(y, m, d, h) + std::chrono::minutes(min)).time_since_epoch().count();
}

class TableServiceTest : public ::testing::Test, public TableFixture {
 protected:
  Table create() {
    Table t = *service.create_table(chair, draft());
    return *service.approve_basis(platform, t.id);
  }
};

TEST_F(TableServiceTest, AMonthlySeriesKeepsItsLocalTimeAcrossDaylightSaving) {
  Table t = create();
  Series s{.rule = "FREQ=MONTHLY;BYDAY=2TU", .start = local("2026-02-10T19:00"), .duration_minutes = 120};
  auto series = service.add_series(chair, t.id, s);
  ASSERT_TRUE(series) << series.error().message;
  Table stored = *service.table(chair, t.id);
  ASSERT_GE(stored.meetings.size(), 12u);
  for (const auto& m : stored.meetings) {
    EXPECT_EQ(m.local_start.hour, 19);
    EXPECT_EQ(m.local_start.minute, 0);
    EXPECT_EQ(m.ends_at_us - m.starts_at_us, std::int64_t{120} * 60'000'000);
  }
  // 10 March is winter time (UTC+1), 14 April summer time (UTC+2), 10 November winter.
  EXPECT_EQ(format_local_time(stored.meetings[1].local_start), "2026-03-10T19:00");
  EXPECT_EQ(stored.meetings[1].starts_at_us, utc_us(2026, 3, 10, 18));
  EXPECT_EQ(format_local_time(stored.meetings[2].local_start), "2026-04-14T19:00");
  EXPECT_EQ(stored.meetings[2].starts_at_us, utc_us(2026, 4, 14, 17));
  EXPECT_EQ(format_local_time(stored.meetings[9].local_start), "2026-11-10T19:00");
  EXPECT_EQ(stored.meetings[9].starts_at_us, utc_us(2026, 11, 10, 18));
}

TEST_F(TableServiceTest, AWeeklySeriesOverTheOctoberChangeStaysAtNine) {
  Table t = create();
  Series s{.rule = "FREQ=WEEKLY;COUNT=3", .start = local("2026-10-18T09:00")};
  ASSERT_TRUE(service.add_series(chair, t.id, s));
  Table stored = *service.table(chair, t.id);
  ASSERT_EQ(stored.meetings.size(), 3u);
  EXPECT_EQ(stored.meetings[0].starts_at_us, utc_us(2026, 10, 18, 7));  // CEST
  EXPECT_EQ(stored.meetings[1].starts_at_us, utc_us(2026, 10, 25, 8));  // CET from 25 October
  EXPECT_EQ(stored.meetings[2].starts_at_us, utc_us(2026, 11, 1, 8));
}

TEST_F(TableServiceTest, AnInvalidRuleIsRefusedWithAClearMessage) {
  Table t = create();
  struct Case {
    const char* rule;
    const char* says;
  } cases[] = {
      {"BYDAY=2TU", "FREQ"},
      {"FREQ=MONTHLY;BYDAI=2TU", "unknown rule part \"BYDAI\""},
      {"FREQ=MONTHLY;BYDAY=2XX", "not valid RFC 5545"},
      {"FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z", "COUNT with UNTIL"},
      {"FREQ=HOURLY", "at most daily"},
      {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "30 February"},
      {"FREQ", "NAME=VALUE"},
  };
  for (const auto& c : cases) {
    Series s{.rule = c.rule, .start = local("2026-02-10T19:00")};
    auto r = service.add_series(chair, t.id, s);
    ASSERT_FALSE(r) << c.rule;
    EXPECT_EQ(r.error().code, "invalid_rule") << c.rule;
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << c.rule << ": " << r.error().message;
  }
  EXPECT_TRUE(service.table(chair, t.id)->meetings.empty());  // nothing half-saved
}

TEST_F(TableServiceTest, TheFeedParsesWithLibicalAndCarriesTheSeries) {
  Table t = create();
  Series s{.rule = "FREQ=MONTHLY;BYDAY=2TU", .start = local("2026-02-10T19:00"), .venue = "Stadhuis, zaal 2"};
  ASSERT_TRUE(service.add_series(chair, t.id, s));
  Table stored = *service.table(chair, t.id);
  ASSERT_TRUE(service.cancel_meeting(chair, t.id, stored.meetings[3].id));
  ASSERT_TRUE(service.move_meeting(chair, t.id, stored.meetings[4].id, local("2026-06-11T14:00")));
  ASSERT_TRUE(service.add_meeting(chair, t.id, local("2026-07-01T10:00"), 60, "Politiehuis", ""));

  auto text = service.table_feed(delegate, t.id);
  ASSERT_TRUE(text);
  icalcomponent* cal = icalparser_parse_string(text->c_str());
  ASSERT_NE(cal, nullptr);
  EXPECT_EQ(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 3);  // series, moved, single
  icalcomponent* series = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  icalproperty* rrule = icalcomponent_get_first_property(series, ICAL_RRULE_PROPERTY);
  ASSERT_NE(rrule, nullptr);
  icalrecurrencetype r = icalproperty_get_rrule(rrule);
  EXPECT_EQ(r.freq, ICAL_MONTHLY_RECURRENCE);
  EXPECT_STREQ(icalcomponent_get_summary(series), "Overleg stationsbuurt");
  icalproperty* dtstart = icalcomponent_get_first_property(series, ICAL_DTSTART_PROPERTY);
  EXPECT_STREQ(icalparameter_get_tzid(icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER)),
               "Europe/Brussels");
  icalproperty* exdate = icalcomponent_get_first_property(series, ICAL_EXDATE_PROPERTY);
  ASSERT_NE(exdate, nullptr);
  EXPECT_STREQ(icaltime_as_ical_string(icalproperty_get_exdate(exdate)), "20260512T190000");
  EXPECT_NE(icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT), nullptr);
  icalcomponent_free(cal);
  EXPECT_EQ(*formats::count_calendar_events(*text), 3u);
  EXPECT_EQ(service.table_feed(outsider, t.id).error().code, "forbidden");
}

TEST_F(TableServiceTest, AFeedTokenWorksUntilRevoked) {
  Table t = create();
  ASSERT_TRUE(service.add_series(chair, t.id, {.rule = "FREQ=MONTHLY;COUNT=2", .start = local("2026-02-10T19:00")}));
  auto token = service.create_feed_token(delegate);
  ASSERT_TRUE(token);
  auto feed = service.feed_for_token(*token);
  ASSERT_TRUE(feed);
  EXPECT_NE(feed->find("RRULE:FREQ=MONTHLY;COUNT=2"), std::string::npos);
  EXPECT_EQ(service.feed_for_token(*token + "0").error().code, "not_found");
  ASSERT_TRUE(service.revoke_feed_token(delegate));
  EXPECT_EQ(service.feed_for_token(*token).error().code, "not_found");
}

TEST_F(TableServiceTest, OnlyTheChairEditsTheAgendaAndOnlyTheSecretaryDraftsMinutes) {
  Table t = create();
  auto m = service.add_meeting(chair, t.id, local("2026-02-01T10:00"), 60, "Stadhuis", "");
  ASSERT_TRUE(m);
  AgendaItem item{.kind = ItemKind::information, .title = "Nieuws"};
  EXPECT_EQ(service.add_agenda_item(secretary, t.id, m->id, item).error().code, "forbidden");
  EXPECT_TRUE(service.add_agenda_item(chair, t.id, m->id, item));
  ASSERT_TRUE(service.open_meeting(chair, t.id, m->id));
  EXPECT_EQ(service.draft_minutes(chair, t.id, m->id, "x").error().code, "forbidden");
  EXPECT_TRUE(service.draft_minutes(secretary, t.id, m->id, "x"));
  EXPECT_EQ(service.table(outsider, t.id).error().code, "forbidden");
}

TEST_F(TableServiceTest, CaseItemsOnlyAtATableWhoseBasisAllowsThem) {
  Table t = *service.create_table(chair, draft(LegalBasis::agreement));
  auto m = service.add_meeting(chair, t.id, local("2026-02-01T10:00"), 60, "", "");
  auto r = service.add_agenda_item(chair, t.id, m->id, {.kind = ItemKind::case_item, .title = "Casus"});
  EXPECT_EQ(r.error().code, "cases_not_allowed");
}

TEST_F(TableServiceTest, AMeetingRunsToFrozenMinutes) {
  Table t = create();
  ASSERT_TRUE(service.add_series(chair, t.id, {.rule = "FREQ=MONTHLY;BYDAY=2TU", .start = local("2026-02-10T19:00")}));
  std::int64_t meeting = service.table(chair, t.id)->meetings[0].id;
  auto quick = service.add_agenda_item(chair, t.id, meeting, {.kind = ItemKind::decision, .title = "Verlichting"});
  ASSERT_TRUE(quick);
  ASSERT_TRUE(service.open_meeting(chair, t.id, meeting));
  ASSERT_TRUE(service.record_attendance(chair, t.id, meeting, 11, 1, Presence::present));
  ASSERT_TRUE(service.record_attendance(secretary, t.id, meeting, 21, 2, Presence::present));
  ASSERT_TRUE(service.record_attendance(chair, t.id, meeting, 31, 3, Presence::present));
  for (auto* c : {&chair, &secretary, &delegate}) ASSERT_TRUE(service.acknowledge_secrecy(*c, t.id, meeting));
  ASSERT_TRUE(service.add_decision(chair, t.id, meeting, quick->id, "Extra verlichting aan het station"));
  ASSERT_TRUE(service.add_decision(secretary, t.id, meeting, 0, "Volgende keer: jongerenwerking"));
  auto action = service.add_action(
      chair, t.id, meeting, {.description = "Offerte verlichting", .owner_organisation = 3, .owner_user = 31, .due = "2026-03-01"});
  ASSERT_TRUE(action);
  ASSERT_TRUE(service.record_time_used(chair, t.id, meeting, quick->id, 7));
  ASSERT_TRUE(service.close_meeting(chair, t.id, meeting));
  ASSERT_TRUE(service.draft_minutes(secretary, t.id, meeting, "# Verslag\n\n* Verlichting: ja"));
  EXPECT_FALSE(*service.approve_minutes(chair, t.id, meeting));
  EXPECT_FALSE(*service.approve_minutes(secretary, t.id, meeting));
  EXPECT_TRUE(*service.approve_minutes(delegate, t.id, meeting));
  EXPECT_EQ(service.draft_minutes(secretary, t.id, meeting, "nieuw").error().code, "minutes_frozen");
  ASSERT_TRUE(service.correct_minutes(secretary, t.id, meeting, "# Verslag v2", "Naam zaal verbeterd"));
  Table stored = *service.table(delegate, t.id);
  const Meeting& held = *stored.find_meeting(meeting);
  EXPECT_EQ(held.decisions.size(), 2u);
  EXPECT_EQ(held.minutes.versions().size(), 2u);
  EXPECT_TRUE(held.minutes.versions()[0].frozen);
  EXPECT_EQ(held.find_item(quick->id)->minutes_used, 7);

  // Overviews: the delegate owns the action; it is overdue for organisation 3 in April.
  EXPECT_EQ(service.my_open_actions(delegate)->size(), 1u);
  clock.set(test_support::at_utc(2026, 4, 2, 9));
  EXPECT_EQ(service.overdue_actions(delegate)->size(), 1u);
  EXPECT_TRUE(service.overdue_actions(chair)->empty());
  ASSERT_TRUE(service.set_action_status(delegate, t.id, action->id, ActionStatus::done));
  EXPECT_TRUE(service.overdue_actions(delegate)->empty());
  EXPECT_EQ(service.set_action_status(outsider, t.id, action->id, ActionStatus::open).error().code, "forbidden");
  EXPECT_FALSE(service.upcoming_meetings(delegate, 5)->empty());
}

TEST_F(TableServiceTest, WithoutAcknowledgementNoCaseReferenceAndTheAttemptIsAudited) {
  Table t = create();
  auto m = service.add_meeting(chair, t.id, local("2026-02-01T10:00"), 60, "", "");
  auto item = service.add_agenda_item(
      chair, t.id, m->id, {.kind = ItemKind::case_item, .title = "Casus A", .case_id = 12});
  ASSERT_TRUE(item) << item.error().message;
  // The table holds the case number only; the person's details live sealed in the case.
  EXPECT_EQ(item->case_id, 12);
  EXPECT_TRUE(service.table(chair, t.id)->find_meeting(m->id)->agenda[0].legacy_case_details.empty());
  ASSERT_TRUE(service.open_meeting(chair, t.id, m->id));
  ASSERT_TRUE(service.record_attendance(chair, t.id, m->id, 11, 1, Presence::present));
  ASSERT_TRUE(service.record_attendance(chair, t.id, m->id, 31, 3, Presence::present));
  ASSERT_TRUE(service.acknowledge_secrecy(chair, t.id, m->id));

  auto before = audit.entries().size();
  auto refused = service.case_of_item(delegate, t.id, m->id, item->id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "secrecy_not_acknowledged");
  auto entries = audit.entries();
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries.back().outcome, core::audit::Outcome::denied);
  EXPECT_EQ(entries.back().actor, "31");
  EXPECT_EQ(entries.back().object_type, "table_case_item");
  EXPECT_EQ(entries.back().source, "pseudonym(192.0.2.7)");

  ASSERT_TRUE(service.acknowledge_secrecy(delegate, t.id, m->id));
  auto shown = service.case_of_item(delegate, t.id, m->id, item->id);
  ASSERT_TRUE(shown) << shown.error().message;
  EXPECT_EQ(*shown, 12);
  EXPECT_EQ(audit.entries().back().outcome, core::audit::Outcome::success);
  EXPECT_EQ(audit.entries().back().ground, "case_consultation");

  // A new version of the secrecy text needs a new acknowledgement.
  ASSERT_TRUE(service.set_secrecy_text(chair, t.id, "Nieuwe tekst"));
  EXPECT_EQ(service.case_of_item(delegate, t.id, m->id, item->id).error().code, "secrecy_not_acknowledged");
  // Present members of non-member organisations and absent people see nothing either.
  EXPECT_EQ(service.case_of_item(outsider, t.id, m->id, item->id).error().code, "forbidden");
  EXPECT_EQ(service.case_of_item(secretary, t.id, m->id, item->id).error().code, "not_present");
}

TEST_F(TableServiceTest, TheSharingEngineRefusesATableWhoseFinalityIsNotItsOwn) {
  auto d = draft();
  d.finality = {sharing::Purpose::integrity, sharing::Purpose::public_order};  // not art. 458ter alone
  Table t = *service.create_table(chair, d);
  ASSERT_TRUE(service.approve_basis(platform, t.id));
  auto m = service.add_meeting(chair, t.id, local("2026-02-01T10:00"), 60, "", "");
  auto item = service.add_agenda_item(chair, t.id, m->id,
                                      {.kind = ItemKind::case_item, .title = "Casus", .case_id = 3});
  ASSERT_TRUE(service.open_meeting(chair, t.id, m->id));
  ASSERT_TRUE(service.record_attendance(chair, t.id, m->id, 11, 1, Presence::present));
  ASSERT_TRUE(service.record_attendance(chair, t.id, m->id, 31, 3, Presence::present));
  ASSERT_TRUE(service.acknowledge_secrecy(chair, t.id, m->id));
  ASSERT_TRUE(service.acknowledge_secrecy(delegate, t.id, m->id));
  EXPECT_EQ(service.case_of_item(delegate, t.id, m->id, item->id).error().code, "not_shared");
}

}  // namespace
}  // namespace tafel
