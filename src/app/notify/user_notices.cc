// Notices to one user outside consultation tables (the reference index's match
// notices, issue 15): the same inbox and mail queue as table notifications.

#include "app/notify/notification_service.h"

namespace tafel::app::notify {

Result<bool> NotificationService::notify_user(access::UserId user, NotificationKind kind, std::string_view key,
                                              const std::vector<TextArg>& args, std::string link,
                                              std::string once_key) {
  auto r = recipient(user);
  if (!r) return tl::unexpected(r.error());
  if (!*r) return false;
  const std::string& lang = (*r)->language;
  Notification n;
  n.user = user;
  n.kind = kind;
  n.once_key = std::move(once_key);
  n.subject = text(lang, std::string(key) + ".subject", args);
  n.body = text(lang, std::string(key) + ".body", args);
  n.link = std::move(link);
  n.created_at_us = now_us();
  n.next_attempt_at_us = n.created_at_us;
  n.mail_state = (*r)->mail ? MailState::pending : MailState::none;
  auto added = store_.add(n);
  if (!added) return tl::unexpected(added.error());
  return added->has_value();
}

}  // namespace tafel::app::notify
