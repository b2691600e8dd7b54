#pragma once
// Which language a page is rendered in, and how a visitor switches it.
//
// The choice is, in order: the `lang` cookie set by the language switch, then the
// browser's Accept-Language, then Dutch. The switch is a plain link (GET
// /language/{lang}?next=/path) so it works without JavaScript; it only sets a
// preference cookie, so a forged link can do no harm beyond changing the language.

#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"

namespace tafel::web {

// The name of the cookie that remembers the visitor's language.
inline constexpr std::string_view kLanguageCookie = "lang";

// The language to answer `request` in: always one of i18n::kLanguages.
std::string request_language(const http::Request& request);

// The Set-Cookie value that remembers `lang` for a year on the whole site
// (SameSite=Lax, HttpOnly: no script needs to read it). `lang` must be supported.
std::string language_cookie(std::string_view lang);

// `next` if it is a path on this site ("/about?x=1"), else nullopt. Refuses what a
// browser could resolve to another origin ("//evil", "/\\evil", "https://...") and
// control characters, so the switch can never become an open redirect.
std::optional<std::string> local_path(std::string_view next);

// Percent-encodes `text` for use as one query-string value (RFC 3986 unreserved
// characters and '/' stay as they are).
std::string url_encode(std::string_view text);

}  // namespace tafel::web
