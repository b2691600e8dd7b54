// `tafel bench search`: the search lookup people wait for (issue 14, point 5), timed on
// a city's ten years of work. Generates a corpus shaped like the demo city scaled up
// (minutes, decisions, actions, situations in Dutch and French, about 60/40, at ~3,000
// tables of ~1,000 organisations; contact points as names, Language none), writes it
// through the real index (storage::SqlSearchIndex::put, in bulk transactions), then
// times queries of mixed shapes one by one through app::search::find_in_every_language,
// the lookup SearchService does before rights, with the limit the service asks for a
// page of 50 (150). Deterministic: the corpus and the queries come from fixed seeds.
//
// SQLite: a fresh file in a temporary directory. PostgreSQL (--postgresql URL): also a
// fresh database on that server, dropped afterwards. See docs/performance.md.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "app/search/find_in_every_language.h"
#include "cli/bench_command.h"
#include "cli/scratch_database.h"
#include "cli/command.h"
#include "core/search/query.h"
#include "storage/database.h"
#include "storage/search/sql_search_index.h"
#include "text/snowball_analyzer.h"

namespace tafel::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;
using app::search::Kind;
using app::search::SearchDocument;
using app::search::SearchFilter;

struct BenchSearchOptions {
  std::string postgresql;  // server URL; empty: SQLite only
  bool json = false;
  long documents = 100'000;
  int queries = 1'000;
  bool keep = false;  // keep the scratch databases, to look at the plans
};

constexpr long long kStartUs = 1'451'606'400LL * 1'000'000LL;  // 2016-01-01T00:00:00Z
constexpr long long kYearUs = 31'557'600LL * 1'000'000LL;
constexpr long long kTenYearsUs = 10 * kYearUs;

// ---------------------------------------------------------------------------------
// Vocabulary. Lists are ordered from common to rare: Rng::skewed() picks early
// entries far more often, so common words are common and the tail is rare.

struct Place {
  const char* name;  // "het station" / "la gare"
  const char* at;    // "aan het station" / "à la gare"
};

struct Tongue {
  std::vector<const char*> groups, behaviours, topics, partners, verbs, weekdays, months, headings, table_words;
  std::vector<Place> places;
  std::vector<const char*> situation_titles, situation_lines, decision_lines, action_lines, minutes_lines;
  const char* present;  // "Aanwezig" / "Présents"
  const char* decided;  // "Besluit" / "Décision"
};

const Tongue kDutch{
    {"jongeren", "een groep jongeren", "minderjarigen", "dealers", "daklozen", "gebruikers", "buurtbewoners", "gezinnen",
     "ouders", "een éénoudergezin", "studenten", "reizigers", "handelaars", "senioren", "nieuwkomers", "scholieren"},
    {"veroorzaken overlast", "verzamelen 's avonds", "dealen drugs", "maken lawaai", "laten afval achter",
     "vernielen banken", "voelen zich onveilig", "slapen buiten", "zoeken beschutting", "rijden te snel",
     "spuiten graffiti", "vallen voorbijgangers lastig"},
    {"overlast", "schuldhulp", "huisvesting", "budgetbegeleiding", "leefloon", "geweld in het gezin",
     "intrafamiliaal geweld", "dak- en thuisloosheid", "drugsoverlast", "schooluitval", "eenzaamheid", "radicalisering",
     "jeugdcriminaliteit", "kinderarmoede", "psychische kwetsbaarheid", "verslaving", "huurachterstand",
     "uithuiszetting", "femicide", "loverboys", "gokverslaving", "sluikstorten"},
    {"het CAW", "het OCMW", "de politie", "straathoekwerk", "het jeugdwerk", "de preventiedienst", "het drugpunt",
     "het CGG", "de school", "de huisvestingsmaatschappij", "het parket", "Kind en Gezin", "de wijkagent",
     "het Huis van het Kind", "de sociale dienst"},
    {"bespreekt", "volgt op", "neemt contact op met", "plant een overleg met", "informeert", "bezoekt", "belt"},
    {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"},
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
     "december"},
    {"Overlast", "Opvolging situaties", "Rondvraag", "Cijfers", "Jongeren", "Huisvesting", "Schuldhulp",
     "Varia", "Veiligheid", "Nieuwe meldingen"},
    {"Overleg", "Wijkoverleg", "Casusoverleg", "Veiligheidsoverleg", "Jeugdoverleg", "Netwerk"},
    {{"het station", "aan het station"}, {"het stationsplein", "op het stationsplein"}, {"het plein", "op het plein"},
     {"de speeltuin", "aan de speeltuin"}, {"het stadspark", "in het stadspark"},
     {"de parkeergarage", "in de parkeergarage"}, {"de sporthal", "aan de sporthal"},
     {"de bibliotheek", "aan de bibliotheek"}, {"de markt", "op de markt"},
     {"het winkelcentrum", "in het winkelcentrum"}, {"de tramhalte", "aan de tramhalte"},
     {"de school", "aan de schoolpoort"}, {"het jeugdhuis", "aan het jeugdhuis"}, {"de kerk", "aan de kerk"},
     {"het wijkhuis", "aan het wijkhuis"}, {"de fietsenstalling", "in de fietsenstalling"},
     {"de nachtwinkel", "aan de nachtwinkel"}, {"het kanaal", "langs het kanaal"}},
    {"{Group} {at}", "Overlast {at} in {area}", "{Topic} in {area}", "Samenscholing {at}", "Melding: {topic} bij {group}"},
    {"{Group} {behaviour} {at} in {area}.", "Sinds {month} zijn er meldingen over {topic} bij {group}.",
     "{Partner} en {partner} volgen de situatie op.", "Bewoners van de {street} klagen over lawaai en afval.",
     "Er is nood aan {topic} en aan een aanbod voor {group}.", "De wijkagent ziet vooral op {weekday}avond {group} {at}.",
     "{Partner} vraagt om {topic} te bespreken met {partner}."},
    {"De tafel beslist dat {partner} {topic} opneemt met {group} uit {area}.",
     "Besluit: {partner} organiseert een gezamenlijke ronde {at}.",
     "Het overleg vraagt extra toezicht {at} op {weekday}avond.",
     "De partners spreken af {topic} samen op te volgen; {partner} coördineert.",
     "Het overleg verwijst {group} met vragen over {topic} door naar {partner}."},
    {"{Partner} {verb} {partner} over {topic}.", "Verlichting {at} aankaarten bij de stad.",
     "Contact opnemen met {person} ({organisation}) over {topic}.", "Een gezamenlijke ronde {at} plannen.",
     "Cijfers over {topic} in {area} bezorgen voor het volgende overleg."},
    {"{Group} {behaviour} {at}; {partner} bevestigt het beeld.", "De cijfers over {topic} in {area} dalen licht.",
     "{Partner} brengt een nieuwe melding over {topic} binnen.", "Er is een wachtlijst voor {topic} bij {partner}.",
     "{Person} ({organisation}) licht de aanpak {at} toe.", "Vragen over {topic} worden doorverwezen naar {partner}.",
     "De actie {at} van {month} wordt geëvalueerd."},
    "Aanwezig",
    "Besluit",
};

const Tongue kFrench{
    {"des jeunes", "un groupe de jeunes", "des mineurs", "des dealers", "des sans-abri", "des usagers", "des riverains",
     "des familles", "des parents", "une famille monoparentale", "des étudiants", "des voyageurs", "des commerçants",
     "des personnes âgées", "des primo-arrivants", "des élèves"},
    {"causent des nuisances", "se rassemblent le soir", "dealent de la drogue", "font du bruit", "laissent des déchets",
     "dégradent les bancs", "se sentent en insécurité", "dorment dehors", "cherchent un abri", "roulent trop vite",
     "font des tags", "importunent les passants"},
    {"nuisances", "logement", "médiation de dettes", "violence intrafamiliale", "sans-abrisme", "revenu d'intégration",
     "aide à la jeunesse", "décrochage scolaire", "isolement", "radicalisation", "délinquance juvénile",
     "pauvreté infantile", "santé mentale", "assuétudes", "arriérés de loyer", "expulsion", "féminicide",
     "hébergement d'urgence", "dépôts clandestins"},
    {"le CPAS", "la police", "le travail de rue", "l'AMO", "le service de prévention", "le relais social",
     "la maison de jeunes", "le SAJ", "l'école", "la société de logement", "le parquet", "l'ONE", "l'agent de quartier",
     "le planning familial", "le service social"},
    {"discute avec", "assure le suivi avec", "contacte", "planifie une réunion avec", "informe", "rencontre", "appelle"},
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
    {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
     "décembre"},
    {"Nuisances", "Suivi des situations", "Divers", "Chiffres", "Jeunesse", "Logement", "Dettes", "Sécurité",
     "Nouveaux signalements"},
    {"Concertation", "Réunion de quartier", "Concertation de cas", "Conseil de sécurité", "Plateforme jeunesse",
     "Réseau"},
    {{"la gare", "à la gare"}, {"la place de la gare", "sur la place de la gare"}, {"la place", "sur la place"},
     {"l'aire de jeux", "à l'aire de jeux"}, {"le parc communal", "au parc communal"},
     {"le parking souterrain", "dans le parking souterrain"}, {"le hall omnisports", "au hall omnisports"},
     {"la bibliothèque", "à la bibliothèque"}, {"le marché", "au marché"},
     {"le centre commercial", "au centre commercial"}, {"l'arrêt de tram", "à l'arrêt de tram"},
     {"l'école", "devant l'école"}, {"la maison de jeunes", "à la maison de jeunes"}, {"l'église", "près de l'église"},
     {"la maison de quartier", "à la maison de quartier"}, {"le parking vélos", "au parking vélos"},
     {"le night shop", "au night shop"}, {"le canal", "le long du canal"}},
    {"{Group} {at}", "Nuisances {at} à {area}", "{Topic} à {area}", "Rassemblements {at}",
     "Signalement : {topic} chez {group}"},
    {"{Group} {behaviour} {at} à {area}.", "Depuis {month}, des signalements de {topic} concernent {group}.",
     "{Partner} et {partner} suivent la situation.", "Les habitants de la {street} se plaignent du bruit et des déchets.",
     "Il faut une offre de {topic} pour {group}.", "L'agent de quartier voit surtout le {weekday} soir {group} {at}.",
     "{Partner} demande de discuter de {topic} avec {partner}."},
    {"La concertation décide que {partner} prend en charge {topic} avec {group} de {area}.",
     "Décision : {partner} organise une tournée commune {at}.",
     "La réunion demande une surveillance renforcée {at} le {weekday} soir.",
     "Les partenaires conviennent de suivre ensemble {topic} ; {partner} coordonne.",
     "La concertation oriente {group} ayant des questions de {topic} vers {partner}."},
    {"{Partner} {verb} {partner} au sujet de {topic}.", "Signaler l'éclairage {at} à la commune.",
     "Prendre contact avec {person} ({organisation}) au sujet de {topic}.", "Planifier une tournée commune {at}.",
     "Fournir les chiffres de {topic} à {area} pour la prochaine réunion."},
    {"{Group} {behaviour} {at} ; {partner} confirme.", "Les chiffres de {topic} à {area} baissent légèrement.",
     "{Partner} apporte un nouveau signalement de {topic}.", "Il y a une liste d'attente pour {topic} chez {partner}.",
     "{Person} ({organisation}) présente l'approche {at}.", "Les questions de {topic} sont renvoyées vers {partner}.",
     "L'action {at} de {month} est évaluée."},
    "Présents",
    "Décision",
};

// Names (Language none, or inside texts): places, streets, people, organisation types.
const std::vector<const char*> kDutchTowns{
    "Antwerpen", "Gent", "Brugge", "Leuven", "Mechelen", "Aalst", "Kortrijk", "Hasselt", "Sint-Niklaas", "Genk",
    "Oostende", "Roeselare", "Turnhout", "Dendermonde", "Beringen", "Vilvoorde", "Lokeren", "Geel", "Herentals",
    "Lier", "Mol", "Tienen", "Diest", "Ieper", "Waregem", "Ninove", "Geraardsbergen", "Oudenaarde", "Ronse", "Menen",
    "Izegem", "Tielt", "Torhout", "Poperinge", "Knokke-Heist", "Blankenberge", "Halle", "Zaventem", "Asse", "Lommel",
    "Maasmechelen", "Bilzen", "Tongeren", "Sint-Truiden", "Maaseik", "Zele", "Wetteren", "Eeklo", "Boom", "Hoogstraten",
    "Sint-Pieters-Leeuw", "Nethegem", "Heist-op-den-Berg", "Beveren", "Temse", "Hamme", "Zottegem", "Brasschaat"};
const std::vector<const char*> kFrenchTowns{
    "Liège", "Charleroi", "Namur", "Mons", "Bruxelles", "Schaerbeek", "Anderlecht", "Molenbeek-Saint-Jean", "Ixelles",
    "Tournai", "Verviers", "Seraing", "La Louvière", "Mouscron", "Braine-l'Alleud", "Saint-Gilles", "Forest", "Uccle",
    "Etterbeek", "Herstal", "Châtelet", "Nivelles", "Wavre", "Ottignies-Louvain-la-Neuve", "Arlon", "Bastogne",
    "Marche-en-Famenne", "Dinant", "Huy", "Spa", "Malmedy", "Eupen", "Ath", "Soignies", "Binche", "Waterloo",
    "Gembloux", "Péruwelz", "Fléron", "Chênée", "Jodoigne", "Frameries", "Quaregnon", "Saint-Josse-ten-Noode",
    "Fontaine-l'Évêque", "Andenne", "Ciney", "Visé", "Écaussinnes"};
const std::vector<const char*> kDutchAreas{"Centrum", "Oosterveld", "Heidebos", "Kapelhoek", "Stationswijk", "Nieuwdorp",
                                           "Westkaai", "Molenwijk", "Zuidpark", "Rabot", "Sluizeken", "Kiel", "Linkeroever"};
const std::vector<const char*> kFrenchAreas{"Centre", "Outremeuse", "Sainte-Walburge", "Marcinelle", "Cureghem",
                                            "Matongé", "Droixhe", "Jemappes", "Bomel", "Saint-Léonard", "Les Marolles",
                                            "Gilly", "Jupille"};
const std::vector<const char*> kStreetsNl{"Stationsstraat", "Kerkstraat", "Molenstraat", "Dorpsstraat", "Kapelstraat",
                                          "Brugstraat", "Heidebaan", "Sint-Jansstraat", "Nieuwstraat", "Schoolstraat",
                                          "Lindenlaan", "Vaartkaai"};
const std::vector<const char*> kStreetsFr{"rue de la Station", "rue de l'Église", "rue du Moulin", "rue Haute",
                                          "rue Saint-Léonard", "chaussée de Liège", "avenue des Tilleuls",
                                          "rue de la Régence", "quai de l'Ourthe", "rue des Écoles"};
const std::vector<const char*> kFirstNames{
    "Lotte", "Karim", "Pieter", "Anne", "Jeroen", "Sofie", "Youssef", "Els", "Marc", "Nathalie", "Bram", "Fatima", "Jonas",
    "Amira", "Tom", "Hanne", "Kevin", "Sarah", "Lucas", "Griet", "Wim", "Ilse", "Koen", "Éléonore", "Hélène", "François",
    "Zoë", "Anaïs", "Jérôme", "Noémie", "Inès", "Maël", "Céline", "Frédéric", "Gaëlle", "Ömer", "Joëlle", "Mehdi",
    "Aïcha", "Stéphane", "Benoît", "Géraldine", "Loïc", "Ingrid", "Dirk", "Katrien", "Wouter", "Liesbeth", "Thibault",
    "Mathilde", "Rachid", "Samira", "Ayşe", "Piotr", "Agnieszka", "Ruben", "Emma", "Louis", "Olivia", "Noah"};
const std::vector<const char*> kSurnames{
    "Vermeulen", "El Amrani", "Claes", "Dubois", "Maes", "Janssens", "Benali", "Wouters", "Peeters", "Lambert",
    "De Smet", "Ouali", "Hermans", "Haddad", "Van den Broeck", "Jacobs", "Mertens", "Willems", "Dupont", "Goossens",
    "Martin", "Simon", "Laurent", "Leclercq", "Lejeune", "Renard", "Mathieu", "Wéry", "Gérard", "Delvaux", "Lefèvre",
    "Yılmaz", "Nowak", "Kowalski", "Öztürk", "Çelik", "Desmedt", "Van Damme", "De Backer", "Vandenberghe", "Michiels",
    "Verstraete", "D'Hondt", "Van Acker", "Declercq", "Hendrickx", "Coppens", "Lemaire", "Dumont", "Collignon",
    "Fontaine", "Bertrand", "Noël", "Herman", "Piron", "Thiry", "Godefroid", "Bastin", "Bodart", "Kabongo", "Mukendi",
    "Diallo", "Bah", "Aydın", "Demir", "Boukhari", "Ziani", "Moreau", "Rousseau", "Gillet", "Hubert", "Léonard",
    "Vanderlinden", "Verhaegen", "Baert", "Cools", "Smets", "Van Hove", "Lenaerts", "Geerts", "Pauwels", "Segers",
    "Stevens", "Aerts", "Vos", "Bogaert", "Vervoort", "De Clercq", "Martens", "Thys", "Dewulf", "Verbruggen"};
const std::vector<const char*> kOrgTypesNl{"CAW", "OCMW", "Politiezone", "Preventiedienst", "Straathoekwerk", "Jeugdhuis",
                                           "Drugpunt", "CGG", "Huis van het Kind", "Wijkgezondheidscentrum",
                                           "Sociaal Huis", "JAC", "Vluchthuis", "Kind en Gezin"};
const std::vector<const char*> kOrgTypesFr{"CPAS", "Zone de police", "Service de prévention", "Travail de rue",
                                           "Maison de jeunes", "AMO", "Relais social", "Planning familial",
                                           "Maison médicale", "SAJ", "Abri de nuit", "Centre de santé mentale",
                                           "Éénoudergezin asbl", "Maison d'accueil"};

// ---------------------------------------------------------------------------------

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : rng_(seed) {}
  std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  long long between(long long lo, long long hi) { return std::uniform_int_distribution<long long>(lo, hi - 1)(rng_); }
  // An index in [0, n), the first ones far more often (about 1/(i+1), Zipf-like).
  std::size_t skewed(std::size_t n) {
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return std::min(n - 1, static_cast<std::size_t>(std::pow(static_cast<double>(n + 1), u)) - 1);
  }
  template <typename T>
  const T& common(const std::vector<T>& v) { return v[skewed(v.size())]; }
  template <typename T>
  const T& any(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  std::mt19937_64 rng_;
};

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

struct Organisation {
  std::string name;
  bool french = false;
  std::string town;
};

struct TableInfo {
  std::string name;
  std::int64_t organisation = 0;  // 1-based organisation id
  bool french = false;
  std::string area, town;
};

// The corpus: organisations, tables and, on demand, the documents, all from a seed.
class Corpus {
 public:
  explicit Corpus(long documents) {
    organisations_.resize(static_cast<std::size_t>(std::clamp(documents / 100, 10L, 1'000L)));
    for (auto& o : organisations_) {
      o.french = rng_.chance(0.4);
      o.town = o.french ? rng_.any(kFrenchTowns) : rng_.any(kDutchTowns);
      o.name = std::string(o.french ? rng_.common(kOrgTypesFr) : rng_.common(kOrgTypesNl)) + " " + o.town;
    }
    tables_.resize(static_cast<std::size_t>(std::clamp(documents / 33, 10L, 3'000L)));
    for (auto& t : tables_) {
      t.organisation = static_cast<std::int64_t>(rng_.below(organisations_.size())) + 1;
      const auto& o = organisations_[static_cast<std::size_t>(t.organisation - 1)];
      t.french = o.french;
      t.town = o.town;
      t.area = t.french ? rng_.any(kFrenchAreas) : rng_.any(kDutchAreas);
      t.name = std::string(rng_.common(t.french ? kFrench.table_words : kDutch.table_words)) + " " + t.area + " " + t.town;
    }
  }

  std::size_t tables() const { return tables_.size(); }
  std::size_t organisations() const { return organisations_.size(); }

  // Document `i` of documents(): kinds in the proportions of a city's records (10 %
  // contact points, 15 % situations, 15 % minutes, 30 % decisions, 30 % actions).
  SearchDocument next(long i) {
    SearchDocument d;
    const long slot = i % 20;
    d.record_id = i + 1;
    d.at_us = kStartUs + rng_.between(0, kTenYearsUs);
    if (slot < 2) return contact_point(std::move(d));
    const TableInfo& t = tables_[rng_.below(tables_.size())];
    // A Brussels table writes now and then in the other language.
    const bool french = rng_.chance(0.1) ? !t.french : t.french;
    const Tongue& tongue = french ? kFrench : kDutch;
    d.language = french ? "fr" : "nl";
    d.table_id = static_cast<std::int64_t>(&t - tables_.data()) + 1;
    d.organisation_id = t.organisation;
    if (slot < 5) {
      d.kind = Kind::situation;
      d.table_id = rng_.chance(0.3) ? d.table_id : 0;  // most situations are not on a table
      d.title = fill(rng_.any(tongue.situation_titles), tongue, t, french);
      for (std::size_t n = 2 + rng_.below(4); n > 0; --n) d.body += fill(rng_.any(tongue.situation_lines), tongue, t, french) + " ";
    } else if (slot < 8) {
      d.kind = Kind::minutes;
      d.title = t.name + " " + date(d.at_us);
      for (int section = 0; section < 3; ++section) {
        d.body += "## " + std::string(rng_.common(tongue.headings)) + "\n\n";
        for (std::size_t n = 2 + rng_.below(4); n > 0; --n) d.body += fill(rng_.any(tongue.minutes_lines), tongue, t, french) + " ";
        d.body += "\n\n";
      }
      d.body += std::string(tongue.present) + ": " + person() + ", " + person() + ", " + person() + ".\n**" +
                tongue.decided + ":** " + fill(rng_.any(tongue.decision_lines), tongue, t, french);
    } else if (slot < 14) {
      d.kind = Kind::decision;
      d.title = t.name + " " + date(d.at_us);
      d.body = fill(rng_.any(tongue.decision_lines), tongue, t, french);
      if (rng_.chance(0.3)) d.body += " " + fill(rng_.any(tongue.minutes_lines), tongue, t, french);
    } else {
      d.kind = Kind::action;
      d.title = t.name;
      d.organisation_id = static_cast<std::int64_t>(rng_.below(organisations_.size())) + 1;
      d.body = fill(rng_.any(tongue.action_lines), tongue, t, french);
    }
    return d;
  }

  // A name anywhere in the corpus, as someone would type it: a surname, a town or an
  // organisation, now and then without its accents.
  std::string rare_name(Rng& rng) const {
    std::string name;
    switch (rng.below(3)) {
      case 0: name = rng.any(kSurnames); break;
      case 1: name = rng.chance(0.4) ? rng.any(kFrenchTowns) : rng.any(kDutchTowns); break;
      default: name = organisations_[rng.below(organisations_.size())].name; break;
    }
    if (rng.chance(0.3)) name = without_accents(name);
    return name;
  }

 private:
  SearchDocument contact_point(SearchDocument d) {
    d.kind = Kind::contact_point;
    d.language = "none";
    d.organisation_id = static_cast<std::int64_t>(rng_.below(organisations_.size())) + 1;
    const auto& o = organisations_[static_cast<std::size_t>(d.organisation_id - 1)];
    const Tongue& tongue = o.french ? kFrench : kDutch;
    d.title = o.name + ": " + rng_.common(tongue.topics);
    d.body = person() + ", " + (o.french ? rng_.any(kStreetsFr) : rng_.any(kStreetsNl)) + " " +
             std::to_string(1 + rng_.below(120)) + ", " + o.town + ". " + (o.french ? "Suppléant : " : "Vervanger: ") +
             person() + ".";
    return d;
  }

  std::string person() { return std::string(rng_.any(kFirstNames)) + " " + rng_.any(kSurnames); }

  static std::string date(long long at_us) {
    std::time_t t = static_cast<std::time_t>(at_us / 1'000'000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[16];
    std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
    return out;
  }

  // `text` with each {slot} replaced; a capitalised slot name capitalises the value.
  std::string fill(const char* text, const Tongue& tongue, const TableInfo& t, bool french) {
    std::string out;
    for (const char* p = text; *p;) {
      if (*p != '{') {
        out += *p++;
        continue;
      }
      const char* end = std::strchr(p, '}');
      std::string slot(p + 1, end);
      p = end + 1;
      const bool cap = slot[0] >= 'A' && slot[0] <= 'Z';
      if (cap) slot[0] = static_cast<char>(slot[0] - 'A' + 'a');
      std::string value;
      if (slot == "group") value = rng_.common(tongue.groups);
      else if (slot == "behaviour") value = rng_.common(tongue.behaviours);
      else if (slot == "topic") value = rng_.common(tongue.topics);
      else if (slot == "partner") value = rng_.common(tongue.partners);
      else if (slot == "verb") value = rng_.common(tongue.verbs);
      else if (slot == "weekday") value = rng_.any(tongue.weekdays);
      else if (slot == "month") value = rng_.any(tongue.months);
      else if (slot == "at") value = rng_.common(tongue.places).at;
      else if (slot == "area") value = rng_.chance(0.7) ? t.area : (french ? rng_.any(kFrenchAreas) : rng_.any(kDutchAreas));
      else if (slot == "street") value = french ? rng_.any(kStreetsFr) : rng_.any(kStreetsNl);
      else if (slot == "person") value = person();
      else if (slot == "organisation") value = organisations_[rng_.below(organisations_.size())].name;
      out += cap ? capitalised(value) : value;
    }
    return out;
  }

  static std::string without_accents(const std::string& s) {
    static const std::vector<std::pair<std::string, std::string>> folds{
        {"è", "e"}, {"é", "e"}, {"ê", "e"}, {"É", "E"}, {"à", "a"}, {"â", "a"}, {"ç", "c"}, {"Ç", "C"}, {"ë", "e"},
        {"ï", "i"}, {"ö", "o"}, {"Ö", "O"}, {"ü", "u"}, {"ı", "i"}, {"ş", "s"}, {"ô", "o"}, {"î", "i"}};
    std::string out = s;
    for (const auto& [from, to] : folds) {
      for (std::size_t at; (at = out.find(from)) != std::string::npos;) out.replace(at, from.size(), to);
    }
    return out;
  }

  Rng rng_{14};
  std::vector<Organisation> organisations_;
  std::vector<TableInfo> tables_;
};

// ---------------------------------------------------------------------------------
// Queries: six shapes in equal shares, half of them with one filter.

struct BenchQuery {
  std::string shape, text;
  SearchFilter filter;
};

const std::vector<const char*> kCommonNl{"overlast", "jongeren", "station", "schuldhulp", "gezinnen", "plein",
                                         "CAW", "OCMW", "dealers", "huisvesting", "speeltuin", "toezicht",
                                         "daklozen", "politie", "verlichting", "leefloon", "buurtbewoners", "geweld"};
const std::vector<const char*> kCommonFr{"jeunes", "gare", "sans-abri", "logement", "violence", "CPAS",
                                         "nuisances", "riverains", "familles", "dealers", "parc", "quartier",
                                         "surveillance", "police", "expulsion", "déchets", "concertation"};
const std::vector<const char*> kPhrases{"\"geweld in het gezin\"", "\"gezamenlijke ronde\"", "\"extra toezicht\"",
                                        "\"violence intrafamiliale\"", "\"maison de jeunes\"", "\"place de la gare\"",
                                        "\"aide à la jeunesse\"", "\"dak- en thuisloosheid\"", "\"liste d'attente\"",
                                        "\"huis van het kind\"", "\"médiation de dettes\"", "\"het stationsplein\""};

std::vector<BenchQuery> make_queries(const Corpus& corpus, int count) {
  Rng rng(1014);
  std::vector<BenchQuery> out;
  auto word = [&] { return std::string(rng.chance(0.6) ? rng.common(kCommonNl) : rng.common(kCommonFr)); };
  for (int i = 0; i < count; ++i) {
    BenchQuery q;
    switch (i % 6) {
      case 0: q.shape = "one_word"; q.text = word(); break;
      case 1: {
        q.shape = "two_words";
        const auto& list = rng.chance(0.6) ? kCommonNl : kCommonFr;
        q.text = std::string(rng.common(list)) + " " + rng.common(list);
        break;
      }
      case 2: q.shape = "name"; q.text = corpus.rare_name(rng); break;
      case 3: q.shape = "phrase"; q.text = rng.any(kPhrases); break;
      case 4: {
        q.shape = "prefix";
        std::string w = word();
        std::size_t keep = std::min(w.size(), 3 + rng.below(3));
        q.text = (rng.chance(0.4) ? word() + " " : std::string()) + w.substr(0, keep);
        break;
      }
      default: q.shape = "exclusion"; q.text = word() + " -" + word(); break;
    }
    switch (rng.below(6)) {
      case 0: q.filter.kind = static_cast<Kind>(rng.below(5)); break;  // situation .. contact_point
      case 1: {
        long long from = kStartUs + rng.between(0, kTenYearsUs - kYearUs);
        q.filter.from_us = from;
        q.filter.to_us = from + kYearUs;
        break;
      }
      case 2: q.filter.table_id = static_cast<std::int64_t>(rng.below(corpus.tables())) + 1; break;
      default: break;
    }
    q.filter.limit = 150;  // what SearchService asks for a page of 50 (three times the page)
    out.push_back(std::move(q));
  }
  return out;
}

// ---------------------------------------------------------------------------------

struct EngineResult {
  std::string engine;
  double seed_seconds = 0;
  long long index_bytes = 0;
  double p50 = 0, p95 = 0, p99 = 0;
  double empty_share = 0;                                       // queries that found nothing
  std::map<std::string, std::pair<double, double>> shapes;      // p50, p95 per shape
};

double quantile(std::vector<double> ms, double q) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
}

// The bytes of the index: SQLite's pages of the search tables and their indexes
// (dbstat), else the whole file; PostgreSQL's search_documents with its indexes.
Result<long long> index_bytes(storage::Database& db, const std::string& sqlite_file) {
  long long bytes = 0;
  if (db.engine() == storage::Engine::postgresql) {
    auto r = db.with_session([&](soci::session& s) {
      s << "SELECT pg_total_relation_size('search_documents')", soci::into(bytes);
    });
    if (!r) return tl::unexpected(r.error());
    return bytes;
  }
  auto r = db.with_session([&](soci::session& s) {
    s << "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'search%' OR name LIKE "
         "'sqlite_autoindex_search%'",
        soci::into(bytes);
  });
  if (r && bytes > 0) return bytes;
  (void)db.with_session([&](soci::session& s) { s << "PRAGMA wal_checkpoint(TRUNCATE)"; });
  std::error_code ec;
  auto size = std::filesystem::file_size(sqlite_file, ec);
  return ec ? 0LL : static_cast<long long>(size);
}

Result<EngineResult> run_engine(const BenchSearchOptions& options, const std::string& server_url) {
  EngineResult result;
  result.engine = server_url.empty() ? "sqlite" : "postgresql";
  const bool progress = !options.json && isatty(STDERR_FILENO) != 0;
  auto scratch = ScratchDatabase::create(server_url, "search", 2, options.keep);
  if (!scratch) return tl::unexpected(scratch.error());
  storage::Database& db = (*scratch)->database();
  text::SnowballAnalyzer analyzer;
  storage::SqlSearchIndex index(db, analyzer);
  Corpus corpus(options.documents);

  if (!options.json) std::fprintf(stderr, "%s: seeding %ld documents...\n", result.engine.c_str(), options.documents);
  const auto start = SteadyClock::now();
  const long batch = 2'000;
  for (long first = 0; first < options.documents; first += batch) {
    std::optional<Error> failed;
    auto done = db.transaction([&](soci::session&) {
      for (long i = first; i < std::min(options.documents, first + batch); ++i) {
        if (auto r = index.put(corpus.next(i)); !r) {
          failed = r.error();
          throw std::runtime_error(r.error().message);
        }
      }
    });
    if (failed) return tl::unexpected(*failed);
    if (!done) return tl::unexpected(done.error());
    if (progress) std::fprintf(stderr, "\r  %ld of %ld documents", std::min(options.documents, first + batch), options.documents);
  }
  if (progress) std::fprintf(stderr, "\n");
  // What autovacuum does on a live server after this many inserts; SQLite keeps no statistics unless asked.
  if (!server_url.empty()) (void)db.with_session([](soci::session& s) { s << "ANALYZE search_documents"; });
  result.seed_seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  if (!options.json) std::fprintf(stderr, "%s: seeded in %.1f s; %d queries...\n", result.engine.c_str(), result.seed_seconds, options.queries);

  auto bytes = index_bytes(db, (*scratch)->url());
  if (!bytes) return tl::unexpected(bytes.error());
  result.index_bytes = *bytes;

  std::vector<double> all;
  std::map<std::string, std::vector<double>> by_shape;
  int empty = 0;
  for (const auto& q : make_queries(corpus, options.queries)) {
    const auto t0 = SteadyClock::now();
    auto found = app::search::find_in_every_language(index, analyzer, search::parse_query(q.text), q.filter);
    const double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
    if (!found) return fail("bench_failed", "query '" + q.text + "': " + found.error().message);
    if (found->hits.empty()) ++empty;
    all.push_back(ms);
    by_shape[q.shape].push_back(ms);
  }
  result.p50 = quantile(all, 0.50);
  result.p95 = quantile(all, 0.95);
  result.p99 = quantile(all, 0.99);
  result.empty_share = all.empty() ? 0 : static_cast<double>(empty) / static_cast<double>(all.size());
  for (const auto& [shape, ms] : by_shape) result.shapes[shape] = {quantile(ms, 0.50), quantile(ms, 0.95)};
  return result;
}

int run_bench_search(const BenchSearchOptions& options) {
  std::vector<EngineResult> results;
  for (const std::string& url : {std::string(), options.postgresql}) {
    if (!results.empty() && url.empty()) break;
    auto r = run_engine(options, url);
    if (!r) {
      std::cerr << "tafel bench search: " << r.error().message << "\n";
      return 1;
    }
    results.push_back(std::move(*r));
  }
  if (options.json) {
    boost::json::object out{{"benchmark", "search"}, {"documents", options.documents}, {"queries", options.queries},
                            {"limit", 150}};
    for (const auto& r : results) {
      boost::json::object shapes;
      for (const auto& [shape, p] : r.shapes) shapes[shape] = {{"p50_ms", p.first}, {"p95_ms", p.second}};
      out[r.engine] = {{"p50_ms", r.p50},           {"p95_ms", r.p95},
                       {"p99_ms", r.p99},           {"index_bytes", r.index_bytes},
                       {"seed_seconds", r.seed_seconds}, {"empty_share", r.empty_share},
                       {"shapes", shapes}};
    }
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
  }
  std::printf("search: %ld documents (nl and fr about 60/40, contact points as names), %d queries, limit 150\n",
              options.documents, options.queries);
  std::printf("%-11s %8s %10s %8s %8s %8s %7s\n", "engine", "seed s", "index MB", "p50 ms", "p95 ms", "p99 ms", "empty");
  for (const auto& r : results) {
    std::printf("%-11s %8.1f %10.1f %8.2f %8.2f %8.2f %6.0f%%\n", r.engine.c_str(), r.seed_seconds,
                static_cast<double>(r.index_bytes) / 1e6, r.p50, r.p95, r.p99, 100 * r.empty_share);
  }
  std::printf("\np50 / p95 ms per shape:");
  for (const auto& r : results) std::printf(" %21s", r.engine.c_str());
  std::printf("\n");
  for (const auto& [shape, p] : results.front().shapes) {
    std::printf("%-22s", shape.c_str());
    for (const auto& r : results) std::printf(" %10.2f %10.2f", r.shapes.at(shape).first, r.shapes.at(shape).second);
    std::printf("\n");
  }
  return 0;
}

}  // namespace

// Registers `tafel bench search` under the shared bench parent.
void add_bench_search(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<BenchSearchOptions>();
  CLI::App* sub = bench_command(app)->add_subcommand(
      "search",
      "Search lookups on a generated city (nl/fr, ten years): p50/p95/p99 ms of mixed queries,\n"
      "index size and seeding time, on SQLite and (with --postgresql) on PostgreSQL");
  sub->add_option("--postgresql", options->postgresql,
                  "PostgreSQL server URL: also run there, in a fresh database that is dropped afterwards");
  sub->add_option("--documents", options->documents, "Documents in the generated corpus")
      ->check(CLI::Range(100L, 10'000'000L))
      ->capture_default_str();
  sub->add_option("--queries", options->queries, "Queries to time, one by one")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  sub->add_flag("--json", options->json, "Print the figures as JSON");
  sub->add_flag("--keep", options->keep, "Keep the generated databases (their URLs are printed) to look at query plans");
  sub->callback([options, &commands] { commands.exit_code = run_bench_search(*options); });
}

}  // namespace tafel::cli
