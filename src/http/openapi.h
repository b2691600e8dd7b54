#pragma once
// The OpenAPI 3.1 description of the JSON API, served at GET /api/v1/openapi.json.
//
// Modules describe each API operation when they register it (ApiDocument::add), so
// the document is built from the same table as the routes; tests/api checks that
// every /api/v1/ route of the router is in the served document and every documented
// operation is a route, and tests/api/conformance.test.mjs calls every documented
// operation with its example and checks the answer against the document.
//
// What a module leaves out is derived here, the same way for every operation: path
// parameters from the pattern, the error statuses every operation of its kind can
// give (see ApiOperation::errors), the security requirement from the scope, and the
// examples from the schemas. So each module only states what is its own.

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/router.h"

namespace tafel::http {

// A query parameter of an operation. Made implicitly from a name alone ({"lang"}): an
// optional string. A parameter the operation cannot do without is `required`; its
// `example` is what the reference page and the conformance walk send.
struct QueryParameter {
  QueryParameter(const char* n) : name(n) {}          // NOLINT: a bare name is the common case
  QueryParameter(std::string n) : name(std::move(n)) {}  // NOLINT
  QueryParameter(std::string n, std::string what, std::string sample = {}, bool needed = false,
                 std::string json_type = "string")
      : name(std::move(n)),
        description(std::move(what)),
        example(std::move(sample)),
        required(needed),
        type(std::move(json_type)) {}

  std::string name;
  std::string description;
  std::string example;   // a value as sent in the URL; empty: none
  bool required = false;
  std::string type = "string";  // JSON Schema type of the value: "string" or "integer"
};

struct ApiOperation {
  std::string method;   // "GET", "POST", ...
  std::string pattern;  // as registered: "/api/v1/users/{id}"
  std::string tag;      // group in the document: "accounts", "directory"
  std::string summary;  // one line, English
  // Security: "none" for public operations; "session" for operations open to browser
  // sessions only (tokens refused); else the API-token scope needed ("directory:read",
  // ...), and a browser session works too. Sessions send X-CSRF-Token on changes.
  std::string scope = "none";
  std::vector<QueryParameter> query;  // query parameters (a name alone: optional string)
  std::string request_schema;      // JSON Schema of the body (serialized), empty when none
  // The status of the success answer (201 for a creation).
  int success = 200;
  // Error statuses beyond the ones every operation can give: 400 (invalid input), 500
  // (storage failure) and, for authenticated operations, 401 and 403 (and 404 when the
  // pattern names a record). A module adds what its own error mapping gives (409 for a
  // conflict, 422, 413, ...).
  std::vector<int> errors = {};
  // JSON Schema of the success body (serialized); empty: "a JSON object".
  std::string response_schema = {};
  // Example bodies (serialized JSON); empty: built from the schema.
  std::string request_example = {};
  std::string response_example = {};
  // Media types of the bodies: an upload (request) or an export (response) is no JSON.
  std::string request_type = "application/json";
  std::string response_type = "application/json";
  // Error statuses whose body is not the common error shape: status, JSON Schema.
  std::vector<std::pair<int, std::string>> other_responses = {};
};

// `op` with a body that is no JSON: `request` and `response` media types ("" keeps
// JSON); several types are separated by ", ".
inline ApiOperation with_types(ApiOperation op, std::string request, std::string response) {
  if (!request.empty()) op.request_type = std::move(request);
  if (!response.empty()) op.response_type = std::move(response);
  return op;
}

// `op` with its query parameters.
inline ApiOperation with_query(ApiOperation op, std::vector<QueryParameter> query) {
  op.query = std::move(query);
  return op;
}

// `op` with `example` (serialized JSON, or the raw body of a non-JSON upload) as its
// request example, for bodies whose schema alone gives no valid one (fields that
// exclude each other).
inline ApiOperation with_example(ApiOperation op, std::string example) {
  op.request_example = std::move(example);
  return op;
}

// `op` answering 201 Created on success.
inline ApiOperation created(ApiOperation op) {
  op.success = 201;
  return op;
}

// Small builders of JSON Schemas (serialized) for the ApiOperation fields, so a
// module's documentation stays short.
namespace schema {
// {"type":"object","required":[<every key>],"properties":{key: schema...}}; each
// `properties` element is "\"key\":<schema>" text, e.g. prop("id", kInteger).
std::string object(const std::vector<std::string>& properties);
// "\"name\":<schema>", for object().
std::string prop(const std::string& name, const std::string& schema);
// {"type":"array","items":<item>}
std::string array(const std::string& item);
// An object with one required array `key` of `item`: the shape of every list answer.
std::string list(const std::string& key, const std::string& item);
// {"type":["<type>","null"]}
std::string nullable(const std::string& type);
// {"$ref":"#/components/schemas/<name>"}: a schema added with ApiDocument::add_schema.
std::string ref(const std::string& name);
inline constexpr const char* kInteger = R"({"type":"integer"})";
inline constexpr const char* kString = R"({"type":"string"})";
inline constexpr const char* kBoolean = R"({"type":"boolean"})";
inline constexpr const char* kObject = R"({"type":"object"})";
// {"status":"<word>"}: the answer of operations that only confirm.
inline constexpr const char* kStatus =
    R"({"type":"object","required":["status"],"properties":{"status":{"type":"string"}}})";
}  // namespace schema

class ApiDocument {
 public:
  ApiDocument(std::string title, std::string version) : title_(std::move(title)), version_(std::move(version)) {}

  void add(ApiOperation operation) { operations_.push_back(std::move(operation)); }
  const std::vector<ApiOperation>& operations() const { return operations_; }
  // The operation added as `method` `pattern`, for a module's documentation to fill
  // in after registering it; nullptr when there is none.
  ApiOperation* find(const std::string& method, const std::string& pattern);

  // Adds `schema` (serialized JSON Schema) as components/schemas/<name>, the shape of
  // a record several operations answer with; operations refer to it with
  // schema::ref(name). A second add under the same name replaces the first.
  void add_schema(const std::string& name, std::string schema) { schemas_[name] = std::move(schema); }

  // The OpenAPI 3.1 document as serialized JSON.
  std::string json() const;

 private:
  std::string title_;
  std::string version_;
  std::vector<ApiOperation> operations_;
  std::map<std::string, std::string> schemas_;
};

// The schema of an operation's success body, for a module to add after registering
// the operation (`schema` is serialized JSON Schema and outlives the call).
struct DocumentedAnswer {
  const char* method;
  const char* pattern;
  const char* schema;
};

// Sets the response schema of each listed operation of `document` that has none yet;
// an operation that is not in the document is skipped (the contract test finds it).
void document_answers(ApiDocument& document, std::initializer_list<DocumentedAnswer> answers);

// An example value that validates against `schema` (its "examples"/"const"/"enum"
// first, then a value of its type); for the documents' examples.
std::string example_for(const std::string& schema);

// Registers (and documents) GET /api/v1/openapi.json serving `document`, read at
// every request, so operations added later are included. Public: it describes the
// API, it exposes no data.
void add_openapi_route(Router& router, std::shared_ptr<ApiDocument> document);

}  // namespace tafel::http
