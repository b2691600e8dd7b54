// What the API document says the state-of-necessity reports and DPO reviews answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_necessity_answers(http::ApiDocument& document) {
  document.add_schema("NecessityReport", R"json({"type":"object","required":["id","author","organisation","ground","recipient","case","categories","purpose","justification","tried","reasoning","decided_ground","obligations","created_at_us","state"],"properties":{
  "id":{"type":"integer"},
  "author":{"type":"integer"},
  "organisation":{"type":"integer"},
  "ground":{"type":"string"},
  "recipient":{"type":"integer"},
  "case":{"type":["integer","null"]},
  "categories":{"type":"array","items":{"type":"string"}},
  "purpose":{"type":"string"},
  "justification":{"type":"object","required":["danger","cannot_protect","higher_value","other_means_exhausted"],"properties":{"danger":{"type":["string","null"]},"cannot_protect":{"type":"boolean"},"higher_value":{"type":"string"},"other_means_exhausted":{"type":"boolean"}}},
  "tried":{"type":"string"},
  "reasoning":{"type":"string"},
  "decided_ground":{"type":"string"},
  "obligations":{"type":"array","items":{"type":"string"}},
  "created_at_us":{"type":"integer"},
  "state":{"type":"string"},
  "review":{"type":"integer"},
  "review_steps":{"type":"array"}
}})json");
  document.add_schema("DpoReview", R"json({"type":"object","required":["id","kind","subject","organisation","author","summary","state","steps","created_at_us"],"properties":{
  "id":{"type":"integer"},
  "kind":{"type":"string"},
  "subject":{"type":"integer"},
  "organisation":{"type":"integer"},
  "author":{"type":"integer"},
  "summary":{"type":"string"},
  "state":{"type":"string"},
  "steps":{"type":"array","items":{"type":"object","required":["kind","by","text","at_us"],"properties":{"kind":{"type":"string"},"by":{"type":"integer"},"text":{"type":"string"},"at_us":{"type":"integer"}}}},
  "created_at_us":{"type":"integer"},
  "report":{"$ref":"#/components/schemas/NecessityReport"}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/necessity", R"json({"type":"object","required":["reports"],"properties":{
  "reports":{"type":"array"}
}})json"},
      {"POST", "/api/v1/necessity", R"json({"$ref":"#/components/schemas/NecessityReport"})json"},
      {"GET", "/api/v1/necessity/{id}", R"json({"$ref":"#/components/schemas/NecessityReport"})json"},
      {"POST", "/api/v1/necessity/{id}/answer", R"json({"$ref":"#/components/schemas/DpoReview"})json"},
      {"GET", "/api/v1/dpo/reviews", R"json({"type":"object","required":["reviews"],"properties":{
  "reviews":{"type":"array"}
}})json"},
      {"GET", "/api/v1/dpo/reviews/{id}", R"json({"$ref":"#/components/schemas/DpoReview"})json"},
      {"POST", "/api/v1/dpo/reviews/{id}/question", R"json({"$ref":"#/components/schemas/DpoReview"})json"},
      {"POST", "/api/v1/dpo/reviews/{id}/accept", R"json({"$ref":"#/components/schemas/DpoReview"})json"},
      {"POST", "/api/v1/dpo/reviews/{id}/not-accept", R"json({"$ref":"#/components/schemas/DpoReview"})json"},
  });
}

}  // namespace tafel::web
