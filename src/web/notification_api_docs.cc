// What the API document says the notifications answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_notification_answers(http::ApiDocument& document) {
  document.add_schema("Notification", R"json({"type":"object","required":["id","kind","table_id","meeting_id","subject","body","link","created_at_us","read","mail_state"],"properties":{
  "id":{"type":"integer"},
  "kind":{"type":"string"},
  "table_id":{"type":"integer"},
  "meeting_id":{"type":"integer"},
  "subject":{"type":"string"},
  "body":{"type":"string"},
  "link":{"type":"string"},
  "created_at_us":{"type":"integer"},
  "read":{"type":"boolean"},
  "mail_state":{"type":"string"},
  "read_at_us":{"type":"integer"}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/notifications", R"json({"type":"object","required":["unread","notifications"],"properties":{
  "unread":{"type":"integer"},
  "notifications":{"type":"array","items":{"$ref":"#/components/schemas/Notification"}}
}})json"},
      {"POST", "/api/v1/notifications/{id}/read", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
  });
}

}  // namespace tafel::web
