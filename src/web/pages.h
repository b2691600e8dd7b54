#pragma once
// The public pages of tafel. Each answers in the visitor's language (see
// request_language) and needs nothing but the request: no session, no database.

#include "http/request.h"
#include "http/response.h"
#include "web/options.h"

namespace tafel::web {

// "/": what tafel is and does for police and social work.
http::Response home_page(const http::Request& request, const Options& options);

// "/about": the tensions and preconditions of the source study and the legal
// framework in short.
http::Response about_page(const http::Request& request, const Options& options);

// The HTML page for an error status (404, 405, 500; other 4xx and 5xx get a generic
// text). A 404 page shows the address that was asked for, escaped.
http::Response error_page(const http::Request& request, const Options& options, int status);

}  // namespace tafel::web
