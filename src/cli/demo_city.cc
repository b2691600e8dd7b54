#include "cli/demo_city.h"
#include "cli/demo_cases.h"
#include "cli/demo_situations.h"
#include "cli/demo_catalogue.h"

#include <map>

#include "core/access/base32.h"
#include "core/agreement/agreement.h"
#include "core/tables/local_time.h"
#include "storage/audit_crypto.h"

namespace tafel::cli {

namespace dir = tafel::directory;
using access::Role;
using sharing::Mission;
using sharing::Secrecy;
using sharing::Sector;

namespace {

constexpr const char* kDemoPassword = "demo-Nethegem-2026";

struct OrgSeed {
  const char* key;
  const char* name;
  Sector sector;
  Secrecy secrecy;
  bool reporting_duty;
  Mission mission;
  const char* finality;
  std::vector<std::string> languages;
  const char* address;
  const char* phone;
  const char* website;
};

const OrgSeed kOrganisations[] = {
    {"police", "Politiezone Nethe-Heide", Sector::police, Secrecy::none, true, Mission::safety,
     "Wij zorgen voor de veiligheid en leefbaarheid in Nethegem: we voorkomen en stellen misdrijven vast, treden op bij "
     "overlast en verwijzen door naar hulp waar dat beter werkt dan straffen.",
     {"nl", "fr", "en"}, "Stationsplein 1, 2999 Nethegem", "014 00 10 00", "https://politie.nethegem.example"},
    {"prosecution", "Parket Nethegem (afdeling jeugd en gezin)", Sector::prosecution, Secrecy::discretion, true,
     Mission::safety,
     "Wij vervolgen misdrijven en beschermen minderjarigen in gevaar. We nemen deel aan casusoverleg met een wettelijke "
     "basis en geven toelating waar de wet dat vraagt.",
     {"nl", "fr"}, "Gerechtsplein 3, 2999 Nethegem", "014 00 20 00", "https://parket.nethegem.example"},
    {"prevention", "Preventiedienst Stad Nethegem", Sector::municipality, Secrecy::discretion, true, Mission::both,
     "Wij brengen partners samen rond overlast, radicalisering en kwetsbare jongeren, coördineren het lokaal "
     "integraal veiligheidsbeleid en zitten de casusoverleggen voor.",
     {"nl", "fr", "en"}, "Markt 1, 2999 Nethegem", "014 00 30 00", "https://nethegem.example/preventie"},
    {"ocmw", "OCMW Nethegem", Sector::social_services, Secrecy::professional, false, Mission::care,
     "Wij waarborgen een menswaardig bestaan: leefloon, budgetbegeleiding, huisvesting en begeleiding naar werk, "
     "altijd vanuit de vraag van de persoon zelf.",
     {"nl", "fr"}, "Sint-Jansstraat 12, 2999 Nethegem", "014 00 40 00", "https://ocmw.nethegem.example"},
    {"caw", "CAW De Nethe", Sector::welfare, Secrecy::professional, false, Mission::care,
     "Wij helpen iedereen met vragen over welzijn: relaties, geweld in het gezin, dak- en thuisloosheid, geld en "
     "justitie. Gratis, vertrouwelijk en zonder wachtlijst voor crisis.",
     {"nl", "fr", "en"}, "Kapelstraat 5, 2999 Nethegem", "014 00 50 00", "https://caw-denethe.example"},
    {"streetwork", "Straathoekwerk Nethegem", Sector::street_work, Secrecy::professional, false, Mission::care,
     "Wij zoeken mensen op waar ze zijn, op straat en in de wijk, en bouwen vertrouwen op met wie de weg naar hulp "
     "niet vindt. We signaleren structurele problemen, nooit individuen.",
     {"nl", "fr", "en"}, "Brugstraat 8, 2999 Nethegem", "014 00 60 00", ""},
    {"youth", "Jeugdhuis De Ketel", Sector::youth_work, Secrecy::discretion, false, Mission::care,
     "Wij bieden jongeren van 12 tot 25 een plek om te zijn, te leren en mee te beslissen, met extra aandacht voor "
     "jongeren die elders uit de boot vallen.",
     {"nl"}, "Heidebaan 40, 2999 Nethegem", "014 00 70 00", "https://deketel.example"},
    {"drugs", "Drugpunt Nethegem", Sector::drug_care, Secrecy::professional, false, Mission::care,
     "Wij begeleiden mensen met vragen over alcohol, drugs en gokken, en hun omgeving: ambulant, anoniem als het "
     "moet, met schadebeperking waar stoppen (nog) niet lukt.",
     {"nl", "fr"}, "Kerkstraat 22, 2999 Nethegem", "014 00 80 00", "https://drugpunt.example"},
    {"mental", "CGG Nethe-Kempen", Sector::mental_health, Secrecy::professional, false, Mission::care,
     "Wij bieden gespecialiseerde geestelijke gezondheidszorg voor kinderen, jongeren en volwassenen, met een "
     "mobiel crisisteam voor acute situaties.",
     {"nl", "fr", "en"}, "Ziekenhuislaan 2, 2999 Nethegem", "014 00 90 00", "https://cgg-nethekempen.example"},
};

struct PersonSeed {
  const char* org;
  const char* key;
  const char* name;
  const char* phone;
};

const PersonSeed kPeople[] = {
    {"police", "inspecteur.jeugd", "Inspecteur Lotte Vermeulen", "014 00 10 21"},
    {"police", "inspecteur.wijk", "Hoofdinspecteur Karim El Amrani", "014 00 10 22"},
    {"police", "inspecteur.drugs", "Inspecteur Pieter Claes", "014 00 10 23"},
    {"prosecution", "magistraat.jeugd", "Substituut Anne Dubois", "014 00 20 21"},
    {"prosecution", "magistraat.gezin", "Substituut Jeroen Maes", "014 00 20 22"},
    {"prevention", "coordinator", "Sofie Janssens", "014 00 30 21"},
    {"prevention", "radicalisering", "Youssef Benali", "014 00 30 22"},
    {"ocmw", "maatschappelijk.werker", "Els Wouters", "014 00 40 21"},
    {"ocmw", "teamleider", "Marc Peeters", "014 00 40 22"},
    {"caw", "onthaal", "Nathalie Lambert", "014 00 50 21"},
    {"caw", "gezinsgeweld", "Bram De Smet", "014 00 50 22"},
    {"caw", "thuisloosheid", "Fatima Ouali", "014 00 50 23"},
    {"streetwork", "straathoekwerker", "Jonas Hermans", "014 00 60 21"},
    {"streetwork", "straathoekwerker2", "Amira Haddad", "014 00 60 22"},
    {"youth", "jeugdwerker", "Tom Van den Broeck", "014 00 70 21"},
    {"drugs", "begeleider", "Hanne Jacobs", "014 00 80 21"},
    {"drugs", "begeleider2", "Kevin Mertens", "014 00 80 22"},
    {"mental", "crisisteam", "Dr. Sarah Willems", "014 00 90 21"},
    {"mental", "psycholoog", "Lucas Dupont", "014 00 90 22"},
};

struct ContactSeed {
  const char* org;
  const char* topic;
  const char* area;  // "" for the whole town
  const char* primary;
  std::vector<const char*> deputies;
  const char* hours;
  const char* emergency;
  std::vector<std::string> languages;
};

const ContactSeed kContacts[] = {
    {"police", "youth", "", "inspecteur.jeugd", {"inspecteur.wijk"}, "ma-vr 8-18", "101", {"nl", "fr", "en"}},
    {"police", "drugs", "", "inspecteur.drugs", {"inspecteur.jeugd"}, "ma-vr 8-18", "101", {"nl", "fr"}},
    {"police", "nuisance", "Oosterveld", "inspecteur.wijk", {"inspecteur.drugs"}, "ma-za 8-20", "101", {"nl", "fr"}},
    {"prosecution", "family_violence", "", "magistraat.gezin", {"magistraat.jeugd"}, "ma-vr 9-17", "014 00 20 99",
     {"nl", "fr"}},
    {"prosecution", "youth", "", "magistraat.jeugd", {"magistraat.gezin"}, "ma-vr 9-17", "014 00 20 99", {"nl", "fr"}},
    {"prevention", "radicalisation", "", "radicalisering", {"coordinator"}, "ma-vr 9-17", "", {"nl", "fr", "en"}},
    {"prevention", "nuisance", "", "coordinator", {"radicalisering"}, "ma-vr 9-17", "", {"nl", "fr", "en"}},
    {"ocmw", "homelessness", "", "maatschappelijk.werker", {"teamleider"}, "ma-vr 9-12, do 13-19", "014 00 40 99",
     {"nl", "fr"}},
    {"caw", "family_violence", "", "gezinsgeweld", {"onthaal"}, "ma-vr 9-17", "1712", {"nl", "fr", "en"}},
    {"caw", "homelessness", "", "thuisloosheid", {"onthaal", "gezinsgeweld"}, "ma-vr 9-17", "014 00 50 99",
     {"nl", "fr", "en"}},
    {"caw", "youth", "Kapelhoek", "onthaal", {"thuisloosheid"}, "wo 13-17", "", {"nl", "en"}},
    {"streetwork", "youth", "Oosterveld", "straathoekwerker", {"straathoekwerker2"}, "di-za 14-22", "", {"nl", "fr", "en"}},
    {"streetwork", "drugs", "", "straathoekwerker", {"straathoekwerker2"}, "di-za 14-22", "", {"nl", "fr", "en"}},
    {"streetwork", "homelessness", "", "straathoekwerker", {"straathoekwerker2"}, "di-za 14-22", "", {"nl", "fr"}},
    {"streetwork", "radicalisation", "", "straathoekwerker", {}, "di-za 14-22", "", {"nl", "fr"}},  // white raven
    {"youth", "youth", "", "jeugdwerker", {}, "wo-za 14-22", "", {"nl"}},  // no deputy
    {"drugs", "drugs", "", "begeleider", {"begeleider2"}, "ma-vr 9-17", "014 00 80 99", {"nl", "fr"}},
    {"mental", "mental_health", "", "crisisteam", {"psycholoog"}, "24/7 (crisisteam)", "014 00 90 99",
     {"nl", "fr", "en"}},
};

struct LoginSeed {
  Role role;
  const char* org;
  const char* email;
  const char* name;
};

const LoginSeed kLogins[] = {
    {Role::platform_admin, "prevention", "platform@nethegem.example", "Griet Platformbeheer"},
    {Role::organisation_admin, "caw", "beheer@caw-denethe.example", "Wim Beheerder CAW"},
    {Role::organisation_admin, "police", "beheer@politie.nethegem.example", "Jan Beheerder Politie"},
    {Role::member, "police", "agent@politie.nethegem.example", "Inspecteur Demo Politie"},
    {Role::dpo, "ocmw", "dpo@ocmw.nethegem.example", "Ilse Privacy"},
    {Role::observer, "prevention", "waarnemer@nethegem.example", "Koen Waarnemer"},
    // Delegates at the consultation table "Overleg Oosterveld", with the police member.
    {Role::member, "ocmw", "secretariaat@ocmw.nethegem.example", "Sara Secretariaat OCMW"},
    {Role::member, "caw", "overleg@caw-denethe.example", "Tine Overleg CAW"},
    // Street work, with the police member, in the situations (demo_situations.cc).
    {Role::member, "streetwork", "straat@straathoekwerk.nethegem.example", "Jonas Straatwerk"},
};

std::string email_of(const PersonSeed& p) {
  std::string domain = std::string(p.org) + ".nethegem.example";
  return std::string(p.key) + "@" + domain;
}

// Collaboration agreements (core/agreement/agreement.h): one in force among the police, the
// prevention service and youth work, so the sharing matrix and "may I share this?"
// have something to decide on; and a draft between the police and the CAW that
// their organisation admins can sign.
Result<void> seed_demo_agreements(Runtime& runtime, std::map<std::string, dir::OrganisationId>& orgs,
                                  std::map<std::string, access::UserId>& users) {
  using sharing::Category;
  using sharing::Ground;
  using sharing::Purpose;
  auto id = [&](const char* key) { return std::to_string(orgs[key]); };
  auto rule = [](std::string name, std::vector<std::string> from, std::vector<std::string> to,
                 sharing::CategorySet categories, sharing::PurposeSet purposes,
                 sharing::Effect effect = sharing::Effect::permit) {
    agreement::RuleText r;
    r.id = std::move(name);
    r.effect = effect;
    r.from = std::move(from);
    r.to = std::move(to);
    r.categories = categories;
    r.purposes = purposes;
    if (effect == sharing::Effect::permit) r.grounds = {Ground::agreement};
    return r;
  };
  const sharing::Timestamp from = 1'767'225'600'000'000LL;    // 2026-01-01
  const sharing::Timestamp review = 1'798'761'600'000'000LL;  // 2027-01-01
  agreement::Document overlast;
  overlast.title = "Integrale aanpak overlast Nethegem";
  overlast.valid_from = from;
  overlast.review_date = review;
  overlast.parties = {
      {id("police"), "Overlast en criminaliteit in de wijken vroeg opmerken en samen met de partners aanpakken.",
       {"signaleert situaties"}, {"brengt nieuwe situaties binnen twee werkdagen aan"}},
      {id("prevention"), "Het lokaal integraal veiligheidsbeleid coördineren en de partners samenbrengen.",
       {"coördinator", "voorzitter van het overleg"}, {"houdt de actielijst bij", "koppelt terug naar alle partners"}},
      {id("youth"), "Jongeren een plek geven en hen helpen waar ze elders uit de boot vallen.",
       {"vertrouwenspersoon van jongeren"}, {"brengt het perspectief van de jongeren in"}}};
  overlast.rules = {
      rule("art-1", {id("police")}, {id("prevention")}, {Category::involvement, Category::identity, Category::social},
           {Purpose::public_order, Purpose::coordination}),
      rule("art-2", {id("prevention")}, {"sector:police"}, {Category::involvement, Category::identity},
           {Purpose::coordination}),
      rule("art-3", {id("prevention")}, {"sector:youth_work"}, {Category::aggregate, Category::involvement},
           {Purpose::coordination, Purpose::care}),
      rule("art-4", {"*"}, {"sector:police"}, {Category::health}, {Purpose::public_order, Purpose::coordination},
           sharing::Effect::forbid)};
  overlast.rules[0].obligations = {"inform_person"};
  overlast.retention = {{Category::identity, 365}, {Category::social, 180}};
  auto in_force = agreement::Agreement::create(overlast, users["prevention"], from, storage::audit_sha256);
  if (!in_force) return tl::unexpected(in_force.error());
  for (const char* party : {"police", "prevention", "youth"}) {
    auto signed_ = in_force->sign(id(party), users[party], in_force->latest().hash, from);
    if (!signed_) return tl::unexpected(signed_.error());
  }
  if (auto r = runtime.agreement_store().create(*in_force); !r) return tl::unexpected(r.error());

  agreement::Document shelter;
  shelter.title = "Doorverwijzing dak- en thuislozen";
  shelter.valid_from = from;
  shelter.review_date = review;
  shelter.parties = {
      {id("police"), "Mensen die op straat leven doorverwijzen naar hulp in plaats van hen alleen te verbaliseren.",
       {"doorverwijzer"}, {"meldt met toestemming van de persoon aan bij het CAW"}},
      {id("caw"), "Iedereen zonder thuis een dak en begeleiding bieden, vertrouwelijk en op eigen vraag.",
       {"onthaal"}, {"neemt binnen 24 uur contact op na een aanmelding"}}};
  shelter.rules = {rule("art-1", {id("police")}, {id("caw")}, {Category::involvement, Category::identity},
                        {Purpose::care}),
                   rule("art-2", {id("caw")}, {id("police")}, {Category::aggregate}, {Purpose::public_order})};
  auto draft = agreement::Agreement::create(shelter, users["caw"], from, storage::audit_sha256);
  if (!draft) return tl::unexpected(draft.error());
  if (auto r = runtime.agreement_store().create(*draft); !r) return tl::unexpected(r.error());
  return {};
}

// A monthly consultation table in Oosterveld (police, OCMW, CAW) with a meeting that
// was held, its decisions, an action and approved minutes, and the next meetings (the
// playground situation comes back on the first of them for follow-up).
// "Who else is involved?": street work and the drug service each signal the same
// young man, the drug service with a misspelt name, so both contact points have a
// possible match to confirm (street work's demo login sees it).
Result<void> seed_demo_index(Runtime& runtime, const std::map<std::string, dir::OrganisationId>& orgs,
                             const std::map<std::string, access::UserId>& login_user,
                             const std::map<std::string, access::UserId>& people) {
  struct Signal {
    const char* organisation;
    access::UserId user;
    app::index::IdentityInput identity;
  };
  const Signal signals[] = {
      {"streetwork", login_user.at("straat@straathoekwerk.nethegem.example"),
       {"", "Jean-Luc", "Vandenbossche", "2006-03-14", "Nethegem"}},
      {"drugs", people.at("begeleider"), {"", "Jean", "Vandenbosch", "2006-03-14", ""}},
  };
  for (const auto& s : signals) {
    const app::index::Caller caller{{s.user, orgs.at(s.organisation), Role::member, true}, {"demo-seed", ""}};
    auto points = runtime.reference_index().contact_points(caller);
    if (!points) return tl::unexpected(points.error());
    if (points->empty()) continue;
    app::index::SignalDraft d;
    d.contact_point = points->front().id;
    d.since = "2026-10-05";
    d.ground = app::index::GroundKind::statute;
    d.statute = "youth_care_decree";
    d.identity = s.identity;
    if (auto r = runtime.reference_index().register_signal(caller, d); !r) return tl::unexpected(r.error());
  }
  return {};
}

Result<void> seed_demo_table(Runtime& runtime, const std::map<std::string, dir::OrganisationId>& orgs,
                             const std::map<std::string, access::UserId>& login_user) {
  namespace tb = tafel::tables;
  auto& tables = runtime.tables();
  const access::OrganisationId police = orgs.at("police"), ocmw = orgs.at("ocmw"), caw = orgs.at("caw");
  auto caller = [](access::UserId user, access::OrganisationId org) {
    return app::tables::Caller{{user, org, Role::member, true}, {"demo-seed", ""}};
  };
  const auto chair = caller(login_user.at("agent@politie.nethegem.example"), police);
  const auto secretary = caller(login_user.at("secretariaat@ocmw.nethegem.example"), ocmw);
  const auto delegate = caller(login_user.at("overleg@caw-denethe.example"), caw);
  app::tables::TableDraft d;
  d.name = "Overleg Oosterveld";
  d.kind = tb::TableKind::thematic;
  d.basis = tb::LegalBasis::agreement;
  d.basis_reference = "Samenwerkingsakkoord wijkaanpak Oosterveld 2026";
  d.finality = {sharing::Purpose::public_order};
  d.finality_statement = "Samen overlast en kwetsbaarheid in Oosterveld aanpakken, elk vanuit de eigen opdracht.";
  d.members = {police, ocmw, caw};
  d.delegates = {{chair.principal.user_id, police, tb::TableRole::chair},
                 {secretary.principal.user_id, ocmw, tb::TableRole::secretary},
                 {delegate.principal.user_id, caw, tb::TableRole::delegate}};
  d.secrecy_text = "Wat hier over personen gezegd wordt, blijft aan tafel en dient enkel de wijkaanpak.";
  auto table = tables.create_table(chair, d);
  if (!table) return tl::unexpected(table.error());
  // A meeting held about a month ago, then monthly on the second Tuesday at 19:00.
  auto today = tb::parse_local_time(tables.today() + "T19:00");
  if (!today) return tl::unexpected(today.error());
  tb::LocalTime held = *today;
  held.month = today->month == 1 ? 12 : today->month - 1;
  held.year = today->month == 1 ? today->year - 1 : today->year;
  held.day = std::min(today->day, 28);
  auto past = tables.add_meeting(chair, table->id, held, 90, "Wijkhuis Oosterveld", "");
  if (!past) return tl::unexpected(past.error());
  tb::Series series;
  series.rule = "FREQ=MONTHLY;BYDAY=2TU";
  series.start = *today;
  series.venue = "Wijkhuis Oosterveld";
  if (auto s = tables.add_series(chair, table->id, series); !s) return tl::unexpected(s.error());
  const std::int64_t t = table->id, m = past->id;
  tb::AgendaItem info;
  info.kind = tb::ItemKind::information;
  info.title = "Cijfers overlast Oosterveld, afgelopen kwartaal";
  tb::AgendaItem situation;
  situation.kind = tb::ItemKind::situation;
  situation.title = "Samenscholing aan het speelplein Heidebaan";
  situation.time_box_minutes = 30;
  Result<void> ok = tables.open_meeting(chair, t, m);
  auto step = [&ok](const auto& r) {
    if (ok && !r) ok = tl::unexpected(r.error());
  };
  step(tables.add_agenda_item(chair, t, m, info));
  auto playground = tables.add_agenda_item(chair, t, m, situation);
  step(playground);
  for (const auto& who : {chair, secretary, delegate}) {
    step(tables.record_attendance(chair, t, m, who.principal.user_id, who.principal.organisation_id,
                                  tb::Presence::present));
    step(tables.acknowledge_secrecy(who, t, m));
  }
  const std::int64_t playground_id = playground ? playground->id : 0;
  step(tables.add_decision(chair, t, m, playground_id,
                           "Straathoekwerk en CAW plannen een gezamenlijke ronde aan het speelplein."));
  // Decided, and to be followed up: closing brings it back on the next meeting's agenda.
  step(tables.mark_carry_over(chair, t, m, playground_id, true));
  tb::ActionItem action;
  action.description = "Verlichting aan het speelplein aankaarten bij de stad";
  action.owner_organisation = police;
  action.owner_user = chair.principal.user_id;
  action.due = tables.today();
  step(tables.add_action(chair, t, m, action));
  step(tables.close_meeting(chair, t, m));
  step(tables.draft_minutes(secretary, t, m,
                            "## Overlast\n\nDe cijfers dalen licht. **Besluit:** gezamenlijke ronde aan het speelplein.\n"));
  for (const auto& who : {chair, secretary, delegate}) step(tables.approve_minutes(who, t, m));
  // Feedback to the police about the playground, drafted and not yet sent for consent.
  app::tables::FeedbackDraft feedback;
  feedback.recipient = police;
  feedback.item_ids = {playground_id};
  feedback.text = "De tafel vraagt extra toezicht aan het speelplein Heidebaan op vrijdagavond.";
  feedback.categories.add(sharing::Category::aggregate);
  feedback.purpose = sharing::Purpose::coordination;
  step(tables.draft_feedback(chair, t, m, std::move(feedback)));
  return ok;
}

}  // namespace

Result<std::vector<DemoLogin>> seed_demo_city(Runtime& runtime, app::accounts::Crypto& crypto) {
  app::accounts::AccountService& accounts = runtime.accounts();
  app::directory::DirectoryStore& directory_store = runtime.directory_store();
  app::directory::DirectoryService& directory = runtime.directory();
  auto existing = directory_store.list_organisations();
  if (!existing) return tl::unexpected(existing.error());
  if (!existing->empty()) return fail("not_empty", "the database already holds organisations; use an empty database");

  // The directory's use cases need a principal: the seed acts as a platform admin.
  access::Principal root{0, 0, Role::platform_admin, true};

  std::map<std::string, dir::AreaId> areas;
  auto town = directory.create_area(root, {0, dir::AreaKind::municipality, "Nethegem", std::nullopt});
  if (!town) return tl::unexpected(town.error());
  areas[""] = *town;
  for (const char* district : {"Nethegem-Centrum", "Oosterveld", "Kapelhoek", "Heidebos"}) {
    auto id = directory.create_area(root, {0, dir::AreaKind::district, district, *town});
    if (!id) return tl::unexpected(id.error());
    areas[district] = *id;
  }
  auto neighbour = directory.create_area(root, {0, dir::AreaKind::municipality, "Heide-op-Nethe", std::nullopt});
  if (!neighbour) return tl::unexpected(neighbour.error());

  std::map<std::string, dir::OrganisationId> orgs;
  for (const auto& s : kOrganisations) {
    dir::Organisation o;
    o.name = s.name;
    o.sector = s.sector;
    o.secrecy = s.secrecy;
    o.reporting_duty = s.reporting_duty;
    o.mission = s.mission;
    o.finality = s.finality;
    o.languages = s.languages;
    o.areas = {*town};
    if (std::string(s.key) == "police" || std::string(s.key) == "mental") o.areas.push_back(*neighbour);
    o.address = s.address;
    o.phone = s.phone;
    o.website = s.website;
    auto id = directory.create_organisation(root, o);
    if (!id) return tl::unexpected(id.error());
    orgs[s.key] = *id;
  }

  std::map<std::string, access::UserId> people;
  for (const auto& p : kPeople) {
    access::User u;
    u.organisation_id = orgs[p.org];
    u.email = email_of(p);
    u.display_name = p.name;
    u.phone = p.phone;
    u.role = Role::member;
    // Contact persons are directory entries in the demo; their random password is
    // never printed, so nobody logs in as them.
    auto password = crypto.random_bytes(24);
    auto id = accounts.provision_user(u, access::base32_encode(password), {});
    if (!id) return tl::unexpected(id.error());
    people[p.key] = *id;
  }

  auto topics = directory.topics(root);
  if (!topics) return tl::unexpected(topics.error());
  std::map<std::string, dir::TopicId> topic_ids;
  for (const auto& t : *topics) topic_ids[t.key] = t.id;

  for (const auto& c : kContacts) {
    dir::ContactPoint cp;
    cp.organisation_id = orgs[c.org];
    cp.topic_id = topic_ids[c.topic];
    cp.area_id = areas[c.area];
    cp.primary = people[c.primary];
    for (const char* d : c.deputies) cp.deputies.push_back(people[d]);
    cp.office_hours = c.hours;
    cp.emergency_line = c.emergency;
    cp.languages = c.languages;
    auto id = directory.save_contact_point(root, cp);
    if (!id) return tl::unexpected(id.error());
  }

  std::vector<DemoLogin> logins;
  std::map<std::string, access::UserId> first_user;  // per organisation key: for the demo audit entries
  std::map<std::string, access::UserId> login_user;  // per e-mail address: the demo table's delegates
  for (const auto& l : kLogins) {
    access::User u;
    u.organisation_id = orgs[l.org];
    u.email = l.email;
    u.display_name = l.name;
    u.role = l.role;
    std::vector<std::uint8_t> secret;
    if (access::sees_personal_data(l.role)) secret = crypto.random_bytes(20);
    auto id = accounts.provision_user(u, kDemoPassword, secret);
    if (!id) return tl::unexpected(id.error());
    first_user.try_emplace(l.org, *id);
    login_user[l.email] = *id;
    std::string org_name;
    for (const auto& s : kOrganisations) {
      if (std::string(s.key) == l.org) org_name = s.name;
    }
    logins.push_back({std::string(access::name_of(l.role)), org_name, l.email, kDemoPassword,
                      secret.empty() ? std::string() : access::base32_encode(secret)});
  }
  // Audit trail: accesses to the (fictitious) person p-1001 by three partners, so
  // that the DPO's access report (/audit/person/p-1001) has something to show.
  const struct {
    const char* org;
    core::audit::Action action;
    const char* ground;
    const char* rule;
  } kDemoAccesses[] = {{"police", core::audit::Action::sharing_decision, "case_consultation", "art-4.2"},
                       {"police", core::audit::Action::view, "case_consultation", "art-4.2"},
                       {"ocmw", core::audit::Action::view, "consent", "art-3.1"},
                       {"caw", core::audit::Action::sharing_decision, "shared_secrecy", "art-5.1"}};
  for (const auto& a : kDemoAccesses) {
    core::audit::Entry e;
    e.actor = std::to_string(first_user[a.org]);
    e.organisation = std::to_string(orgs[a.org]);
    e.action = a.action;
    e.object_type = "person";
    e.object_id = "p-1001";
    e.ground = a.ground;
    e.rule = a.rule;
    if (auto seq = runtime.audit_trail().record(e, {"demo-seed", ""}); !seq) return tl::unexpected(seq.error());
  }
  if (auto r = seed_demo_agreements(runtime, orgs, first_user); !r) return tl::unexpected(r.error());
  if (auto r = seed_demo_table(runtime, orgs, login_user); !r) return tl::unexpected(r.error());
  const app::tables::Caller chair{{login_user.at("agent@politie.nethegem.example"), orgs.at("police"), Role::member, true},
                                  {"demo-seed", ""}};
  auto demo_tables = runtime.tables().my_tables(chair);
  if (!demo_tables) return tl::unexpected(demo_tables.error());
  std::int64_t table = demo_tables->tables.empty() ? 0 : demo_tables->tables.front().id;
  if (auto r = seed_demo_situations(runtime, orgs, areas, people, table); !r) return tl::unexpected(r.error());
  if (auto r = seed_demo_cases(runtime, orgs, login_user); !r) return tl::unexpected(r.error());
  if (auto r = seed_demo_index(runtime, orgs, login_user, people); !r) return tl::unexpected(r.error());
  if (auto r = seed_demo_catalogue(runtime, orgs); !r) return tl::unexpected(r.error());
  return logins;
}

}  // namespace tafel::cli
