// What the API document says the consent registry answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_consent_answers(http::ApiDocument& document) {
  document.add_schema("Consent", R"json({"type":"object","required":["id","case","subject","recorded_by","state","recipients","categories","purposes","valid_from","valid_until","expiring","full"],"description":"full is false for a summary of another organisation's consent (no recorder, giver, evidence)","properties":{
  "id":{"type":"integer"},
  "case":{"type":"integer"},
  "subject":{"type":"string"},
  "recorded_by":{"type":"integer"},
  "state":{"type":"string"},
  "recipients":{"type":"array","items":{"type":"string"}},
  "categories":{"type":"array","items":{"type":"string"}},
  "purposes":{"type":"array","items":{"type":"string"}},
  "valid_from":{"type":"string"},
  "valid_until":{"type":["string","null"]},
  "expiring":{"type":"boolean"},
  "full":{"type":"boolean"},
  "recorder":{"type":"integer"},
  "giver":{"type":"string"},
  "evidence":{"type":"object","required":["kind"],"properties":{"kind":{"type":"string"},"file_type":{"type":"string"},"file_size":{"type":"integer"},"witness_name":{"type":"string"},"witness_function":{"type":"string"}}},
  "decided_at":{"type":"integer"},
  "version":{"type":"integer"},
  "withdrawn_at":{"type":"integer"},
  "withdrawn_by":{"type":"integer"},
  "minor_age":{"type":"integer"}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/consents", R"json({"type":"object","required":["consents"],"properties":{
  "consents":{"type":"array"}
}})json"},
      {"POST", "/api/v1/consents", R"json({"$ref":"#/components/schemas/Consent"})json"},
      {"GET", "/api/v1/consents/{id}", R"json({"$ref":"#/components/schemas/Consent"})json"},
      {"POST", "/api/v1/consents/{id}/give", R"json({"$ref":"#/components/schemas/Consent"})json"},
      {"POST", "/api/v1/consents/{id}/refuse", R"json({"$ref":"#/components/schemas/Consent"})json"},
      {"POST", "/api/v1/consents/{id}/withdraw", R"json({"$ref":"#/components/schemas/Consent"})json"},
      {"PUT", "/api/v1/consents/{id}/evidence", R"json({"$ref":"#/components/schemas/Consent"})json"},
  });
}

}  // namespace tafel::web
