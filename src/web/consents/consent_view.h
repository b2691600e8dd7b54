#pragma once
// What the consent pages and API share: dates, labels, recipients as text, the
// parsed upload of a multipart form. Not a public header: include it only from
// web/consents/*.cc.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "app/consents/consent_service.h"
#include "http/request.h"
#include "web/accounts_session.h"
#include "web/options.h"
#include "web/page.h"

namespace tafel::web::consents {

struct Ctx {
  AccountsContext accounts;
  app::consents::ConsentService* consents = nullptr;
  Options options;
};

app::consents::Caller caller_of(const http::Request& request, const app::accounts::Authenticated& who);

// Midnight UTC of "YYYY-MM-DD", or nullopt.
std::optional<sharing::Timestamp> parse_date(std::string_view text);
// "YYYY-MM-DD" of a timestamp (UTC).
std::string iso_date(sharing::Timestamp at);
// A period's end is stored exclusive (the midnight after the last day); forms and
// the API speak of the last day. kNever has no last day.
std::optional<sharing::Timestamp> end_after_last_day(std::string_view last_day);
std::string last_day(sharing::Timestamp valid_until);
// "14/03/2026".
std::string date_text(sharing::Timestamp at);

// Organisation names the caller may see, looked up once per request.
std::map<access::OrganisationId, std::string> organisation_names(const Ctx& ctx, const access::Principal& who);

// Translated labels.
std::string state_label(const Page& page, tafel::consents::State state);
std::string recipient_label(const Page& page, const tafel::consents::Recipient& r,
                            const std::function<std::string(access::OrganisationId)>& organisation_name);
std::string recipients_label(const Page& page, const std::vector<tafel::consents::Recipient>& recipients,
                             const std::function<std::string(access::OrganisationId)>& organisation_name);
std::string categories_label(const Page& page, sharing::CategorySet categories);
std::string purposes_label(const Page& page, sharing::PurposeSet purposes);
std::string period_label(const Page& page, const tafel::consents::Consent& c);
// The translated sentence for a failure ("consents.error.<code>" for known codes).
std::string problem_text(const Page& page, const Error& error);

// A multipart/form-data body: its text fields and its first file part.
struct Multipart {
  std::map<std::string, std::string, std::less<>> fields;
  std::string file;  // the bytes of the part named "file" (may be empty)
};
// Parses `body` with the boundary of `content_type`; nullopt when it is not
// multipart/form-data or malformed.
std::optional<Multipart> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace tafel::web::consents
