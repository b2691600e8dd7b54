#pragma once
// The OpenAPI 3.1 description of the JSON API, served at GET /api/v1/openapi.json.
//
// Modules describe each API operation when they register it (ApiDocument::add), so
// the document is built from the same table as the routes; tests/routes checks that
// every /api/ route of the router is documented and every documented operation is a
// route, which catches routes registered without a description.

#include <memory>
#include <string>
#include <vector>

#include "http/router.h"

namespace tafel::http {

struct ApiOperation {
  std::string method;   // "GET", "POST", ...
  std::string pattern;  // as registered: "/api/v1/users/{id}"
  std::string tag;      // group in the document: "accounts", "directory"
  std::string summary;  // one line, English
  // Security: "none" for public operations, else the API-token scope needed
  // ("directory:read", ...); session cookies work for every authenticated operation.
  std::string scope = "none";
  std::vector<std::string> query;  // names of optional query parameters
  std::string request_schema;      // JSON Schema of the body (serialized), empty when none
};

class ApiDocument {
 public:
  ApiDocument(std::string title, std::string version) : title_(std::move(title)), version_(std::move(version)) {}

  void add(ApiOperation operation) { operations_.push_back(std::move(operation)); }
  const std::vector<ApiOperation>& operations() const { return operations_; }

  // The OpenAPI 3.1 document as serialized JSON.
  std::string json() const;

 private:
  std::string title_;
  std::string version_;
  std::vector<ApiOperation> operations_;
};

// Registers (and documents) GET /api/v1/openapi.json serving `document`, read at
// every request, so operations added later are included. Public: it describes the
// API, it exposes no data.
void add_openapi_route(Router& router, std::shared_ptr<ApiDocument> document);

}  // namespace tafel::http
