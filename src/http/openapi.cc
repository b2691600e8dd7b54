#include "http/openapi.h"

#include <boost/json.hpp>
#include <algorithm>
#include <cctype>
#include <map>

namespace tafel::http {

namespace json = boost::json;

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool is_safe(const std::string& method) { return method == "GET" || method == "HEAD"; }

const char* describe(int status) {
  switch (status) {
    case 200: return "Success";
    case 201: return "Created";
    case 204: return "Done, no content";
    case 400: return "Invalid input (the body, a parameter or a value the rules refuse)";
    case 401: return "Not authenticated (no session, or a wrong login or code)";
    case 403: return "Not allowed: a right, the second factor, the token's scope or the CSRF header is missing";
    case 404: return "No such record, or none the caller may see";
    case 409: return "Conflict with the record's current state";
    case 413: return "The upload is too large";
    case 415: return "Unsupported media type";
    case 422: return "Refused by a rule (the error code says which)";
    case 429: return "Too many attempts; retry after the Retry-After header";
    case 500: return "Server error (storage or cryptography unavailable)";
    case 503: return "A service this operation needs is unavailable";
    default: return "See the error code";
  }
}

// Component schemas by name, for resolving "$ref" while building examples.
using Components = std::map<std::string, json::value>;

json::value example_value(const json::value& schema, const Components& components = {}) {
  if (!schema.is_object()) return nullptr;
  const auto& s = schema.as_object();
  if (auto* r = s.if_contains("$ref"); r && r->is_string()) {
    constexpr std::string_view kPrefix = "#/components/schemas/";
    std::string_view target = r->as_string();
    if (target.starts_with(kPrefix)) {
      auto it = components.find(std::string(target.substr(kPrefix.size())));
      if (it != components.end()) return example_value(it->second, components);
    }
    return nullptr;
  }
  if (auto* e = s.if_contains("examples"); e && e->is_array() && !e->as_array().empty()) return e->as_array()[0];
  if (auto* e = s.if_contains("example")) return *e;
  if (auto* c = s.if_contains("const")) return *c;
  if (auto* e = s.if_contains("enum"); e && e->is_array() && !e->as_array().empty()) return e->as_array()[0];
  for (const char* key : {"oneOf", "anyOf"}) {
    if (auto* e = s.if_contains(key); e && e->is_array() && !e->as_array().empty()) {
      return example_value(e->as_array()[0], components);
    }
  }
  // Every part of an allOf holds: the objects' examples merged.
  if (auto* all = s.if_contains("allOf"); all && all->is_array()) {
    json::object out;
    for (const auto& part : all->as_array()) {
      json::value v = example_value(part, components);
      if (v.is_object()) {
        for (const auto& [key, value] : v.as_object()) out[key] = value;
      }
    }
    return out;
  }
  std::string type;
  if (auto* t = s.if_contains("type")) {
    if (t->is_string()) type = t->as_string();
    if (t->is_array()) {
      for (const auto& item : t->as_array()) {
        if (item.is_string() && item.as_string() != "null") {
          type = item.as_string();
          break;
        }
      }
    }
  } else if (s.contains("properties")) {
    type = "object";
  }
  if (type == "object") {
    json::object out;
    if (auto* p = s.if_contains("properties"); p && p->is_object()) {
      for (const auto& [key, value] : p->as_object()) out[key] = example_value(value, components);
    }
    return out;
  }
  if (type == "array") {
    json::array out;
    if (auto* items = s.if_contains("items")) out.push_back(example_value(*items, components));
    return out;
  }
  if (type == "string") {
    std::string format;
    if (auto* f = s.if_contains("format"); f && f->is_string()) format = f->as_string();
    if (format == "date") return "2026-03-02";
    if (format == "date-time") return "2026-03-02T09:30:00Z";
    if (format == "email") return "name@example.org";
    return "text";
  }
  if (type == "integer" || type == "number") return 1;
  if (type == "boolean") return true;
  return nullptr;
}

json::value parse_or(const std::string& text, json::value fallback) {
  return text.empty() ? fallback : json::parse(text);
}

// The content of a body of `type` with `schema` and `example`.
// `type` may list several media types, separated by ", " (an upload of PDF or PNG).
json::object content(const std::string& type, json::value schema, json::value example) {
  json::object out;
  std::size_t start = 0;
  while (start <= type.size()) {
    std::size_t end = type.find(", ", start);
    if (end == std::string::npos) end = type.size();
    out[type.substr(start, end - start)] = {{"schema", schema}, {"example", example}};
    start = end + 2;
  }
  return out;
}

json::object error_response(int status) {
  return {{"description", describe(status)},
          {"content", content("application/json", {{"$ref", "#/components/schemas/Error"}},
                              {{"error", {{"code", status == 401 ? "not_authenticated"
                                                   : status == 403 ? "forbidden"
                                                   : status == 404 ? "not_found"
                                                   : status == 500 ? "database_error"
                                                                   : "invalid_input"},
                                          {"message", describe(status)}}}})}};
}

// The security requirement of `op`: none, session (with the CSRF header on changes)
// and, unless the operation is for sessions only, a bearer token with its scope.
json::array security(const ApiOperation& op) {
  if (op.scope == "none") return {};
  json::object session{{"session", json::array{}}};
  if (!is_safe(op.method)) session["csrf"] = json::array{};
  json::array out{session};
  if (op.scope != "session") out.push_back(json::object{{"bearer", json::array{json::string(op.scope)}}});
  return out;
}

json::object operation_json(const ApiOperation& op, const Components& components) {
  json::object operation;
  operation["summary"] = op.summary;
  operation["tags"] = json::array{json::string(op.tag)};
  operation["operationId"] = lower(op.method) + op.pattern;
  json::array parameters;
  bool has_record = false;
  std::size_t pos = 0;
  while ((pos = op.pattern.find('{', pos)) != std::string::npos) {
    auto end = op.pattern.find('}', pos);
    parameters.push_back(json::object{{"name", op.pattern.substr(pos + 1, end - pos - 1)},
                                      {"in", "path"},
                                      {"required", true},
                                      {"description", "a record id"},
                                      {"schema", {{"type", "string"}, {"pattern", "^[1-9][0-9]*$"}}},
                                      {"example", "1"}});
    has_record = true;
    pos = end;
  }
  for (const auto& q : op.query) {
    json::object parameter{{"name", q.name}, {"in", "query"}, {"required", q.required}, {"schema", {{"type", q.type}}}};
    if (!q.description.empty()) parameter["description"] = q.description;
    if (!q.example.empty()) {
      parameter["example"] = q.type == "integer" ? json::value(std::stoll(q.example)) : json::value(q.example);
    }
    parameters.push_back(std::move(parameter));
  }
  if (!parameters.empty()) operation["parameters"] = parameters;
  if (!op.request_schema.empty()) {
    json::value schema = json::parse(op.request_schema);
    json::value example = op.request_example.empty() ? example_value(schema, components) : json::parse(op.request_example);
    operation["requestBody"] = {{"required", true}, {"content", content(op.request_type, schema, example)}};
  } else if (op.request_type != "application/json") {
    operation["requestBody"] = {{"required", true},
                                {"content", content(op.request_type, {{"type", "string"}}, json::value(op.request_example))}};
  }

  json::object responses;
  const bool json_answer = op.response_type == "application/json";
  json::value schema = parse_or(op.response_schema, json_answer ? json::object{{"type", "object"}}
                                                                : json::object{{"type", "string"}});
  json::value example = op.response_example.empty() ? example_value(schema, components)
                        : json_answer                ? json::parse(op.response_example)
                                                     : json::value(op.response_example);
  responses[std::to_string(op.success)] = {{"description", describe(op.success)},
                                           {"content", content(op.response_type, schema, example)}};
  std::vector<int> errors{400, 500};
  if (op.scope != "none") errors.insert(errors.end(), {401, 403});
  if (has_record) errors.push_back(404);
  errors.insert(errors.end(), op.errors.begin(), op.errors.end());
  std::sort(errors.begin(), errors.end());
  errors.erase(std::unique(errors.begin(), errors.end()), errors.end());
  for (int status : errors) responses[std::to_string(status)] = error_response(status);
  for (const auto& [status, body] : op.other_responses) {
    json::value s = json::parse(body);
    responses[std::to_string(status)] = {{"description", describe(status)},
                                         {"content", content("application/json", s, example_value(s, components))}};
  }
  operation["responses"] = responses;
  operation["security"] = security(op);
  return operation;
}

}  // namespace

namespace schema {
std::string prop(const std::string& name, const std::string& schema) { return json::serialize(json::value(name)) + ":" + schema; }
std::string object(const std::vector<std::string>& properties) {
  std::string required, props;
  for (const auto& p : properties) {
    if (!props.empty()) {
      props += ',';
      required += ',';
    }
    props += p;
    required += p.substr(0, p.find("\":") + 1);
  }
  return R"({"type":"object","required":[)" + required + R"(],"properties":{)" + props + "}}";
}
std::string array(const std::string& item) { return R"({"type":"array","items":)" + item + "}"; }
std::string list(const std::string& key, const std::string& item) { return object({prop(key, array(item))}); }
std::string nullable(const std::string& type) { return R"({"type":[")" + type + R"(","null"]})"; }
std::string ref(const std::string& name) { return R"({"$ref":"#/components/schemas/)" + name + R"("})"; }
}  // namespace schema

std::string example_for(const std::string& schema) { return json::serialize(example_value(json::parse(schema))); }

void document_answers(ApiDocument& document, std::initializer_list<DocumentedAnswer> answers) {
  for (const auto& a : answers) {
    if (auto* op = document.find(a.method, a.pattern); op && op->response_schema.empty()) op->response_schema = a.schema;
  }
}

ApiOperation* ApiDocument::find(const std::string& method, const std::string& pattern) {
  for (auto& op : operations_) {
    if (op.method == method && op.pattern == pattern) return &op;
  }
  return nullptr;
}

std::string ApiDocument::json() const {
  Components components;
  for (const auto& [name, schema] : schemas_) components[name] = json::parse(schema);
  json::object paths;
  for (const auto& op : operations_) {
    // One path object per pattern, one entry per method: emplace_object() would drop
    // the methods registered before.
    json::value& path = paths[op.pattern];
    if (!path.is_object()) path.emplace_object();
    path.as_object()[lower(op.method)] = operation_json(op, components);
  }
  json::object doc;
  doc["openapi"] = "3.1.0";
  doc["info"] = {{"title", title_},
                 {"version", version_},
                 {"description",
                  "The JSON API of tafel. Errors have one shape (components/schemas/Error). Authenticate with a "
                  "browser session (POST /api/v1/session, then the second factor; send X-CSRF-Token on changes) "
                  "or a personal API token with the scope an operation names. The reference page is /api/docs."}};
  doc["paths"] = paths;
  doc["components"] = {
      {"securitySchemes",
       {{"session",
         {{"type", "apiKey"},
          {"in", "cookie"},
          {"name", "__Host-tafel_session"},
          {"description", "Browser session from POST /api/v1/session (cookie tafel_session on plain-HTTP "
                          "loopback). State-changing requests also need the csrf scheme."}}},
        {"csrf",
         {{"type", "apiKey"},
          {"in", "header"},
          {"name", "X-CSRF-Token"},
          {"description", "The csrf_token of the login answer; required with a session on every change."}}},
        {"bearer",
         {{"type", "http"},
          {"scheme", "bearer"},
          {"description", "Personal API token (tafel_...), issued at /account/tokens; the operation names the "
                          "scope the token needs."}}}}},
      {"schemas",
       {{"Error",
         {{"type", "object"},
          {"required", json::array{"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", json::array{"code", "message"}},
              {"properties", {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}}}};
  auto& schemas = doc["components"].as_object()["schemas"].as_object();
  for (const auto& [name, schema] : components) schemas[name] = schema;
  return json::serialize(doc);
}

void add_openapi_route(Router& router, std::shared_ptr<ApiDocument> document) {
  ApiOperation op{"GET", "/api/v1/openapi.json", "meta", "This document", "none", {}, ""};
  op.response_schema = R"({"type":"object","required":["openapi","info","paths"],"properties":{"openapi":{"const":"3.1.0"},"info":{"type":"object"},"paths":{"type":"object"},"components":{"type":"object"}}})";
  op.response_example = R"({"openapi":"3.1.0","info":{"title":"tafel","version":"1"},"paths":{}})";
  document->add(std::move(op));
  router.add("GET", "/api/v1/openapi.json", [document](Request&) { return Response::json(200, document->json()); });
}

}  // namespace tafel::http
