#include "app/index/index_store.h"

#include <array>
#include <utility>

#include "core/enum_names.h"

namespace tafel::app::index {
namespace {

constexpr std::array<std::pair<GroundKind, std::string_view>, 2> kGrounds{
    {{GroundKind::consent, "consent"}, {GroundKind::statute, "statute"}}};
constexpr std::array<std::pair<SignalState, std::string_view>, 2> kStates{
    {{SignalState::active, "active"}, {SignalState::inactive, "inactive"}}};
constexpr std::array<std::pair<Certainty, std::string_view>, 2> kCertainties{
    {{Certainty::certain, "certain"}, {Certainty::possible, "possible"}}};
constexpr std::array<std::pair<Answer, std::string_view>, 3> kAnswers{
    {{Answer::pending, "pending"}, {Answer::confirmed, "confirmed"}, {Answer::rejected, "rejected"}}};

}  // namespace

std::string_view name_of(GroundKind kind) { return name_in(kGrounds, kind); }
std::string_view name_of(SignalState state) { return name_in(kStates, state); }
std::string_view name_of(Certainty certainty) { return name_in(kCertainties, certainty); }
std::string_view name_of(Answer answer) { return name_in(kAnswers, answer); }
std::optional<GroundKind> parse_ground_kind(std::string_view text) { return parse_in(kGrounds, text); }
std::optional<SignalState> parse_signal_state(std::string_view text) { return parse_in(kStates, text); }
std::optional<Certainty> parse_certainty(std::string_view text) { return parse_in(kCertainties, text); }
std::optional<Answer> parse_answer(std::string_view text) { return parse_in(kAnswers, text); }

}  // namespace tafel::app::index
