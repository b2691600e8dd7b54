#pragma once
// The web adapter's entry points for the server: its routes and the error renderer.
//
// Routes (all GET; HEAD is answered by the router as GET):
//   /                 home page
//   /about            about page
//   /language/{lang}  remembers the language in a cookie, then 303 to ?next= (a
//                     local path; anything else goes to "/")
//   /static/{*path}   content-hashed assets with year-long caching; else 404

#include "http/router.h"
#include "web/options.h"

namespace tafel::web {

// Registers the web pages and static assets on `router`. `options` is copied.
void register_routes(http::Router& router, const Options& options);

// The router's error renderer: an HTML page in the visitor's language for browsers
// (Accept includes text/html and the path is not under /api/), otherwise the API
// error shape {"error":{"code","message"}} with the message in the request's
// language.
http::Router::ErrorRenderer error_renderer(const Options& options = {});

}  // namespace tafel::web
