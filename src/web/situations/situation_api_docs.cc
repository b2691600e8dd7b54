// What the API document says the situations answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_situation_answers(http::ApiDocument& document) {
  document.add_schema("Situation", R"json({"type":"object","required":["id","title","behaviour","since","place","stage","missing_for_next_stage","triangle","action_plan","assessment","owner","participants","table","goals","actions","voices","steps","confirmations","version"],"properties":{
  "id":{"type":"integer"},
  "title":{"type":"string"},
  "behaviour":{"type":"string"},
  "since":{"type":"string"},
  "place":{"type":"object","required":["area","address"],"properties":{"area":{"type":"integer"},"address":{"type":"string"},"latitude":{"type":"number"},"longitude":{"type":"number"}}},
  "stage":{"type":"string"},
  "missing_for_next_stage":{"type":"array","items":{"type":"string"}},
  "triangle":{"type":"object","required":["offender","target","place","handler","guardian","manager"],"properties":{"offender":{"type":"string"},"target":{"type":"string"},"place":{"type":"string"},"handler":{"type":"string"},"guardian":{"type":"string"},"manager":{"type":"string"}}},
  "action_plan":{"type":"string"},
  "assessment":{"type":"string"},
  "owner":{"type":"integer"},
  "participants":{"type":"array","items":{"type":"integer"}},
  "table":{"type":"integer"},
  "goals":{"type":"array","items":{"type":"object","required":["organisation","text"],"properties":{"organisation":{"type":"integer"},"text":{"type":"string"}}}},
  "actions":{"type":"array","items":{"type":"object","required":["id","description","owner_organisation","owner_user","due","status"],"properties":{"id":{"type":"integer"},"description":{"type":"string"},"owner_organisation":{"type":"integer"},"owner_user":{"type":"integer"},"due":{"type":"string"},"status":{"type":"string"}}}},
  "voices":{"type":"array","items":{"type":"object","required":["id","quote","date","organisation"],"properties":{"id":{"type":"integer"},"quote":{"type":"string"},"date":{"type":"string"},"organisation":{"type":"integer"}}}},
  "steps":{"type":"array","items":{"type":"object","required":["from","to","by","at_us"],"properties":{"from":{"type":"string"},"to":{"type":"string"},"by":{"type":"integer"},"at_us":{"type":"integer"}}}},
  "confirmations":{"type":"array"},
  "version":{"type":"integer"}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/situations", R"json({"type":"object","required":["situations"],"properties":{
  "situations":{"type":"array","items":{"$ref":"#/components/schemas/Situation"}},
  "next":{"type":"integer","description":"present when there are more: send it as before"}
}})json"},
      {"POST", "/api/v1/situations", R"json({"$ref":"#/components/schemas/Situation"})json"},
      {"GET", "/api/v1/situations/{id}", R"json({"$ref":"#/components/schemas/Situation"})json"},
      {"PUT", "/api/v1/situations/{id}", R"json({"$ref":"#/components/schemas/Situation"})json"},
      {"POST", "/api/v1/situations/{id}/stage", R"json({"$ref":"#/components/schemas/Situation"})json"},
      {"POST", "/api/v1/situations/{id}/actions", R"json({"type":"object","required":["id","description","owner_organisation","owner_user","due","status"],"properties":{
  "id":{"type":"integer"},
  "description":{"type":"string"},
  "owner_organisation":{"type":"integer"},
  "owner_user":{"type":"integer"},
  "due":{"type":"string"},
  "status":{"type":"string"}
}})json"},
      {"PATCH", "/api/v1/situations/{id}/actions/{action}", R"json({"type":"object","required":["id","description","owner_organisation","owner_user","due","status"],"properties":{
  "id":{"type":"integer"},
  "description":{"type":"string"},
  "owner_organisation":{"type":"integer"},
  "owner_user":{"type":"integer"},
  "due":{"type":"string"},
  "status":{"type":"string"}
}})json"},
      {"POST", "/api/v1/situations/{id}/voices", R"json({"type":"object","required":["id","quote","date","organisation"],"properties":{
  "id":{"type":"integer"},
  "quote":{"type":"string"},
  "date":{"type":"string"},
  "organisation":{"type":"integer"}
}})json"},
      {"PUT", "/api/v1/situations/{id}/goals", R"json({"$ref":"#/components/schemas/Situation"})json"},
  });
}

}  // namespace tafel::web
