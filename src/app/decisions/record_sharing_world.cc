#include "app/decisions/record_sharing_world.h"

#include <charconv>

namespace tafel::app::decisions {

namespace {

std::optional<sharing::OrgIndex> find(const std::unordered_map<access::OrganisationId, sharing::OrgIndex>& map,
                                      access::OrganisationId id) {
  auto it = map.find(id);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace

Result<std::shared_ptr<const CompiledWorld>> RecordSharingWorld::current() {
  auto facts = facts_.snapshot();
  if (!facts) return tl::unexpected(facts.error());
  sharing::World world = std::move(facts->world);
  std::unordered_map<access::OrganisationId, sharing::OrgIndex> organisations;
  for (std::size_t i = 0; i < world.organisations.size(); ++i) {
    // Directory ids are decimal; anything else is not an organisation tafel can name.
    const std::string& id = world.organisations[i].id;
    access::OrganisationId key = 0;
    auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), key);
    if (ec == std::errc() && end == id.data() + id.size()) organisations[key] = static_cast<sharing::OrgIndex>(i);
  }

  std::unordered_map<std::int64_t, sharing::TableIndex> tables;
  std::map<std::string, std::string> table_names;
  auto stored_tables = tables_.heads(std::nullopt);  // names, bases and members: no meetings
  if (!stored_tables) return tl::unexpected(stored_tables.error());
  for (const auto& t : *stored_tables) {
    sharing::Table st;
    st.id = std::to_string(t.id);
    // An unapproved case basis is a claim, not a basis.
    st.basis = tafel::tables::allows_individual_cases(t.basis) && !t.basis_approved() ? sharing::TableBasis::none
                                                                                      : t.basis;
    st.basis_reference = t.basis_reference;
    st.finality = t.finality;
    for (auto org : t.members) {
      if (auto i = find(organisations, org)) st.members.push_back(*i);
    }
    tables[t.id] = static_cast<sharing::TableIndex>(world.tables.size());
    table_names[st.id] = t.name;
    world.tables.push_back(std::move(st));
  }

  // A person tafel keeps no case for (after any subject the facts brought).
  const auto unknown_person = static_cast<sharing::SubjectIndex>(world.subjects.size());
  world.subjects.push_back(sharing::Subject{"person", false, false});
  std::unordered_map<std::int64_t, sharing::SubjectIndex> subjects;
  auto cases = cases_.all();
  if (!cases) return tl::unexpected(cases.error());
  for (const auto& c : *cases) {
    const auto index = static_cast<sharing::SubjectIndex>(world.subjects.size());
    world.subjects.push_back(sharing::Subject{cases::subject_id(c.id), c.minor, c.vulnerable});
    subjects[c.id] = index;
    for (auto org : c.care_organisations) {
      if (auto i = find(organisations, org)) world.relations.push_back(sharing::CareRelation{index, *i});
    }
  }

  auto consents = consents_.given_consents();
  if (!consents) return tl::unexpected(consents.error());
  for (const auto& f : *consents) {
    auto subject = subjects.find(f.case_id);
    auto recorder = find(organisations, f.recorded_by);
    if (subject == subjects.end() || !recorder) continue;  // a case or organisation that is gone
    sharing::Consent c;
    c.id = "consent-" + std::to_string(f.id);
    c.subject = subject->second;
    c.recorded_by = *recorder;
    for (const auto& r : f.recipients) {
      sharing::PartyRef ref;
      switch (r.kind) {
        case consents::ConsentRecipient::Kind::organisation: {
          auto i = find(organisations, r.organisation);
          if (!i) continue;
          ref.kind = sharing::PartyRef::Kind::organisation;
          ref.organisation = *i;
          break;
        }
        case consents::ConsentRecipient::Kind::sector:
          ref.kind = sharing::PartyRef::Kind::sector;
          ref.sector = r.sector;
          break;
        case consents::ConsentRecipient::Kind::any:
          ref.kind = sharing::PartyRef::Kind::any;
          break;
      }
      c.recipients.push_back(ref);
    }
    c.categories = f.categories;
    c.purposes = f.purposes;
    c.given = f.given;
    c.expires = f.expires;
    c.withdrawn = f.withdrawn;
    world.consents.push_back(std::move(c));
  }

  auto policy = sharing::Policy::compile(std::move(world));
  if (!policy) return tl::unexpected(policy.error());
  auto out = std::make_shared<CompiledWorld>(CompiledWorld{std::move(*policy), std::move(organisations),
                                                           std::move(tables), std::move(subjects), unknown_person,
                                                           std::move(facts->organisation_names),
                                                           std::move(facts->agreement_titles), std::move(table_names)});
  return std::shared_ptr<const CompiledWorld>(std::move(out));
}

}  // namespace tafel::app::decisions
