#pragma once
// A user account: one person, in exactly one organisation, with one platform role.
// Credentials (password hash, TOTP secret, recovery codes) are not part of this
// value: they never leave the account service.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/access/role.h"
#include "core/result.h"

namespace tafel::access {

using UserId = std::int64_t;
using OrganisationId = std::int64_t;

struct User {
  UserId id = 0;
  OrganisationId organisation_id = 0;
  std::string email;         // normalised (see normalise_email); unique
  std::string display_name;  // as the person wants to be called
  std::string phone;         // professional number shown in the directory; may be empty
  Role role = Role::member;
  std::string language = "nl";  // preferred interface language
  bool active = true;           // a deactivated user cannot log in
  bool second_factor_enrolled = false;
};

// The canonical form of an e-mail address: trimmed and lower-cased, so that
// "An@Politie.be " and "an@politie.be" are one account. Fails with
// "invalid_email" unless it has one '@' with text on both sides, a '.' in the
// domain, no whitespace or control characters, and at most 254 bytes.
Result<std::string> normalise_email(std::string_view text);

// Checks a new password: 12 to 256 characters (bytes of UTF-8 beyond ASCII count
// once per character), not only spaces. Fails with "weak_password".
Result<void> check_new_password(std::string_view password);

// Checks the editable fields of a user (display name 1..200 bytes without control
// characters, phone at most 40 of "+0123456789 ()./-", a supported language).
// Fails with "invalid_input" naming the field.
Result<void> check_user_fields(const User& user);

}  // namespace tafel::access
