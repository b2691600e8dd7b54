// What the API document says the consultation tables, meetings, minutes, actions and feedback forms answer (issue 20): the JSON
// Schemas of the records (components/schemas) and of each operation's success body.
// They were drafted from the demo city's answers and corrected by reading the
// *_json functions; tests/api/conformance.test.mjs validates every answer it gets
// against them, so a change of an answer's shape fails there until it is written here.

#include "http/openapi.h"

namespace tafel::web {

void document_table_answers(http::ApiDocument& document) {
  // A table's head (everything but its meetings and actions) is what the list
  // answers; one table answers the head with them.
  const std::string head_required =
      R"json("id","name","kind","basis","allows_cases","basis_approved","cases_open","basis_reference","basis_document","finality","finality_statement","agreement","case_retention_days","members","delegates","secrecy","secrecy_version","series","version")json";
  const std::string head_properties = R"json(
  "id":{"type":"integer"},
  "name":{"type":"string"},
  "kind":{"type":"string"},
  "basis":{"type":"string"},
  "allows_cases":{"type":"boolean"},
  "basis_approved":{"type":"boolean"},
  "cases_open":{"type":"boolean"},
  "basis_reference":{"type":"string"},
  "basis_document":{"type":"string"},
  "finality":{"type":"array","items":{"type":"string"}},
  "finality_statement":{"type":"string"},
  "agreement":{"type":"string"},
  "case_retention_days":{"type":["integer","null"]},
  "members":{"type":"array","items":{"type":"integer"}},
  "delegates":{"type":"array","items":{"type":"object","required":["user","organisation","role"],"properties":{"user":{"type":"integer"},"organisation":{"type":"integer"},"role":{"type":"string"}}}},
  "secrecy":{"type":"array","items":{"type":"object","required":["version","text"],"properties":{"version":{"type":"integer"},"text":{"type":"string"}}}},
  "secrecy_version":{"type":"integer"},
  "series":{"type":"array","items":{"type":"object","required":["id","rule","start","duration_minutes","venue","video_link"],"properties":{"id":{"type":"integer"},"rule":{"type":"string"},"start":{"type":"string"},"duration_minutes":{"type":"integer"},"venue":{"type":"string"},"video_link":{"type":"string"}}}},
  "version":{"type":"integer"})json";
  document.add_schema("TableSummary", R"json({"type":"object","required":[)json" + head_required +
                                          R"json(],"additionalProperties":false,"properties":{)json" +
                                          head_properties + "}}");
  document.add_schema("Table", R"json({"type":"object","required":[)json" + head_required +
                                   R"json(,"meetings","actions"],"properties":{)json" + head_properties + R"json(,
  "meetings":{"type":"array","items":{"$ref":"#/components/schemas/Meeting"}},
  "actions":{"type":"array","items":{"$ref":"#/components/schemas/TableAction"}}
}})json");
  document.add_schema("Meeting", R"json({"type":"object","required":["id","series_id","local_start","original_start","starts_at_us","ends_at_us","venue","video_link","status","agenda","attendance","attending_organisations","acknowledgements","decisions","declined","feedback","minutes"],"properties":{
  "id":{"type":"integer"},
  "series_id":{"type":"integer"},
  "local_start":{"type":"string"},
  "original_start":{"type":"string"},
  "starts_at_us":{"type":"integer"},
  "ends_at_us":{"type":"integer"},
  "venue":{"type":"string"},
  "video_link":{"type":"string"},
  "status":{"type":"string"},
  "agenda":{"type":"array","items":{"$ref":"#/components/schemas/AgendaItem"}},
  "attendance":{"type":"array","items":{"type":"object","required":["user","organisation","presence"],"properties":{"user":{"type":"integer"},"organisation":{"type":"integer"},"presence":{"type":"string"}}}},
  "attending_organisations":{"type":"array","items":{"type":"integer"}},
  "acknowledgements":{"type":"array","items":{"type":"object","required":["user","organisation","version","current"],"properties":{"user":{"type":"integer"},"organisation":{"type":"integer"},"version":{"type":"integer"},"current":{"type":"boolean"}}}},
  "decisions":{"type":"array","items":{"type":"object","required":["id","item_id","text"],"properties":{"id":{"type":"integer"},"item_id":{"type":"integer"},"text":{"type":"string"}}}},
  "declined":{"type":"array"},
  "feedback":{"type":"array","items":{"$ref":"#/components/schemas/FeedbackForm"}},
  "minutes":{"type":"object","required":["versions","frozen","pending"],"properties":{"versions":{"type":"array","items":{"type":"object","required":["number","markdown","reason","drafted_by","approvals","frozen"],"properties":{"number":{"type":"integer"},"markdown":{"type":"string"},"reason":{"type":"string"},"drafted_by":{"type":"integer"},"approvals":{"type":"array","items":{"type":"integer"}},"frozen":{"type":"boolean"}}}},"frozen":{"type":"boolean"},"pending":{"type":"array","items":{"type":"integer"}}}}
}})json");
  document.add_schema("AgendaItem", R"json({"type":"object","required":["id","kind","quick","title","time_box_minutes","minutes_used","owner_user","owner_organisation","carried_over_from","carry_over"],"properties":{
  "id":{"type":"integer"},
  "kind":{"type":"string"},
  "quick":{"type":"boolean"},
  "title":{"type":"string"},
  "time_box_minutes":{"type":"integer"},
  "minutes_used":{"type":"integer"},
  "owner_user":{"type":"integer"},
  "owner_organisation":{"type":"integer"},
  "carried_over_from":{"type":"integer"},
  "carry_over":{"type":"boolean"}
}})json");
  document.add_schema("TableAction", R"json({"type":"object","required":["id","meeting_id","item_id","description","owner_organisation","owner_user","due","status","done_on"],"properties":{
  "id":{"type":"integer"},
  "meeting_id":{"type":"integer"},
  "item_id":{"type":"integer"},
  "description":{"type":"string"},
  "owner_organisation":{"type":"integer"},
  "owner_user":{"type":"integer"},
  "due":{"type":"string"},
  "status":{"type":"string"},
  "done_on":{"type":"string"}
}})json");
  document.add_schema("FeedbackForm", R"json({"type":"object","required":["id","recipient","item_ids","text","categories","purpose","state","answers","pending","disclosures","blocked_reason","blocked_by","explanation","sent_at_us"],"properties":{
  "id":{"type":"integer"},
  "recipient":{"type":"integer"},
  "item_ids":{"type":"array","items":{"type":"integer"}},
  "text":{"type":"string"},
  "categories":{"type":"array","items":{"type":"string"}},
  "purpose":{"type":"string"},
  "state":{"type":"string"},
  "answers":{"type":"array","items":{"type":"object","required":["organisation","user","consent"],"properties":{"organisation":{"type":"integer"},"user":{"type":"integer"},"consent":{"type":"boolean"}}}},
  "pending":{"type":"array","items":{"type":"integer"}},
  "disclosures":{"type":"array"},
  "blocked_reason":{"type":"string"},
  "blocked_by":{"type":"integer"},
  "explanation":{"type":"array"},
  "sent_at_us":{"type":"integer"}
}})json");
  http::document_answers(document, {
      {"GET", "/api/v1/tables", R"json({"type":"object","required":["tables"],"properties":{
  "tables":{"type":"array","items":{"$ref":"#/components/schemas/TableSummary"}},
  "next":{"type":"integer","description":"the `after` of the next page; absent on the last"}
}})json"},
      {"POST", "/api/v1/tables", R"json({"$ref":"#/components/schemas/Table"})json"},
      {"GET", "/api/v1/tables/{id}", R"json({"$ref":"#/components/schemas/Table"})json"},
      {"PUT", "/api/v1/tables/{id}", R"json({"$ref":"#/components/schemas/Table"})json"},
      {"POST", "/api/v1/tables/{id}/basis-approval", R"json({"$ref":"#/components/schemas/Table"})json"},
      {"POST", "/api/v1/tables/{id}/secrecy-text", R"json({"type":"object","required":["version"],"properties":{
  "version":{"type":"integer"}
}})json"},
      {"POST", "/api/v1/tables/{id}/series", R"json({"type":"object","required":["id","rule","start"],"properties":{
  "id":{"type":"integer"},
  "rule":{"type":"string"},
  "start":{"type":"string"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings", R"json({"$ref":"#/components/schemas/Meeting"})json"},
      {"POST", "/api/v1/tables/{id}/actions/{action}/status", R"json({"$ref":"#/components/schemas/TableAction"})json"},
      {"POST", "/api/v1/me/calendar-token", R"json({"type":"object","required":["token","path"],"properties":{
  "token":{"type":"string"},
  "path":{"type":"string"}
}})json"},
      {"DELETE", "/api/v1/me/calendar-token", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"GET", "/api/v1/me/meetings", R"json({"type":"object","required":["meetings"],"properties":{
  "meetings":{"type":"array","items":{"type":"object","required":["table_id","table_name","meeting"],"properties":{"table_id":{"type":"integer"},"table_name":{"type":"string"},"meeting":{"$ref":"#/components/schemas/Meeting"}}}}
}})json"},
      {"GET", "/api/v1/me/actions", R"json({"type":"object","required":["actions"],"properties":{
  "actions":{"type":"array"}
}})json"},
      {"GET", "/api/v1/me/overdue-actions", R"json({"type":"object","required":["actions"],"properties":{
  "actions":{"type":"array"}
}})json"},
      {"GET", "/api/v1/tables/{id}/history", R"json({"type":"object","required":["table_id","held","past_meetings","attendance","actions","actions_by_organisation"],"properties":{
  "table_id":{"type":"integer"},
  "held":{"type":"integer"},
  "past_meetings":{"type":"array","items":{"type":"integer"}},
  "attendance":{"type":"array","items":{"type":"object","required":["organisation","present","excused","absent","rate_percent"],"properties":{"organisation":{"type":"integer"},"present":{"type":"integer"},"excused":{"type":"integer"},"absent":{"type":"integer"},"rate_percent":{"type":"integer"}}}},
  "actions":{"type":"object","required":["done_on_time","done_late","open","overdue","cancelled"],"properties":{"done_on_time":{"type":"integer"},"done_late":{"type":"integer"},"open":{"type":"integer"},"overdue":{"type":"integer"},"cancelled":{"type":"integer"}}},
  "actions_by_organisation":{"type":"array"}
}})json"},
      {"GET", "/api/v1/me/overdue-by-organisation", R"json({"type":"object","required":["organisations"],"properties":{
  "organisations":{"type":"array"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/move", R"json({"$ref":"#/components/schemas/Meeting"})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/cancel", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/open", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/close", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/items", R"json({"$ref":"#/components/schemas/AgendaItem"})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/items/{item}/time-used", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"GET", "/api/v1/tables/{id}/meetings/{meeting}/items/{item}/case", R"json({"type":"object","required":["case_id"],"properties":{
  "case_id":{"type":"integer"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/attendance", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/acknowledgement", R"json({"type":"object","required":["version"],"properties":{
  "version":{"type":"integer"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/decisions", R"json({"type":"object","required":["id","item_id","text"],"properties":{
  "id":{"type":"integer"},
  "item_id":{"type":"integer"},
  "text":{"type":"string"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/actions", R"json({"$ref":"#/components/schemas/TableAction"})json"},
      {"PUT", "/api/v1/tables/{id}/meetings/{meeting}/minutes", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/minutes/corrections", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/minutes/approvals", R"json({"type":"object","required":["frozen"],"properties":{
  "frozen":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/items/{item}/carry-over", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/carry-over", R"json({"type":"object","required":["next_meeting","copied","waiting"],"properties":{
  "next_meeting":{"type":"integer"},
  "copied":{"type":"array"},
  "waiting":{"type":"array"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/items/{item}/declined", R"json({"type":"object","required":["item_id","organisation","reason"],"properties":{
  "item_id":{"type":"integer"},
  "organisation":{"type":"integer"},
  "reason":{"type":"string"}
}})json"},
      {"DELETE", "/api/v1/tables/{id}/meetings/{meeting}/items/{item}/declined", R"json({"type":"object","required":["ok"],"properties":{
  "ok":{"type":"boolean"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/feedback", R"json({"$ref":"#/components/schemas/FeedbackForm"})json"},
      {"GET", "/api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}", R"json({"type":"object","required":["table_id","table_name","meeting_id","meeting_start","items","feedback"],"properties":{
  "table_id":{"type":"integer"},
  "table_name":{"type":"string"},
  "meeting_id":{"type":"integer"},
  "meeting_start":{"type":"string"},
  "items":{"type":"array","items":{"type":"object","required":["id","title"],"properties":{"id":{"type":"integer"},"title":{"type":"string"}}}},
  "feedback":{"$ref":"#/components/schemas/FeedbackForm"}
}})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}/submit", R"json({"$ref":"#/components/schemas/FeedbackForm"})json"},
      {"POST", "/api/v1/tables/{id}/meetings/{meeting}/feedback/{feedback}/answers", R"json({"$ref":"#/components/schemas/FeedbackForm"})json"},
      {"GET", "/api/v1/me/feedback", R"json({"type":"object","required":["feedback"],"properties":{
  "feedback":{"type":"array"}
}})json"},
  });
}

}  // namespace tafel::web
