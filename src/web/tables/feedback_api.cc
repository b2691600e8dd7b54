// The API of feedback forms: drafting, consent, reading, and the forms sent to the
// caller's organisation.
#include "web/tables/table_api_support.h"

namespace tafel::web::table_api {

void register_feedback_routes(Api& api, TableService* s) {
  const std::string base = "/api/v1/tables/{id}";
  const std::string meeting = base + "/meetings/{meeting}";

  auto feedback_answer = [](const Result<tb::FeedbackForm>& r, int status = 200) {
    return answer(r, [&](const tb::FeedbackForm& f) { return feedback_json(f); }, status);
  };
  api.add_with_body(http::created(op("POST", meeting + "/feedback",
                       "Draft a feedback form to a police or prosecution organisation (chair)", kFeedbackSchema)),
                    [s, feedback_answer](http::Request& r, const Caller& c, const json::object& o) {
                      app::tables::FeedbackDraft d;
                      d.recipient = integer(o, "recipient");
                      d.text = str(o, "text");
                      if (auto* items = o.if_contains("item_ids"); items && items->is_array()) {
                        for (const auto& v : items->as_array()) {
                          if (!v.is_int64() || v.as_int64() <= 0) return http::Response::error(400, "invalid_input", "item_ids are agenda item ids");
                          d.item_ids.push_back(v.as_int64());
                        }
                      }
                      if (auto* cats = o.if_contains("categories"); cats && cats->is_array()) {
                        for (const auto& v : cats->as_array()) {
                          auto cat = v.is_string() ? sharing::parse_term<sharing::Category>(std::string_view(v.as_string())) : std::nullopt;
                          if (!cat) return http::Response::error(400, "invalid_input", "categories holds an unknown category");
                          d.categories.add(*cat);
                        }
                      }
                      auto purpose = sharing::parse_term<sharing::Purpose>(str(o, "purpose"));
                      if (!purpose) return http::Response::error(400, "invalid_input", "purpose is not a known purpose");
                      d.purpose = *purpose;
                      auto ids = ids_of(r);
                      return feedback_answer(s->draft_feedback(c, ids.table, ids.meeting, std::move(d)), 201);
                    });
  api.add(http::with_query(op("GET", meeting + "/feedback/{feedback}",
                             "One feedback form: for members of the table, and for the recipient organisation once "
                             "sent (audited)"),
                          {{"lang", "the language of the consent question's text: nl, fr or en (default en)"}}),
          [s](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            auto f = s->feedback(c, ids.table, ids.meeting, ids.feedback);
            if (!f) return from_error(f.error());
            std::string lang = r.query_param("lang").value_or("en");
            if (lang != "nl" && lang != "fr") lang = "en";
            json::array items;
            for (const auto& [id, title] : f->items) items.push_back(json::object{{"id", id}, {"title", title}});
            return ok(json::object{{"table_id", f->table_id},
                                   {"table_name", f->table_name},
                                   {"meeting_id", f->meeting_id},
                                   {"meeting_start", tb::format_local_time(f->meeting_start)},
                                   {"items", items},
                                   {"feedback", feedback_json(f->form, lang)}});
          });
  api.add(op("POST", meeting + "/feedback/{feedback}/submit",
             "Ask for consent (chair): draft -> awaiting_consent; the consenting organisations are fixed now (those attending and the owners of the items the form draws on)"),
          [s, feedback_answer](http::Request& r, const Caller& c) {
            auto ids = ids_of(r);
            return feedback_answer(s->submit_feedback(c, ids.table, ids.meeting, ids.feedback));
          });
  api.add_with_body(op("POST", meeting + "/feedback/{feedback}/answers",
                       "The caller's organisation consents or refuses; the last consent asks the sharing engine, which sends or blocks it",
                       kConsentSchema),
                    [s, feedback_answer](http::Request& r, const Caller& c, const json::object& o) {
                      auto* v = o.if_contains("consent");
                      if (!v || !v->is_bool()) return http::Response::error(400, "invalid_input", "consent must be true or false");
                      auto ids = ids_of(r);
                      return feedback_answer(s->answer_feedback(c, ids.table, ids.meeting, ids.feedback, v->as_bool()));
                    });
  api.add(op("GET", "/api/v1/me/feedback", "Feedback forms sent to the caller's organisation"),
          [s](http::Request&, const Caller& c) {
            return answer(s->received_feedback(c), [](const std::vector<app::tables::FeedbackRef>& fs) {
              json::array a;
              for (const auto& f : fs) {
                a.push_back(json::object{{"table_id", f.table_id},
                                         {"table_name", f.table_name},
                                         {"meeting_id", f.meeting_id},
                                         {"feedback", feedback_json(f.form)}});
              }
              return json::object{{"feedback", a}};
            });
          });
}

}  // namespace tafel::web::table_api
