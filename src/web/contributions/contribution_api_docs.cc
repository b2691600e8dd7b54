// What the API document says the contributions answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_contribution_answers(http::ApiDocument& document) {
  document.add_schema("Contribution", R"json({"type":"object","required":["id","situation","case","track","kind","classification","source","purpose","readable","own","parts","shares","created_at_us"],"properties":{
  "id":{"type":"integer"},
  "situation":{"type":["integer","null"]},
  "case":{"type":["integer","null"]},
  "track":{"type":["string","null"]},
  "kind":{"type":"string"},
  "classification":{"type":"string"},
  "source":{"type":"integer"},
  "purpose":{"type":"string"},
  "readable":{"type":"boolean"},
  "own":{"type":"boolean"},
  "parts":{"type":"array","items":{"type":"object","required":["category","text"],"properties":{"category":{"type":"string"},"text":{"type":"string"}}}},
  "shares":{"type":"array","items":{"type":"object","required":["from","recipient","status","ground","rule","obligations","use_restricted","reasons","categories","at_us"],"properties":{"from":{"type":"integer"},"recipient":{"type":"integer"},"status":{"type":"string"},"ground":{"type":["string","null"]},"rule":{"type":["string","null"]},"obligations":{"type":"array","items":{"type":"string"}},"use_restricted":{"type":"boolean"},"reasons":{"type":"array"},"categories":{"type":"array","items":{"type":"string"}},"at_us":{"type":"integer"}}}},
  "created_at_us":{"type":"integer"},
  "professional_judgement":{"type":"boolean"},
  "reporting_duty_acknowledged":{"type":"boolean"},
  "reasoning":{"type":"string"},
  "explanation":{"type":"array","items":{"type":"string"},"description":"why the caller may not read it (readable false)"}
}})json");
  document.add_schema("ShareDecision", R"json({"type":"object","required":["recipient","decision","ground","rule","obligations","use_restricted","reasons","explanation"],"properties":{
  "recipient":{"type":"integer"},
  "decision":{"type":"string"},
  "ground":{"type":["string","null"]},
  "rule":{"type":["string","null"]},
  "obligations":{"type":"array"},
  "use_restricted":{"type":"boolean"},
  "reasons":{"type":"array"},
  "explanation":{"type":"array","items":{"type":"string"}}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/contributions", R"json({"type":"object","required":["contributions"],"properties":{
  "contributions":{"type":"array"}
}})json"},
      {"POST", "/api/v1/contributions", R"json({"type":"object","required":["contribution","decisions"],"properties":{
  "contribution":{"$ref":"#/components/schemas/Contribution"},
  "decisions":{"type":"array","items":{"$ref":"#/components/schemas/ShareDecision"}}
}})json"},
      {"GET", "/api/v1/contributions/{id}", R"json({"$ref":"#/components/schemas/Contribution"})json"},
      {"POST", "/api/v1/contributions/{id}/forward", R"json({"type":"object","required":["contribution","decisions"],"properties":{
  "contribution":{"$ref":"#/components/schemas/Contribution"},
  "decisions":{"type":"array","items":{"$ref":"#/components/schemas/ShareDecision"}}
}})json"},
  });
}

}  // namespace tafel::web
