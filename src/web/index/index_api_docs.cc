// What the API document says the reference index answers (issue 15); validated by
// tests/api/conformance.test.mjs like the others.

#include "http/openapi.h"
#include "web/index/index_routes.h"

namespace tafel::web {

void document_index_answers(http::ApiDocument& document) {
  document.add_schema("IndexSignal", R"json({"type":"object","required":["id","contact_point","since","ground","consent","statute","by_number","by_name","state","registered_at_us","inactive_at_us","delete_at_us"],"properties":{
  "id":{"type":"integer"},
  "contact_point":{"type":"integer"},
  "since":{"type":"string"},
  "ground":{"enum":["consent","statute"]},
  "consent":{"type":"integer"},
  "statute":{"type":"string"},
  "by_number":{"type":"boolean"},
  "by_name":{"type":"boolean"},
  "state":{"enum":["active","inactive"]},
  "registered_at_us":{"type":"integer"},
  "inactive_at_us":{"type":"integer"},
  "delete_at_us":{"type":"integer"}
}})json");
  document.add_schema("IndexMatch", R"json({"type":"object","required":["id","my_signal","certainty","status","my_answer","their_answer","created_at_us"],"properties":{
  "id":{"type":"integer"},
  "my_signal":{"type":"integer"},
  "certainty":{"enum":["certain","possible"]},
  "status":{"enum":["certain","confirmed","rejected","pending"]},
  "my_answer":{"enum":["pending","confirmed","rejected"]},
  "their_answer":{"enum":["pending","confirmed","rejected"]},
  "created_at_us":{"type":"integer"},
  "other":{"type":"object","required":["organisation","contact_point","person","email","phone","emergency_line","office_hours"],"properties":{"organisation":{"type":"string"},"contact_point":{"type":"integer"},"person":{"type":"string"},"email":{"type":"string"},"phone":{"type":"string"},"emergency_line":{"type":"string"},"office_hours":{"type":"string"}}}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/index/signals", R"json({"type":"object","required":["signals"],"properties":{"signals":{"type":"array","items":{"$ref":"#/components/schemas/IndexSignal"}}}})json"},
      {"POST", "/api/v1/index/signals", R"json({"$ref":"#/components/schemas/IndexSignal"})json"},
      {"DELETE", "/api/v1/index/signals/{id}", R"json({"type":"object","required":["ok"],"properties":{"ok":{"type":"boolean"}}})json"},
      {"GET", "/api/v1/index/matches", R"json({"type":"object","required":["matches"],"properties":{"matches":{"type":"array","items":{"$ref":"#/components/schemas/IndexMatch"}}}})json"},
      {"POST", "/api/v1/index/matches/{id}/confirm", R"json({"$ref":"#/components/schemas/IndexMatch"})json"},
      {"POST", "/api/v1/index/matches/{id}/reject", R"json({"$ref":"#/components/schemas/IndexMatch"})json"},
  });
}

}  // namespace tafel::web
