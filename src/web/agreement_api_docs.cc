// What the API document says the agreements and "May I share this?" answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_agreement_answers(http::ApiDocument& document) {
  document.add_schema("Agreement", R"json({"type":"object","required":["id","title","latest_version","latest_status","effective_version","parties","versions","facts_changed_since_signing","review"],"properties":{
  "id":{"type":"integer"},
  "title":{"type":"string"},
  "latest_version":{"type":"integer"},
  "latest_status":{"type":"string"},
  "effective_version":{"type":["integer","null"]},
  "parties":{"type":"array","items":{"type":"string"}},
  "versions":{"type":"array","items":{"$ref":"#/components/schemas/AgreementVersion"}},
  "facts_changed_since_signing":{"type":"array"},
  "review":{"type":"object","required":["findings","matrix","has_errors"],"properties":{"findings":{"type":"array"},"matrix":{"type":"array","items":{"type":"object","required":["from","to","cells"],"properties":{"from":{"type":"string"},"to":{"type":"string"},"cells":{"type":"array","items":{"type":"object","required":["purpose","category","grounds","forbidden"],"properties":{"purpose":{"type":"string"},"category":{"type":"string"},"grounds":{"type":"array","items":{"type":"string"}},"forbidden":{"type":"boolean"}}}}}}},"has_errors":{"type":"boolean"}}}
}})json");
  document.add_schema("AgreementSummary", R"json({"type":"object","required":["id","title","latest_version","latest_status","effective_version","parties"],"properties":{
  "id":{"type":"integer"},
  "title":{"type":"string"},
  "latest_version":{"type":"integer"},
  "latest_status":{"type":"string"},
  "effective_version":{"type":["integer","null"]},
  "parties":{"type":"array","items":{"type":"string"}}
}})json");
  document.add_schema("AgreementVersion", R"json({"type":"object","required":["number","status","hash","document","signatures","missing_signatures","created_at_us","status_changed_at_us"],"properties":{
  "number":{"type":"integer"},
  "status":{"type":"string"},
  "hash":{"type":"string"},
  "document":{"type":"object","required":["title","valid_from","valid_until","review_date","parties","rules","retention"],"properties":{"title":{"type":"string"},"valid_from":{"type":"string"},"valid_until":{"type":["string","null"]},"review_date":{"type":"string"},"parties":{"type":"array","items":{"type":"object","required":["organisation","finality","roles","tasks"],"properties":{"organisation":{"type":"string"},"finality":{"type":"string"},"roles":{"type":"array","items":{"type":"string"}},"tasks":{"type":"array","items":{"type":"string"}}}}},"rules":{"type":"array","items":{"type":"object","required":["id","effect","from","to","categories","purposes","grounds","legal_reference","obligations"],"properties":{"id":{"type":"string"},"effect":{"type":"string"},"from":{"type":"array","items":{"type":"string"}},"to":{"type":"array","items":{"type":"string"}},"categories":{"type":"array","items":{"type":"string"}},"purposes":{"type":"array","items":{"type":"string"}},"grounds":{"type":"array","items":{"type":"string"}},"legal_reference":{"type":"string"},"obligations":{"type":"array","items":{"type":"string"}}}}},"retention":{"type":"array","items":{"type":"object","required":["category","days"],"properties":{"category":{"type":"string"},"days":{"type":"integer"}}}}}},
  "signatures":{"type":"array"},
  "missing_signatures":{"type":"array","items":{"type":"string"}},
  "created_at_us":{"type":"integer"},
  "status_changed_at_us":{"type":"integer"}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/agreements", R"json({"type":"object","required":["agreements"],"properties":{
  "agreements":{"type":"array","items":{"$ref":"#/components/schemas/AgreementSummary"}}
}})json"},
      {"POST", "/api/v1/agreements", R"json({"type":"object","required":["id"],"properties":{
  "id":{"type":"integer"}
}})json"},
      {"GET", "/api/v1/agreements/{id}", R"json({"$ref":"#/components/schemas/Agreement"})json"},
      {"PUT", "/api/v1/agreements/{id}", R"json({"$ref":"#/components/schemas/AgreementVersion"})json"},
      {"POST", "/api/v1/agreements/{id}/versions", R"json({"$ref":"#/components/schemas/AgreementVersion"})json"},
      {"GET", "/api/v1/agreements/{id}/diff", R"json({"type":"object","required":["from","to","changes"],"properties":{
  "from":{"type":"integer"},
  "to":{"type":"integer"},
  "changes":{"type":"array"}
}})json"},
      {"POST", "/api/v1/agreements/{id}/signatures", R"json({"$ref":"#/components/schemas/AgreementVersion"})json"},
      {"POST", "/api/v1/agreements/{id}/status", R"json({"type":"object","required":["status"],"properties":{
  "status":{"type":"string"}
}})json"},
      {"POST", "/api/v1/decisions", R"json({"type":"object","required":["decision","ground","agreement","rule","obligations","reasons","lang","explanation"],"properties":{
  "decision":{"type":"string"},
  "ground":{"type":["string","null"]},
  "agreement":{"type":["string","null"]},
  "rule":{"type":["string","null"]},
  "obligations":{"type":"array"},
  "reasons":{"type":"array","items":{"type":"string"}},
  "lang":{"type":"string"},
  "explanation":{"type":"array","items":{"type":"string"}}
}})json"},
  });
}

}  // namespace tafel::web
