#include "app/notify/notification.h"

#include <array>
#include <utility>

#include "core/enum_names.h"

namespace tafel::app::notify {
namespace {

constexpr std::array<std::pair<NotificationKind, std::string_view>, 6> kKinds = {{
    {NotificationKind::invitation, "invitation"},
    {NotificationKind::moved, "moved"},
    {NotificationKind::cancelled, "cancelled"},
    {NotificationKind::series, "series"},
    {NotificationKind::reminder, "reminder"},
    {NotificationKind::index_match, "index_match"},
}};

constexpr std::array<std::pair<MailState, std::string_view>, 5> kStates = {{
    {MailState::none, "none"},
    {MailState::pending, "pending"},
    {MailState::sending, "sending"},
    {MailState::sent, "sent"},
    {MailState::failed, "failed"},
}};

}  // namespace

std::string_view name_of(NotificationKind kind) { return name_in(kKinds, kind); }
std::optional<NotificationKind> parse_notification_kind(std::string_view text) { return parse_in(kKinds, text); }
std::string_view name_of(MailState state) { return name_in(kStates, state); }
std::optional<MailState> parse_mail_state(std::string_view text) { return parse_in(kStates, text); }

}  // namespace tafel::app::notify
