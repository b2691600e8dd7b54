#include "web/api_docs_page.h"

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "web/page.h"
#include "web/viewer.h"

namespace tafel::web {

namespace json = boost::json;
using kainjow::mustache::data;

namespace {

// JSON indented for reading (boost::json::serialize writes one line).
void pretty(const json::value& v, std::string& out, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  const std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
  if (v.is_object() && !v.as_object().empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [key, value] : v.as_object()) {
      if (!first) out += ",\n";
      first = false;
      out += inner + json::serialize(json::value(key)) + ": ";
      pretty(value, out, indent + 1);
    }
    out += "\n" + pad + "}";
  } else if (v.is_array() && !v.as_array().empty()) {
    out += "[\n";
    bool first = true;
    for (const auto& value : v.as_array()) {
      if (!first) out += ",\n";
      first = false;
      out += inner;
      pretty(value, out, indent + 1);
    }
    out += "\n" + pad + "]";
  } else {
    out += json::serialize(v);
  }
}

std::string pretty(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  std::string out;
  pretty(v, out, 0);
  return out;
}

// An id for a fragment link: letters and digits, the rest '-'.
std::string anchor(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    char next = keep ? static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) : '-';
    if (next == '-' && (out.empty() || out.back() == '-')) continue;
    out += next;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// The one media type of a content object: {type, schema, example}.
data media(const Page& page, const json::object& content) {
  data out;
  for (const auto& [type, value] : content) {
    const auto& m = value.as_object();
    out.set("type", std::string(type));
    if (auto* s = m.if_contains("schema")) out.set("schema", pretty(*s));
    if (auto* e = m.if_contains("example")) out.set("example", pretty(*e));
    out.set("schema_label", page.text("api.docs.schema"));
    break;
  }
  return out;
}

std::string security_text(const Page& page, const json::object& operation) {
  const auto* security = operation.if_contains("security");
  if (!security || !security->is_array() || security->as_array().empty()) return page.text("api.docs.security.public");
  std::vector<std::string> ways;
  for (const auto& requirement : security->as_array()) {
    const auto& r = requirement.as_object();
    if (r.contains("session")) {
      ways.push_back(page.text(r.contains("csrf") ? "api.docs.security.session_csrf" : "api.docs.security.session"));
    }
    if (auto* bearer = r.if_contains("bearer")) {
      std::string scopes;
      for (const auto& s : bearer->as_array()) scopes += (scopes.empty() ? "" : ", ") + std::string(s.as_string());
      ways.push_back(page.text("api.docs.security.bearer", {{"scope", scopes}}));
    }
  }
  std::string out;
  for (const auto& w : ways) out += (out.empty() ? "" : page.text("api.docs.security.or")) + w;
  return out;
}

data operation_data(const Page& page, const std::string& method, const std::string& path,
                    const json::object& operation) {
  data op;
  std::string upper = method;
  for (auto& c : upper) c = static_cast<char>(c - 'a' + 'A');
  op.set("anchor", anchor(upper + " " + path));
  op.set("method", upper);
  op.set("path", path);
  if (auto* s = operation.if_contains("summary"); s && s->is_string()) op.set("summary", std::string(s->as_string()));
  op.set("security", security_text(page, operation));

  data parameters{data::type::list};
  bool any = false;
  if (auto* ps = operation.if_contains("parameters")) {
    for (const auto& p : ps->as_array()) {
      const auto& o = p.as_object();
      data row;
      row.set("name", std::string(o.at("name").as_string()));
      row.set("in", page.text("api.docs.in." + std::string(o.at("in").as_string())));
      bool required = o.contains("required") && o.at("required").as_bool();
      row.set("required", page.text(required ? "api.docs.required.yes" : "api.docs.required.no"));
      parameters.push_back(row);
      any = true;
    }
  }
  op.set("has_parameters", any);
  op.set("parameters", parameters);

  if (auto* body = operation.if_contains("requestBody")) {
    op.set("request", media(page, body->as_object().at("content").as_object()));
  }
  data responses{data::type::list};
  for (const auto& [status, value] : operation.at("responses").as_object()) {
    const auto& r = value.as_object();
    data row;
    row.set("status", std::string(status));
    row.set("description", std::string(r.at("description").as_string()));
    responses.push_back(row);
    if (status.starts_with("2") && r.contains("content")) op.set("response", media(page, r.at("content").as_object()));
  }
  op.set("responses", responses);
  return op;
}

http::Response docs_page(const http::Request& request, const Options& options, const http::ApiDocument& document) {
  Page page(request, options, "api_docs");
  show_viewer(page, request, options);
  page.set_title(page.text("api.docs.title"));
  for (const char* key : {"title", "intro", "auth_heading", "auth_text", "errors_heading", "errors_text",
                          "schemas_heading", "schemas_text",
                          "document_link", "contents", "parameters", "col_name", "col_in", "col_required",
                          "request", "example_request", "responses", "col_status", "col_description",
                          "example_response", "security_label", "tokens_link"}) {
    // Under label_ so no label hides an operation's field of the same name ("request").
    page.set(std::string("label_") + key, page.text(std::string("api.docs.") + key));
  }
  json::value doc = json::parse(document.json());
  const auto& root = doc.as_object();
  page.set("version", page.text("api.docs.version", {{"version", std::string(root.at("info").at("version").as_string())}}));
  if (auto* error = root.at("components").as_object().at("schemas").as_object().if_contains("Error")) {
    page.set("error_schema", pretty(*error));
  }
  // The records the answers refer to ($ref), each under its own heading.
  data schemas{data::type::list};
  for (const auto& [name, schema] : root.at("components").as_object().at("schemas").as_object()) {
    if (name == "Error") continue;
    data s;
    s.set("id", "schema-" + anchor(std::string(name)));
    s.set("name", std::string(name));
    s.set("schema", pretty(schema));
    schemas.push_back(s);
  }
  page.set("schemas", schemas);

  // Tags in the order of their first operation, as the modules register them.
  std::vector<std::string> order;
  std::map<std::string, data> operations;
  for (const auto& [path, item] : root.at("paths").as_object()) {
    for (const auto& [method, value] : item.as_object()) {
      const auto& operation = value.as_object();
      std::string tag = "other";
      if (auto* tags = operation.if_contains("tags"); tags && !tags->as_array().empty()) {
        tag = std::string(tags->as_array()[0].as_string());
      }
      if (!operations.contains(tag)) {
        order.push_back(tag);
        operations.emplace(tag, data{data::type::list});
      }
      operations.at(tag).push_back(operation_data(page, std::string(method), std::string(path), operation));
    }
  }
  data tags{data::type::list};
  for (const auto& tag : order) {
    data t;
    t.set("id", "tag-" + anchor(tag));
    t.set("name", tag);
    t.set("operations", operations.at(tag));
    tags.push_back(t);
  }
  page.set("tags", tags);
  auto response = page.render("api/docs");
  response.set_header("Cache-Control", "no-cache");
  return response;
}

}  // namespace

void register_api_docs_page(http::Router& router, const Options& options,
                            std::shared_ptr<const http::ApiDocument> document) {
  router.add("GET", "/api/docs",
             [options, document](http::Request& request) { return docs_page(request, options, *document); });
}

}  // namespace tafel::web
