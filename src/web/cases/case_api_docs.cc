// What the API document says the cases answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_case_answers(http::ApiDocument& document) {
  document.add_schema("Case", R"json({"type":"object","required":["id","pseudonym","table_id","open","minor","vulnerable","care_organisations","safety_organisations"],"properties":{
  "id":{"type":"integer"},
  "pseudonym":{"type":"string"},
  "table_id":{"type":"integer"},
  "open":{"type":"boolean"},
  "minor":{"type":"boolean"},
  "vulnerable":{"type":"boolean"},
  "care_organisations":{"type":"array","items":{"type":"integer"}},
  "safety_organisations":{"type":"array","items":{"type":"integer"}},
  "opened_by_organisation":{"type":"integer"},
  "opened_at_us":{"type":"integer"},
  "closed_at_us":{"type":"integer"},
  "informed":{"type":"string"},
  "informed_by":{"type":"integer"},
  "informed_at_us":{"type":"integer"}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/cases", R"json({"type":"object","required":["cases"],"properties":{
  "cases":{"type":"array","items":{"$ref":"#/components/schemas/Case"}},
  "next":{"type":"integer","description":"the `before` of the next page; absent on the last"}
}})json"},
      {"GET", "/api/v1/tables/{id}/cases", R"json({"type":"object","required":["cases"],"properties":{
  "cases":{"type":"array","items":{"$ref":"#/components/schemas/Case"}}
}})json"},
      {"POST", "/api/v1/tables/{id}/cases", R"json({"$ref":"#/components/schemas/Case"})json"},
      {"GET", "/api/v1/cases/{id}", R"json({"$ref":"#/components/schemas/Case"})json"},
      {"GET", "/api/v1/cases/{id}/identity", R"json({"type":"object","required":["name","birth_date","address","national_number","details"],"properties":{
  "name":{"type":"string"},
  "birth_date":{"type":"string"},
  "address":{"type":"string"},
  "national_number":{"type":"string"},
  "details":{"type":"string"}
}})json"},
      {"PUT", "/api/v1/cases/{id}/identity", R"json({"type":"object","required":["id"],"properties":{
  "id":{"type":"integer"}
}})json"},
      {"POST", "/api/v1/cases/{id}/informed", R"json({"$ref":"#/components/schemas/Case"})json"},
      {"POST", "/api/v1/cases/{id}/close", R"json({"$ref":"#/components/schemas/Case"})json"},
  });
}

}  // namespace tafel::web
