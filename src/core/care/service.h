#pragma once
// The care-offer catalogue (issue 16, point 1): what a service of an organisation
// offers, to whom, where, when, and how full it is. Pure value types and their
// validation; storage, import and export (HSDS 3.0) are adapters.
//
// Target groups and needs are small closed code lists (ADR 0026): the finder and
// the gap analysis count and compare them across organisations, which free text
// would not allow. Their nl/fr/en labels are i18n keys "care.target_group.<code>"
// and "care.need.<code>".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/user.h"
#include "core/enum_names.h"
#include "core/result.h"

namespace tafel::care {

enum class TargetGroup : std::uint8_t {
  children,      // under 12
  youth,         // 12 to 25
  adults,
  elderly,
  families,
  newcomers,     // migrants, refugees
  homeless,
  disability,    // people with a disability
  victims,       // victims of crime or violence
};
inline constexpr EnumNames<TargetGroup, 9> kTargetGroupNames{{{TargetGroup::children, "children"},
                                                               {TargetGroup::youth, "youth"},
                                                               {TargetGroup::adults, "adults"},
                                                               {TargetGroup::elderly, "elderly"},
                                                               {TargetGroup::families, "families"},
                                                               {TargetGroup::newcomers, "newcomers"},
                                                               {TargetGroup::homeless, "homeless"},
                                                               {TargetGroup::disability, "disability"},
                                                               {TargetGroup::victims, "victims"}}};

enum class Need : std::uint8_t {
  addiction,
  mental_health,
  housing,
  income,          // benefits, budget, debt
  domestic_violence,
  parenting,
  education,
  employment,
  legal,
  physical_health,
  social_contact,  // loneliness, leisure, meeting others
};
inline constexpr EnumNames<Need, 11> kNeedNames{{{Need::addiction, "addiction"},
                                                 {Need::mental_health, "mental_health"},
                                                 {Need::housing, "housing"},
                                                 {Need::income, "income"},
                                                 {Need::domestic_violence, "domestic_violence"},
                                                 {Need::parenting, "parenting"},
                                                 {Need::education, "education"},
                                                 {Need::employment, "employment"},
                                                 {Need::legal, "legal"},
                                                 {Need::physical_health, "physical_health"},
                                                 {Need::social_contact, "social_contact"}}};

enum class Weekday : std::uint8_t { monday, tuesday, wednesday, thursday, friday, saturday, sunday };
// iCalendar's two-letter day codes (RFC 5545, as HSDS schedules use them).
inline constexpr EnumNames<Weekday, 7> kWeekdayNames{{{Weekday::monday, "MO"},
                                                      {Weekday::tuesday, "TU"},
                                                      {Weekday::wednesday, "WE"},
                                                      {Weekday::thursday, "TH"},
                                                      {Weekday::friday, "FR"},
                                                      {Weekday::saturday, "SA"},
                                                      {Weekday::sunday, "SU"}}};

std::string_view name_of(TargetGroup group);
std::string_view name_of(Need need);
std::string_view name_of(Weekday day);
std::optional<TargetGroup> parse_target_group(std::string_view text);
std::optional<Need> parse_need(std::string_view text);
std::optional<Weekday> parse_weekday(std::string_view text);

// Open on `day` from `opens` to `closes` ("HH:MM", 24-hour, opens before closes).
struct OpeningHours {
  Weekday day = Weekday::monday;
  std::string opens, closes;
  friend bool operator==(const OpeningHours&, const OpeningHours&) = default;
  friend auto operator<=>(const OpeningHours&, const OpeningHours&) = default;
};

// How to reach the service: a contact point of the directory, or a phone and/or an
// e-mail address of its own (at least one of the three).
struct Contact {
  std::int64_t contact_point = 0;  // a directory contact point id, 0 for none
  std::string phone;
  std::string email;
  friend bool operator==(const Contact&, const Contact&) = default;
};

// Places and the waiting list, as the service last confirmed them.
struct Capacity {
  std::int64_t places = 0;                    // places in total
  std::int64_t waiting = 0;                   // people on the waiting list
  std::optional<std::int64_t> median_wait_days;  // unknown when absent
  std::string last_confirmed;                 // YYYY-MM-DD; empty: never confirmed
  friend bool operator==(const Capacity&, const Capacity&) = default;
};

struct Service {
  std::int64_t id = 0;
  std::int64_t version = 0;
  access::OrganisationId organisation = 0;
  std::string external_id;  // the HSDS id it was imported with; empty when made here
  std::string name;
  std::string description;
  std::vector<TargetGroup> target_groups;  // sorted, no duplicates
  std::vector<Need> needs;                 // sorted, no duplicates
  std::vector<std::string> areas;          // municipalities or districts served, by name
  std::vector<std::string> languages;      // ISO 639-1 codes ("nl", "fr", "ar"...)
  std::string eligibility;                 // who may come, in words
  std::string intake;                      // how to get in (referral, phone call, walk-in)
  std::string address;                     // where the service is given; empty: at the organisation
  std::vector<OpeningHours> hours;         // sorted
  Contact contact;
  Capacity capacity;
  friend bool operator==(const Service&, const Service&) = default;
};

// Sorts and deduplicates the lists of `service` (target groups, needs, areas,
// languages, hours), so two equal catalogues compare equal.
void normalise(Service& service);

// Fails with "invalid_input" and a message naming the field: name 1..200 bytes;
// description up to 4000, eligibility and intake up to 2000, address up to 500;
// an organisation; at most 50 areas of 1..200 bytes; languages 2..3 lowercase
// letters; hours "HH:MM" with opens before closes; a contact (contact point, phone
// of at most 40 of "+0123456789 ()./-", or an e-mail with an @); places, waiting
// and median wait not negative; last_confirmed empty or a date YYYY-MM-DD.
Result<void> check_service(const Service& service);

// True for a well-formed calendar date "YYYY-MM-DD".
bool is_date(std::string_view text);

// Days from `from` to `to` (both YYYY-MM-DD; negative when `to` is earlier), or
// nullopt when one is not a date.
std::optional<std::int64_t> days_between(std::string_view from, std::string_view to);

// The default of the stale rule: capacity confirmed more than 30 days ago.
inline constexpr std::int64_t kStaleAfterDays = 30;

// True when `capacity` was never confirmed or last confirmed more than `max_days`
// days before `today` (YYYY-MM-DD): the service is reminded to confirm it, and the
// finder shows its wait as uncertain.
bool is_stale(const Capacity& capacity, std::string_view today, std::int64_t max_days = kStaleAfterDays);

}  // namespace tafel::care
