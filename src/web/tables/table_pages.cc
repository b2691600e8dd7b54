#include "web/tables/table_pages.h"

#include "web/tables/table_pages_support.h"

namespace tafel::web {

void register_table_pages(http::Router& router, const Options& options, const AccountsContext& context,
                          app::tables::TableService& service) {
  const table_pages::Ctx ctx{context, &service, options};
  // The list before the table: "/tables/new" must match before "/tables/{id}".
  table_pages::register_table_list_pages(router, ctx);
  table_pages::register_table_view_pages(router, ctx);
  table_pages::register_meeting_pages(router, ctx);
  table_pages::register_minutes_pages(router, ctx);
  table_pages::register_meeting_changes(router, ctx);
  table_pages::register_feedback_pages(router, ctx);
}

}  // namespace tafel::web
