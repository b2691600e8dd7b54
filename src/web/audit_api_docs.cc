// What the API document says the audit trail answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_audit_answers(http::ApiDocument& document) {
  document.add_schema("AuditEntry", R"json({"type":"object","required":["seq","time_us","time","actor","organisation","action","object_type","object_id","ground","rule","request_id","source","outcome"],"properties":{
  "seq":{"type":"integer"},
  "time_us":{"type":"integer"},
  "time":{"type":"string"},
  "actor":{"type":"string"},
  "organisation":{"type":"string"},
  "action":{"type":"string"},
  "object_type":{"type":"string"},
  "object_id":{"type":"string"},
  "ground":{"type":"string"},
  "rule":{"type":"string"},
  "request_id":{"type":"string"},
  "source":{"type":"string"},
  "outcome":{"type":"string"}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/audit/entries", R"json({"type":"object","required":["entries","next_before"],"properties":{
  "entries":{"type":"array","items":{"$ref":"#/components/schemas/AuditEntry"}},
  "next_before":{"type":"integer"}
}})json"},
      {"GET", "/api/v1/audit/persons/{id}/report", R"json({"type":"object","required":["person","organisations","entries","truncated"],"properties":{
  "person":{"type":"string"},
  "organisations":{"type":"array"},
  "entries":{"type":"array"},
  "truncated":{"type":"boolean"}
}})json"},
  });
}

}  // namespace tafel::web
