#include "http/openapi.h"

#include <boost/json.hpp>
#include <cctype>
#include <map>

namespace tafel::http {

namespace json = boost::json;

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

json::object error_response(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

}  // namespace

std::string ApiDocument::json() const {
  json::object paths;
  for (const auto& op : operations_) {
    json::object operation;
    operation["summary"] = op.summary;
    operation["tags"] = json::array{json::string(op.tag)};
    operation["operationId"] = lower(op.method) + op.pattern;
    json::array parameters;
    std::size_t pos = 0;
    while ((pos = op.pattern.find('{', pos)) != std::string::npos) {
      auto end = op.pattern.find('}', pos);
      parameters.push_back(json::object{{"name", op.pattern.substr(pos + 1, end - pos - 1)},
                                        {"in", "path"},
                                        {"required", true},
                                        {"schema", {{"type", "string"}}}});
      pos = end;
    }
    for (const auto& q : op.query) {
      parameters.push_back(
          json::object{{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = parameters;
    if (!op.request_schema.empty()) {
      operation["requestBody"] = {{"required", true},
                                  {"content", {{"application/json", {{"schema", json::parse(op.request_schema)}}}}}};
    }
    json::object responses;
    responses["200"] = {{"description", "Success"},
                        {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    responses["400"] = error_response("Invalid input");
    if (op.scope == "none") {
      operation["security"] = json::array{};
    } else {
      operation["security"] = json::array{json::object{{"session", json::array{}}},
                                          json::object{{"bearer", json::array{json::string(op.scope)}}}};
      responses["401"] = error_response("Not authenticated");
      responses["403"] = error_response("Not allowed, second factor missing, or CSRF token missing");
      responses["404"] = error_response("No such record");
    }
    operation["responses"] = responses;
    // One path object per pattern, one entry per method: emplace_object() would drop
    // the methods registered before.
    json::value& path = paths[op.pattern];
    if (!path.is_object()) path.emplace_object();
    path.as_object()[lower(op.method)] = std::move(operation);
  }
  json::object doc;
  doc["openapi"] = "3.1.0";
  doc["info"] = {{"title", title_}, {"version", version_}};
  doc["paths"] = paths;
  doc["components"] = {
      {"securitySchemes",
       {{"session",
         {{"type", "apiKey"},
          {"in", "cookie"},
          {"name", "__Host-tafel_session"},
          {"description", "Browser session (tafel_session on plain-HTTP loopback). State-changing requests also "
                          "need the X-CSRF-Token header."}}},
        {"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "Personal API token (tafel_...)"}}}}},
      {"schemas",
       {{"Error",
         {{"type", "object"},
          {"required", json::array{"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"properties", {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}}}};
  return json::serialize(doc);
}

void add_openapi_route(Router& router, std::shared_ptr<ApiDocument> document) {
  document->add({"GET", "/api/v1/openapi.json", "meta", "This document", "none", {}, ""});
  router.add("GET", "/api/v1/openapi.json", [document](Request&) { return Response::json(200, document->json()); });
}

}  // namespace tafel::http
