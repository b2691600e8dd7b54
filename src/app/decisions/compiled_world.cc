#include "app/decisions/sharing_world.h"

namespace tafel::app::decisions {

namespace {

template <typename Map, typename Key>
auto lookup(const Map& map, Key key) -> std::optional<typename Map::mapped_type> {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::optional<sharing::OrgIndex> CompiledWorld::organisation(access::OrganisationId id) const {
  return lookup(organisations, id);
}
std::optional<sharing::TableIndex> CompiledWorld::table(std::int64_t id) const { return lookup(tables, id); }
std::optional<sharing::SubjectIndex> CompiledWorld::subject(std::int64_t case_id) const {
  return lookup(subjects, case_id);
}

std::optional<sharing::Context> CompiledWorld::context(std::int64_t table_id, bool in_meeting,
                                                      const std::vector<access::OrganisationId>& acknowledged) const {
  auto index = table(table_id);
  if (!index) return std::nullopt;
  sharing::Context cx;
  cx.table = *index;
  cx.in_meeting = in_meeting;
  for (auto org : acknowledged) {
    if (auto i = organisation(org)) cx.acknowledged.push_back(*i);
  }
  return cx;
}

sharing::Explanation CompiledWorld::explain(const sharing::Request& request, const sharing::Decision& decision) const {
  sharing::Explanation e = sharing::explain(policy, request, decision);
  auto readable = [&](sharing::Message& m) {
    for (auto& arg : m.args) {
      const std::map<std::string, std::string>* names = nullptr;
      if (arg.name == "actor" || arg.name == "recipient") names = &organisation_names;
      if (arg.name == "agreement") names = &agreement_titles;
      if (arg.name == "table") names = &table_names;
      if (!names) continue;
      if (auto it = names->find(arg.value); it != names->end()) arg.value = it->second;
    }
  };
  readable(e.headline);
  for (auto* list : {&e.reasons, &e.remedies, &e.obligations}) {
    for (auto& m : *list) readable(m);
  }
  return e;
}

std::string CompiledWorld::rule_of(const sharing::Decision& decision) const {
  if (decision.agreement == sharing::kNone || decision.rule == sharing::kNone) return {};
  const auto& a = policy.world().agreements[static_cast<std::size_t>(decision.agreement)];
  return a.id + "/" + a.rules[static_cast<std::size_t>(decision.rule)].id;
}

}  // namespace tafel::app::decisions
