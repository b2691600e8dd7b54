#include "cli/demo_cases.h"

namespace tafel::cli {

namespace {

using access::Role;
namespace tb = tafel::tables;
namespace cc = tafel::cases;
namespace cs = tafel::consents;

constexpr sharing::Timestamp kDay = 86'400'000'000;

// This morning's meeting of the case table: everyone present acknowledged the secrecy
// text, and CAW told the care track something about Yannick (case `case_id`). Shared
// in the consultation, it is use_restricted: street work and the OCMW read it, and may
// not export or forward it. The meeting is closed; the contribution keeps its context.
// `people` are the chair first, then the other delegates.
Result<void> seed_case_meeting(Runtime& runtime, std::int64_t table_id, std::int64_t case_id,
                               const std::vector<access::Principal>& people) {
  const app::audit::Origin origin{"demo-seed", ""};
  auto& tables = runtime.tables();
  const app::tables::Caller chair{people.front(), origin};
  auto morning = tb::parse_local_time(tables.today() + "T09:00");
  if (!morning) return tl::unexpected(morning.error());
  auto meeting = tables.add_meeting(chair, table_id, *morning, 60, "Politiehuis Nethegem, zaal 2", "");
  if (!meeting) return tl::unexpected(meeting.error());
  const std::int64_t m = meeting->id;
  Result<void> ok = tables.open_meeting(chair, table_id, m);
  auto step = [&ok](const auto& r) {
    if (ok && !r) ok = tl::unexpected(r.error());
  };
  for (const auto& who : people) {
    step(tables.record_attendance(chair, table_id, m, who.user_id, who.organisation_id, tb::Presence::present));
    step(tables.acknowledge_secrecy({who, origin}, table_id, m));
  }
  if (!ok) return ok;
  const access::Principal& welfare = people.at(2);
  app::contributions::Draft draft;
  draft.case_id = case_id;
  draft.track = tafel::contributions::Track::care;
  draft.kind = tafel::contributions::Kind::fact;
  draft.purpose = sharing::Purpose::integrity;
  draft.parts = {{sharing::Category::social,
                  "Yannick slaapt sinds oktober af en toe bij een oudere vriend in de Stationsstraat; "
                  "zijn moeder weet dat niet."}};
  auto sent = runtime.contributions().add({welfare, origin}, draft, {});
  if (!sent) return tl::unexpected(sent.error());
  if (!sent->contribution) return fail("demo", "the demo's case contribution was not shared in the meeting");
  return tables.close_meeting(chair, table_id, m);
}

}  // namespace

Result<void> seed_demo_cases(Runtime& runtime, const std::map<std::string, std::int64_t>& orgs,
                             const std::map<std::string, access::UserId>& login_user) {
  const access::OrganisationId police = orgs.at("police"), ocmw = orgs.at("ocmw"), caw = orgs.at("caw"),
                               streetwork = orgs.at("streetwork");
  auto principal = [&](const char* email, access::OrganisationId org, Role role = Role::member) {
    return access::Principal{login_user.at(email), org, role, true};
  };
  const app::audit::Origin origin{"demo-seed", ""};
  const auto chair = principal("agent@politie.nethegem.example", police);
  const auto secretary = principal("secretariaat@ocmw.nethegem.example", ocmw);
  const auto welfare = principal("overleg@caw-denethe.example", caw);
  const auto street = principal("straat@straathoekwerk.nethegem.example", streetwork);

  // The table: individual cases under art. 458ter Sw., approved by the platform admin.
  app::tables::TableDraft d;
  d.name = "Casusoverleg jeugd Nethegem";
  d.kind = tb::TableKind::case_consultation;
  d.basis = tb::LegalBasis::law;
  d.basis_reference = "Art. 458ter Sw.; Wet van 30 juli 2018 (casusoverleg)";
  d.finality = {sharing::Purpose::integrity};
  d.finality_statement =
      "De fysieke en psychische integriteit van jongeren in een verontrustende situatie beschermen, "
      "wanneer geen van de partners dat alleen kan.";
  d.members = {police, ocmw, caw, streetwork};
  d.delegates = {{chair.user_id, police, tb::TableRole::chair},
                 {secretary.user_id, ocmw, tb::TableRole::secretary},
                 {welfare.user_id, caw, tb::TableRole::delegate},
                 {street.user_id, streetwork, tb::TableRole::delegate}};
  d.secrecy_text =
      "Wat aan deze tafel over een persoon gedeeld wordt, valt onder het beroepsgeheim van art. 458ter Sw. "
      "en dient enkel het doel van dit overleg.";
  auto& tables = runtime.tables();
  auto table = tables.create_table({chair, origin}, d);
  if (!table) return tl::unexpected(table.error());
  const auto admin = principal("platform@nethegem.example", orgs.at("prevention"), Role::platform_admin);
  if (auto r = tables.approve_basis({admin, origin}, table->id); !r) return tl::unexpected(r.error());

  // Two cases: the youth Yannick Vermeiren, and an older woman living alone.
  auto& cases = runtime.cases();
  app::cases::CaseDraft yannick;
  yannick.identity = {"Yannick Vermeiren", "2009-03-14", "Heidebaan 12, 2999 Nethegem", "09.03.14-123.84",
                      "Spijbelt sinds september, hangt 's avonds rond aan het park van de Heidebaan."};
  yannick.minor = true;
  yannick.tracks = {{caw, cc::Track::care}, {streetwork, cc::Track::care}, {ocmw, cc::Track::care}, {police, cc::Track::safety}};
  auto first = cases.open_case({chair, origin}, table->id, yannick);
  if (!first) return tl::unexpected(first.error());
  if (auto r = cases.record_informed({welfare, origin}, first->id, cc::Informed::yes); !r) {
    return tl::unexpected(r.error());
  }
  app::cases::CaseDraft marleen;
  marleen.identity = {"Marleen Goossens", "1951-11-02", "Kapelstraat 40 bus 3, 2999 Nethegem", "", ""};
  marleen.vulnerable = true;
  marleen.tracks = {{ocmw, cc::Track::care}, {police, cc::Track::safety}};
  auto second = cases.open_case({chair, origin}, table->id, marleen);
  if (!second) return tl::unexpected(second.error());
  if (auto r = cases.record_informed({chair, origin}, second->id, cc::Informed::no_investigation); !r) {
    return tl::unexpected(r.error());
  }

  // Consents in several states. Yannick (17) agreed himself, before a witness, that CAW
  // tells the police who he is, for his protection: "May I share this?" permits it.
  auto& consents = runtime.consents();
  const sharing::Timestamp now = consents.now();
  auto record = [&](const access::Principal& who, std::int64_t case_id, sharing::CategorySet categories,
                    sharing::PurposeSet purposes, sharing::Timestamp from,
                    sharing::Timestamp until) -> Result<cs::Consent> {
    app::consents::ConsentDraft cd;
    cd.case_id = case_id;
    cd.recipients = {cs::Recipient{cs::Recipient::Kind::organisation, police}};
    cd.categories = categories;
    cd.purposes = purposes;
    cd.valid_from = from;
    cd.valid_until = until;
    return consents.record({who, origin}, cd);
  };
  app::consents::Answer himself{cs::Giver::minor_self, 17, "Nathalie Lambert", "onthaalmedewerker CAW De Nethe"};
  auto given = record(welfare, first->id, {sharing::Category::identity, sharing::Category::social},
                      {sharing::Purpose::integrity, sharing::Purpose::care}, now, now + 365 * kDay);
  if (!given) return tl::unexpected(given.error());
  if (auto r = consents.give({welfare, origin}, given->id, himself); !r) return tl::unexpected(r.error());
  // Health information: asked, no answer yet.
  auto requested = record(welfare, first->id, {sharing::Category::health}, {sharing::Purpose::care}, now,
                          now + 180 * kDay);
  if (!requested) return tl::unexpected(requested.error());
  // Marleen refused that the OCMW tells the police about her debts; she had agreed to share
  // her address, then withdrew it.
  app::consents::Answer herself{cs::Giver::person, 0, "Marc Peeters", "teamleider OCMW Nethegem"};
  auto refused = record(secretary, second->id, {sharing::Category::social}, {sharing::Purpose::care}, now,
                        now + 365 * kDay);
  if (!refused) return tl::unexpected(refused.error());
  if (auto r = consents.refuse({secretary, origin}, refused->id, herself); !r) return tl::unexpected(r.error());
  auto withdrawn = record(secretary, second->id, {sharing::Category::identity}, {sharing::Purpose::care}, now,
                          now + 365 * kDay);
  if (!withdrawn) return tl::unexpected(withdrawn.error());
  if (auto r = consents.give({secretary, origin}, withdrawn->id, herself); !r) return tl::unexpected(r.error());
  if (auto r = consents.withdraw({secretary, origin}, withdrawn->id); !r) return tl::unexpected(r.error());
  // A consent that ends within ten days: the registry lists it first, and the OCMW's
  // secretary, who recorded it, finds a reminder among her notifications.
  auto ending = record(secretary, second->id, {sharing::Category::care}, {sharing::Purpose::care}, now,
                       now + 10 * kDay);
  if (!ending) return tl::unexpected(ending.error());
  if (auto r = consents.give({secretary, origin}, ending->id, herself); !r) return tl::unexpected(r.error());
  return seed_case_meeting(runtime, table->id, first->id, {chair, secretary, welfare, street});
}

}  // namespace tafel::cli
