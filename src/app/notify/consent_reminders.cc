// Reminders that a given consent ends soon (issue 12, point 5): one per consent and end
// date, to the practitioner who recorded it, so a new consent can be asked in time.
// The text names the consent and case by number and the end date, never the person.

#include "app/notify/notification_service.h"
#include "core/sharing/explanation.h"

namespace tafel::app::notify {

Result<int> NotificationService::queue_consent_reminders(
    std::map<access::UserId, std::optional<Recipient>>& recipients) {
  if (!expiring_consents_) return 0;
  auto due = expiring_consents_();
  if (!due) return tl::unexpected(due.error());
  int queued = 0;
  for (const auto& c : *due) {
    if (c.recorder == 0 || c.table_id == 0) continue;
    auto known = recipients.find(c.recorder);
    if (known == recipients.end()) {
      auto r = recipient(c.recorder);
      if (!r) return tl::unexpected(r.error());
      known = recipients.emplace(c.recorder, *r).first;
    }
    if (!known->second) continue;
    const std::string& lang = known->second->language;
    const std::string iso = sharing::format_date(c.valid_until_us);  // YYYY-MM-DD
    const std::string date = iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) : iso;
    Notification n;
    n.user = c.recorder;
    n.kind = NotificationKind::reminder;
    n.table_id = c.table_id;
    n.meeting_id = 0;
    n.once_key = "consent:" + std::to_string(c.consent_id) + ":" + std::to_string(c.valid_until_us);
    const std::vector<TextArg> args{{"consent", c.consent_id}, {"case", c.case_id}, {"date", date}};
    n.subject = text(lang, "notify.consent_expiring.subject", args);
    n.body = text(lang, "notify.consent_expiring.body", args);
    n.link = "/consents/" + std::to_string(c.consent_id);
    n.created_at_us = now_us();
    n.next_attempt_at_us = n.created_at_us;
    n.mail_state = known->second->mail ? MailState::pending : MailState::none;
    auto added = store_.add(n);
    if (!added) return tl::unexpected(added.error());
    if (*added) ++queued;
  }
  return queued;
}

}  // namespace tafel::app::notify
