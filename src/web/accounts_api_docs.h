#pragma once
// The documentation of the accounts and directory API operations (issue 20): the
// success status and response schema, the statuses of the module's own errors and the
// request examples. Split from web/accounts_api.cc, which registers the operations.

#include "http/openapi.h"

namespace tafel::web {

// Fills in `op` (registered by register_account_api) beyond its registration; an
// operation this module does not know is left as it is, but for the 409 every change
// of this module can answer.
void document_account_operation(http::ApiOperation& op);

}  // namespace tafel::web
