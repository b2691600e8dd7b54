#include "cli/demo_situations.h"

namespace tafel::cli {

namespace st = tafel::situations;
using app::situations::Caller;
using app::situations::SituationDraft;

namespace {

struct ActionSeed {
  const char* owner;       // organisation key
  const char* description;
  const char* due;
  bool done;
};

struct SituationSeed {
  const char* owner;       // organisation key
  const char* person;      // the contact person acting for the owner
  std::vector<const char*> participants;
  const char* title;
  const char* behaviour;
  const char* since;
  const char* area;
  const char* address;
  double latitude, longitude;
  st::Triangle triangle;
  const char* action_plan;
  const char* assessment;
  std::vector<std::pair<const char*, const char*>> goals;  // organisation key, goal
  std::vector<ActionSeed> actions;
  std::vector<std::pair<const char*, const char*>> voices;  // quote, date (recorded by the owner)
  st::Stage stage;
  bool on_table;
};

const SituationSeed kSituations[] = {
    {"police", "inspecteur.wijk", {"streetwork", "prevention", "youth"},
     "Jongeren aan het stationsplein",
     "Groepen van 10 à 15 jongeren verzamelen in de vroege avond aan de ingang van het station, blokkeren de "
     "doorgang en spelen luid muziek; reizigers voelen zich onveilig.",
     "sinds februari 2026", "Nethegem-Centrum", "Stationsplein", 51.3217, 4.9388,
     {"groep jongeren (14-18 jaar) uit de buurt", "reizigers en handelaars aan het station", "stationsingang en fietsenstalling",
      "straathoekwerk en jeugdwerk", "stationspersoneel en wijkpolitie", "NMBS en de stad (preventiedienst)"},
     "Samen met de jongeren een andere plek zoeken, met aanwezigheid van straathoekwerk in de vroege avond en een "
     "aangepaste verlichting van de fietsenstalling.",
     "",
     {{"police", "Vrije doorgang aan de stationsingang tussen 17 en 20 uur."},
      {"streetwork", "Het vertrouwen van de groep houden en hun vraag naar een eigen plek hoorbaar maken."},
      {"prevention", "Minder meldingen van onveiligheidsgevoelens bij reizigers."}},
     {{"streetwork", "Twee avonden per week aanwezig aan het station en met de groep praten", "2026-06-15", true},
      {"youth", "Een voorstel voor een ontmoetingsplek in het jeugdhuis uitwerken", "2026-07-01", false},
      {"prevention", "Verlichting van de fietsenstalling laten aanpassen", "2026-07-15", false}},
     {{"We staan hier omdat er nergens anders plaats is waar we samen mogen zijn.", "2026-05-12"},
      {"Als het regent is dit de enige plek met een dak.", "2026-05-19"}},
     st::Stage::response, false},
    {"prevention", "coordinator", {"police", "streetwork"},
     "Overlast in het stadspark",
     "Meldingen van luide samenkomsten laat op de avond rond de speeltuin en het paviljoen, met achtergelaten afval "
     "en vernielde banken.",
     "voorjaar 2026", "Heidebos", "Stadspark, bij de speeltuin", 0, 0,
     {}, "", "", {}, {}, {}, st::Stage::scanning, false},
    {"police", "inspecteur.drugs", {"drugs", "streetwork", "ocmw"},
     "Drugsoverlast in de parkeergarage Oosterveld",
     "Op het onderste niveau van de parkeergarage wordt 's avonds gebruikt; bewoners vinden spuiten en voelen zich "
     "onveilig bij het parkeren.",
     "sinds de winter van 2025", "Oosterveld", "Parkeergarage Oosterveld", 0, 0,
     {"een kleine groep gebruikers, deels dakloos", "bewoners die er parkeren", "onderste niveau, slecht verlicht",
      "drugpunt en straathoekwerk", "", "de beheerder van de parkeergarage"},
     "", "",
     {{"drugs", "Gebruikers naar zorg en een veilige gebruiksruimte leiden."},
      {"police", "Geen gebruik meer in de parkeergarage."}},
     {}, {{"Hier stoort niemand ons, in het centrum word je weggejaagd.", "2026-04-03"}}, st::Stage::analysis, true},
    {"prevention", "coordinator", {"police", "youth"},
     "Fietsdiefstallen aan de sporthal Kapelhoek",
     "Op trainingsavonden verdwijnen fietsen aan de sporthal; de stalling ligt uit het zicht en is slecht verlicht.",
     "najaar 2025", "Kapelhoek", "Sporthal Kapelhoek", 0, 0,
     {"onbekende daders, vooral op trainingsavonden", "sporters en ouders", "fietsenstalling achter de sporthal",
      "", "de sportclubs (toezicht bij de ingang)", "de stad (sportdienst)"},
     "Stalling verplaatst naar de voorkant, extra verlichting, graveeractie op twee trainingsavonden.",
     "Na drie maanden nog één melding tegenover twaalf in de drie maanden ervoor; de sportclubs houden het toezicht aan.",
     {{"prevention", "Minder fietsdiefstal aan de sporthal."}, {"youth", "Jongeren blijven met de fiets naar de training komen."}},
     {{"prevention", "Fietsenstalling naar de voorkant van de sporthal verplaatsen", "2026-01-31", true},
      {"police", "Graveeractie op twee trainingsavonden", "2026-02-28", true}},
     {{"Nu staat mijn fiets waar iedereen hem ziet, dat voelt beter.", "2026-03-20"}}, st::Stage::assessment, false},
};

}  // namespace

Result<void> seed_demo_situations(Runtime& runtime, const std::map<std::string, std::int64_t>& orgs,
                                  const std::map<std::string, std::int64_t>& areas,
                                  const std::map<std::string, std::int64_t>& people, std::int64_t table) {
  auto& service = runtime.situations();
  for (const auto& seed : kSituations) {
    const Caller by{{people.at(seed.person), orgs.at(seed.owner), access::Role::member, true}, {"demo-seed", ""}};
    SituationDraft d;
    d.title = seed.title;
    d.behaviour = seed.behaviour;
    d.since = seed.since;
    d.area = areas.at(seed.area);
    d.address = seed.address;
    if (seed.latitude != 0) {
      d.latitude = seed.latitude;
      d.longitude = seed.longitude;
    }
    d.triangle = seed.triangle;
    d.action_plan = seed.action_plan;
    d.assessment = seed.assessment;
    for (const char* p : seed.participants) d.participants.push_back(orgs.at(p));
    if (seed.on_table) d.table = table;
    auto created = service.create(by, d, false);
    if (!created) return tl::unexpected(created.error());
    std::int64_t id = created->id;
    std::vector<st::Goal> goals;
    for (const auto& [org, text] : seed.goals) goals.push_back({orgs.at(org), text});
    if (!goals.empty()) {
      if (auto r = service.set_goals(by, id, goals, false); !r) return tl::unexpected(r.error());
    }
    for (const auto& [quote, date] : seed.voices) {
      if (auto r = service.add_voice(by, id, quote, date, false); !r) return tl::unexpected(r.error());
    }
    // Step through the stages as the partners would, adding the plan at "response".
    while (created->stage != seed.stage) {
      if (created->stage == st::Stage::response) {
        for (const auto& a : seed.actions) {
          auto added = service.add_action(by, id, {0, a.description, orgs.at(a.owner), 0, a.due}, false);
          if (!added) return tl::unexpected(added.error());
          if (a.done) {
            if (auto r = service.set_action_status(by, id, added->id, st::ActionStatus::done); !r) {
              return tl::unexpected(r.error());
            }
          }
        }
      }
      created = service.advance(by, id);
      if (!created) return tl::unexpected(created.error());
    }
    if (seed.stage == st::Stage::response) {
      for (const auto& a : seed.actions) {
        auto added = service.add_action(by, id, {0, a.description, orgs.at(a.owner), 0, a.due}, false);
        if (!added) return tl::unexpected(added.error());
        if (a.done) {
          if (auto r = service.set_action_status(by, id, added->id, st::ActionStatus::done); !r) {
            return tl::unexpected(r.error());
          }
        }
      }
    }
  }
  return {};
}

}  // namespace tafel::cli
