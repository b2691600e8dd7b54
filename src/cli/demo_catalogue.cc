#include "cli/demo_catalogue.h"

#include <chrono>
#include <cstdio>

namespace tafel::cli {

namespace care = tafel::care;
using care::Need;
using care::TargetGroup;
using care::Weekday;

namespace {

struct HoursSeed {
  std::vector<Weekday> days;
  const char* opens;
  const char* closes;
};

struct ServiceSeed {
  const char* org;  // organisation key
  const char* name;
  const char* description;
  std::vector<TargetGroup> groups;
  std::vector<Need> needs;
  std::vector<std::string> areas;
  std::vector<std::string> languages;
  const char* eligibility;
  const char* intake;
  const char* address;
  std::vector<HoursSeed> hours;
  const char* phone;
  const char* email;
  std::int64_t places, waiting;
  std::int64_t median_wait_days;  // -1: unknown
  int confirmed_days_ago;         // -1: never confirmed
};

const std::vector<Weekday> kWeekdays = {Weekday::monday, Weekday::tuesday, Weekday::wednesday, Weekday::thursday,
                                        Weekday::friday};

const ServiceSeed kServices[] = {
    {"caw", "Onthaal CAW", "Vrij toegankelijk onthaal voor elke vraag over welzijn: relaties, geld, wonen, justitie.",
     {TargetGroup::adults, TargetGroup::families}, {Need::income, Need::housing, Need::legal},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr", "en"},
     "Iedereen vanaf 18 jaar.", "Binnenlopen tijdens de openingsuren of bellen.", "Kerkstraat 12, Nethegem",
     {{kWeekdays, "09:00", "12:30"}, {{Weekday::tuesday, Weekday::thursday}, "13:30", "17:00"}},
     "014 00 50 00", "onthaal@caw.nethegem.example", 40, 6, 5, 3},
    {"caw", "Begeleid wonen jongvolwassenen", "Woonbegeleiding voor jongeren die zelfstandig gaan wonen.",
     {TargetGroup::youth, TargetGroup::homeless}, {Need::housing, Need::income},
     {"Nethegem-Centrum", "Oosterveld"}, {"nl", "fr"},
     "Jongeren van 17 tot 25 jaar zonder stabiele woonplaats.", "Aanmelding door een hulpverlener via het onthaal.",
     "Kerkstraat 12, Nethegem", {{kWeekdays, "09:00", "17:00"}},
     "014 00 50 10", "wonen@caw.nethegem.example", 12, 19, 120, 12},
    {"caw", "Vertrouwenscentrum partnergeweld", "Opvang en begeleiding bij partnergeweld en intrafamiliaal geweld.",
     {TargetGroup::victims, TargetGroup::families, TargetGroup::adults}, {Need::domestic_violence, Need::housing},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr", "en", "ar"},
     "Slachtoffers, plegers en kinderen die getuige zijn.", "Bellen; bij acuut gevaar meteen opvang.",
     "", {{kWeekdays, "08:00", "20:00"}, {{Weekday::saturday}, "10:00", "16:00"}},
     "014 00 50 20", "geweld@caw.nethegem.example", 8, 3, 7, 1},
    {"ocmw", "Schuldhulpverlening", "Budgetbegeleiding en collectieve schuldenregeling.",
     {TargetGroup::adults, TargetGroup::families}, {Need::income},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr"},
     "Inwoners van Nethegem met betalingsproblemen.", "Afspraak via het sociaal huis.",
     "Sociaal Huis, Markt 1, Nethegem", {{kWeekdays, "08:30", "12:00"}},
     "014 00 40 30", "budget@ocmw.nethegem.example", 60, 34, 45, 20},
    {"ocmw", "Leefloon en sociale activering", "Recht op maatschappelijke integratie en trajecten naar werk.",
     {TargetGroup::adults, TargetGroup::newcomers}, {Need::income, Need::employment},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr", "en"},
     "Inwoners zonder voldoende bestaansmiddelen.", "Aanvraag bij het sociaal huis; beslissing binnen 30 dagen.",
     "Sociaal Huis, Markt 1, Nethegem", {{kWeekdays, "08:30", "12:00"}, {{Weekday::wednesday}, "13:00", "18:00"}},
     "014 00 40 00", "", 200, 0, 0, 2},
    {"drugs", "Drugpunt vrije inloop", "Anoniem advies over alcohol, drugs, gokken en gamen.",
     {TargetGroup::youth, TargetGroup::adults, TargetGroup::families}, {Need::addiction},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr"},
     "Iedereen, ook ouders en vrienden.", "Binnenlopen of chatten; geen verwijzing nodig.",
     "Stationsstraat 40, Nethegem", {{{Weekday::monday, Weekday::wednesday, Weekday::friday}, "13:00", "18:00"}},
     "014 00 80 00", "info@drugpunt.nethegem.example", 25, 0, 0, 8},
    {"drugs", "Ambulante begeleiding jongeren en middelen", "Individuele begeleiding voor jongeren met problematisch gebruik.",
     {TargetGroup::youth}, {Need::addiction, Need::mental_health},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr"},
     "Jongeren van 12 tot 21 jaar.", "Aanmelding door de jongere, ouders, school of politie.",
     "Stationsstraat 40, Nethegem", {{kWeekdays, "09:00", "17:00"}},
     "014 00 80 10", "jongeren@drugpunt.nethegem.example", 15, 11, 42, 40},
    {"mental", "CGG volwassenen", "Ambulante geestelijke gezondheidszorg: diagnostiek en therapie.",
     {TargetGroup::adults, TargetGroup::elderly}, {Need::mental_health},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr", "en"},
     "Volwassenen met psychische problemen.", "Aanmelding telefonisch, intakegesprek binnen het team.",
     "Ziekenhuislaan 3, Nethegem", {{kWeekdays, "08:30", "19:00"}},
     "014 00 90 00", "aanmelding@cgg.nethekempen.example", 90, 58, 95, 5},
    {"mental", "CGG kinderen en jongeren", "Therapie voor kinderen en jongeren en begeleiding van hun ouders.",
     {TargetGroup::children, TargetGroup::youth, TargetGroup::families}, {Need::mental_health, Need::parenting},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr"},
     "Kinderen en jongeren tot 23 jaar.", "Aanmelding door ouders, CLB of huisarts.",
     "Ziekenhuislaan 3, Nethegem", {{kWeekdays, "08:30", "18:00"}},
     "014 00 90 10", "jeugd@cgg.nethekempen.example", 40, 37, 150, 61},
    {"mental", "Mobiel crisisteam", "Kortdurende crisishulp aan huis bij acute psychische nood.",
     {TargetGroup::adults, TargetGroup::youth}, {Need::mental_health},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr"},
     "Mensen in acute psychische crisis.", "Aanmelding door huisarts, spoed of politie.",
     "", {{{Weekday::monday, Weekday::tuesday, Weekday::wednesday, Weekday::thursday, Weekday::friday,
            Weekday::saturday, Weekday::sunday}, "08:00", "22:00"}},
     "014 00 90 99", "", 6, 2, 2, 0},
    {"youth", "Jeugdhuis De Ketel open huis", "Ontmoetingsplek met activiteiten, huiswerkbegeleiding en een luisterend oor.",
     {TargetGroup::youth}, {Need::social_contact, Need::education},
     {"Oosterveld", "Kapelhoek"}, {"nl", "fr", "en", "ar"},
     "Jongeren van 12 tot 25 jaar.", "Binnenlopen.", "Ketelstraat 5, Nethegem",
     {{{Weekday::wednesday, Weekday::saturday}, "14:00", "22:00"}, {{Weekday::friday}, "16:00", "23:00"}},
     "014 00 70 00", "info@deketel.example", 80, 0, -1, 90},
    {"streetwork", "Straathoekwerk outreach", "Straathoekwerkers zoeken mensen op die de weg naar hulp niet vinden.",
     {TargetGroup::homeless, TargetGroup::youth, TargetGroup::adults}, {Need::housing, Need::social_contact, Need::addiction},
     {"Nethegem-Centrum", "Oosterveld"}, {"nl", "fr", "en"},
     "Mensen in een kwetsbare situatie op straat.", "Geen aanmelding: we komen langs; partners kunnen signaleren.",
     "", {{{Weekday::tuesday, Weekday::wednesday, Weekday::thursday, Weekday::friday, Weekday::saturday}, "14:00", "22:00"}},
     "014 00 60 00", "straat@straathoekwerk.nethegem.example", 30, 4, 10, 14},
    {"prevention", "Buurtbemiddeling", "Bemiddeling bij burenruzies en overlast tussen buren.",
     {TargetGroup::adults, TargetGroup::families, TargetGroup::elderly}, {Need::legal, Need::social_contact},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr"},
     "Inwoners van Nethegem in een conflict met buren.", "Aanmelding door een van de buren of de wijkagent.",
     "Markt 1, Nethegem", {{{Weekday::monday, Weekday::thursday}, "09:00", "16:00"}},
     "014 00 30 40", "bemiddeling@nethegem.example", 20, 9, 21, 25},
    {"police", "Dienst slachtofferbejegening", "Eerste opvang, informatie en doorverwijzing van slachtoffers.",
     {TargetGroup::victims}, {Need::legal, Need::mental_health},
     {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}, {"nl", "fr", "en"},
     "Slachtoffers van misdrijven, verkeersongevallen en rampen.", "Via de politie bij de aangifte of telefonisch.",
     "Politiehuis, Leopoldlaan 2, Nethegem", {{kWeekdays, "08:00", "18:00"}},
     "014 00 10 50", "slachtofferbejegening@politie.nethegem.example", 10, 1, 3, 4},
};

std::string days_ago(const app::Clock& clock, int days) {
  auto day = std::chrono::floor<std::chrono::days>(clock.now()) - std::chrono::days{days};
  std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

}  // namespace

Result<void> seed_demo_catalogue(Runtime& runtime, const std::map<std::string, std::int64_t>& orgs) {
  const app::care::Caller by{access::Principal{0, 0, access::Role::platform_admin, true}, {"demo-seed", ""}};
  for (const auto& seed : kServices) {
    care::Service s;
    s.organisation = orgs.at(seed.org);
    s.name = seed.name;
    s.description = seed.description;
    s.target_groups = seed.groups;
    s.needs = seed.needs;
    s.areas = seed.areas;
    s.languages = seed.languages;
    s.eligibility = seed.eligibility;
    s.intake = seed.intake;
    s.address = seed.address;
    for (const auto& h : seed.hours) {
      for (auto d : h.days) s.hours.push_back({d, h.opens, h.closes});
    }
    s.contact.phone = seed.phone;
    s.contact.email = seed.email;
    s.capacity.places = seed.places;
    s.capacity.waiting = seed.waiting;
    if (seed.median_wait_days >= 0) s.capacity.median_wait_days = seed.median_wait_days;
    if (seed.confirmed_days_ago >= 0) s.capacity.last_confirmed = days_ago(runtime.clock(), seed.confirmed_days_ago);
    if (auto r = runtime.catalogue().create(by, s); !r) return tl::unexpected(r.error());
  }
  return {};
}

}  // namespace tafel::cli
