// What the API document says of the accounts and directory operations beyond their
// registration (web/accounts_api.cc): response schemas, statuses, examples.

#include "web/accounts_api_docs.h"

#include <string>

namespace tafel::web {

namespace {

namespace sc = http::schema;

// The answers of this module (the *_json functions of web/accounts_api.cc), as JSON Schemas.
const std::string kUserOut = sc::object(
    {sc::prop("id", sc::kInteger), sc::prop("organisation_id", sc::kInteger), sc::prop("email", sc::kString),
     sc::prop("display_name", sc::kString), sc::prop("phone", sc::kString), sc::prop("role", sc::kString),
     sc::prop("language", sc::kString), sc::prop("active", sc::kBoolean),
     sc::prop("second_factor_enrolled", sc::kBoolean)});
const std::string kPersonOut = sc::object({sc::prop("id", sc::kInteger), sc::prop("display_name", sc::kString),
                                           sc::prop("phone", sc::kString), sc::prop("email", sc::kString)});
const std::string kOrgOut = sc::object(
    {sc::prop("id", sc::kInteger), sc::prop("name", sc::kString), sc::prop("sector", sc::kString),
     sc::prop("secrecy", sc::kString), sc::prop("reporting_duty", sc::kBoolean), sc::prop("mission", sc::kString),
     sc::prop("finality", sc::kString), sc::prop("languages", sc::array(sc::kString)),
     sc::prop("areas", sc::array(sc::kInteger)), sc::prop("address", sc::kString), sc::prop("phone", sc::kString),
     sc::prop("website", sc::kString)});
const std::string kTopicOut = sc::object(
    {sc::prop("id", sc::kInteger), sc::prop("key", sc::kString),
     sc::prop("labels", sc::object({sc::prop("nl", sc::kString), sc::prop("fr", sc::kString),
                                    sc::prop("en", sc::kString)}))});
const std::string kAreaOut = sc::object({sc::prop("id", sc::kInteger), sc::prop("kind", sc::kString),
                                         sc::prop("name", sc::kString), sc::prop("parent", sc::nullable("integer"))});
const std::string kContactPointOut = sc::object(
    {sc::prop("id", sc::kInteger),
     sc::prop("organisation", sc::object({sc::prop("id", sc::kInteger), sc::prop("name", sc::kString),
                                          sc::prop("sector", sc::kString)})),
     sc::prop("topic", kTopicOut), sc::prop("area", kAreaOut), sc::prop("primary", kPersonOut),
     sc::prop("deputies", sc::array(kPersonOut)), sc::prop("office_hours", sc::kString),
     sc::prop("emergency_line", sc::kString), sc::prop("languages", sc::array(sc::kString))});
const std::string kWarningOut =
    R"({"type":"object","required":["organisation_id","kind","message"],"properties":{"organisation_id":{"type":"integer"},"kind":{"enum":["no_deputy","overloaded_person"]},"contact_point_id":{"type":"integer"},"person_id":{"type":"integer"},"count":{"type":"integer"},"message":{"type":"string"}}})";
const std::string kLoginOut =
    R"({"type":"object","required":["status"],"properties":{"status":{"enum":["complete","second_factor_needed","enrolment_needed","refused","throttled"]},"csrf_token":{"type":"string"},"retry_at_us":{"type":"integer"},"recovery_codes":{"type":"array","items":{"type":"string"}}}})";
const std::string kTokenOut = sc::object(
    {sc::prop("id", sc::kInteger), sc::prop("name", sc::kString), sc::prop("scopes", sc::array(sc::kString)),
     sc::prop("created_at_us", sc::kInteger), sc::prop("last_used_at_us", sc::kInteger),
     sc::prop("revoked", sc::kBoolean)});
const std::string kEventOut = sc::object(
    {sc::prop("id", sc::kInteger), sc::prop("at_us", sc::kInteger), sc::prop("kind", sc::kString),
     sc::prop("address", sc::kString), sc::prop("detail", sc::kString), sc::prop("actor", sc::nullable("integer")),
     sc::prop("subject", sc::nullable("integer")), sc::prop("organisation", sc::nullable("integer"))});

}  // namespace

// Fills in what the document says of `op` beyond its registration: the success
// status and body, the statuses of this module's own errors, the examples.
void document_account_operation(http::ApiOperation& op) {
  const std::string key = op.method + " " + op.pattern;
  // Duplicate e-mail, name or key, or a second factor already enrolled.
  if (op.method != "GET") op.errors.push_back(409);
  struct Doc {
    const char* key;
    int success;
    std::string response;
    const char* request_example;
  };
  const std::string profile = R"({"allOf":[)" + kOrgOut +
      R"(,{"type":"object","required":["statements","contact_points"],"properties":{"statements":{"type":"array","items":{"type":"object","required":["kind","key","text"],"properties":{"kind":{"type":"string"},"key":{"type":"string"},"text":{"type":"string"}}}},"contact_points":{"type":"array","items":)" +
      kContactPointOut + "}}}]}";
  const Doc docs[] = {
      {"POST /api/v1/session", 200, kLoginOut, R"({"email":"agent@politie.nethegem.example","password":"correct horse battery staple"})"},
      {"POST /api/v1/session/second-factor", 200, kLoginOut, R"({"code":"123456"})"},
      {"DELETE /api/v1/session", 200, sc::kStatus, nullptr},
      {"GET /api/v1/me", 200, R"({"allOf":[)" + kUserOut + R"(,{"type":"object","required":["second_factor_passed"],"properties":{"second_factor_passed":{"type":"boolean"}}}]})", nullptr},
      {"POST /api/v1/me/password", 200, sc::kStatus, R"({"current":"the current password","new":"a new passphrase of four words"})"},
      {"GET /api/v1/me/tokens", 200, sc::list("tokens", kTokenOut), nullptr},
      {"POST /api/v1/me/tokens", 201, sc::object({sc::prop("id", sc::kInteger), sc::prop("token", sc::kString)}), R"({"name":"dispatch link","scopes":["directory:read"]})"},
      {"DELETE /api/v1/me/tokens/{id}", 200, sc::kStatus, nullptr},
      {"POST /api/v1/me/second-factor", 200, R"({"type":"object","required":["secret","otpauth_uri"],"properties":{"secret":{"type":"string"},"otpauth_uri":{"type":"string"},"qr_svg":{"type":"string"}}})", nullptr},
      {"POST /api/v1/me/second-factor/confirm", 200, kLoginOut, R"({"code":"123456"})"},
      {"GET /api/v1/organisations", 200, sc::list("organisations", kOrgOut), nullptr},
      {"POST /api/v1/organisations", 201, kOrgOut, R"({"name":"Jeugdhulp Nethegem","sector":"youth_work","secrecy":"professional","mission":"care","reporting_duty":false,"finality":"Youth care for the municipality","languages":["nl"],"areas":[],"address":"Markt 1, Nethegem","phone":"014 00 00 00","website":"https://jeugdhulp.example"})"},
      {"GET /api/v1/organisations/{id}", 200, profile, nullptr},
      {"PUT /api/v1/organisations/{id}", 200, kOrgOut, R"({"phone":"014 00 00 01"})"},
      {"GET /api/v1/organisations/{id}/users", 200, sc::list("users", kUserOut), nullptr},
      {"POST /api/v1/organisations/{id}/users", 201, sc::object({sc::prop("id", sc::kInteger), sc::prop("initial_password", sc::kString)}), R"({"email":"new.colleague@example.org","display_name":"New Colleague","phone":"","role":"member","language":"nl"})"},
      {"PATCH /api/v1/users/{id}", 200, kUserOut, R"({"phone":"014 00 00 02"})"},
      {"POST /api/v1/users/{id}/password-reset", 200, sc::object({sc::prop("temporary_password", sc::kString)}), R"({"reset_second_factor":false})"},
      {"GET /api/v1/organisations/{id}/coverage", 200, sc::list("warnings", kWarningOut), nullptr},
      {"GET /api/v1/coverage", 200, sc::list("warnings", kWarningOut), nullptr},
      {"GET /api/v1/security-events", 200, sc::list("events", kEventOut), nullptr},
      {"GET /api/v1/topics", 200, sc::list("topics", kTopicOut), nullptr},
      {"POST /api/v1/topics", 201, kTopicOut, R"({"key":"school_dropout","labels":{"nl":"Schooluitval","fr":"Décrochage scolaire","en":"School dropout"}})"},
      {"GET /api/v1/areas", 200, sc::list("areas", kAreaOut), nullptr},
      {"POST /api/v1/areas", 201, kAreaOut, R"({"kind":"district","name":"Nethegem-Noord","parent":1})"},
      {"GET /api/v1/contact-points", 200,
       R"({"type":"object","required":["contact_points"],"properties":{"contact_points":{"type":"array","items":)" +
           kContactPointOut + R"(},"next":{"type":"integer","description":"present when there are more: send it as after"}}})",
       nullptr},
      {"POST /api/v1/contact-points", 201, kContactPointOut, R"({"organisation_id":5,"topic_id":1,"area_id":1,"primary":10,"deputies":[11],"office_hours":"ma-vr 9-17","emergency_line":"014 00 50 99","languages":["nl","fr"]})"},
      {"GET /api/v1/contact-points/{id}", 200, kContactPointOut, nullptr},
      {"PUT /api/v1/contact-points/{id}", 200, kContactPointOut, R"({"office_hours":"Mon-Fri 9-17"})"},
      {"DELETE /api/v1/contact-points/{id}", 200, sc::kStatus, nullptr},
  };
  for (const auto& d : docs) {
    if (key != d.key) continue;
    op.success = d.success;
    op.response_schema = d.response;
    if (d.request_example) op.request_example = d.request_example;
  }
  if (key == "POST /api/v1/session") op.errors.insert(op.errors.end(), {401, 403, 415, 429});
  if (key == "POST /api/v1/session/second-factor") op.errors.insert(op.errors.end(), {401, 403, 429});
}

}  // namespace tafel::web
