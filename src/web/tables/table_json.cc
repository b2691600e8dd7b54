// The JSON form of tables, meetings, agenda items, actions and feedback forms, and the
// table draft of a request body.
#include "web/tables/table_api_support.h"

#include "i18n/sharing_explanation.h"

namespace tafel::web::table_api {

// --- JSON of the domain ------------------------------------------------------

json::array ids_json(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.emplace_back(id);
  return a;
}

json::object item_json(const tb::AgendaItem& i) {
  return {{"id", i.id},
          {"kind", tb::name_of(i.kind)},
          {"quick", tb::is_quick(i.kind)},
          {"title", i.title},
          {"time_box_minutes", i.time_box_minutes},
          {"minutes_used", i.minutes_used},
          {"owner_user", i.owner_user},
          {"owner_organisation", i.owner_organisation},
          {"carried_over_from", i.carried_over_from},
          {"carry_over", i.carry_over}};
}

namespace {

json::array category_names(sharing::CategorySet set) {
  json::array a;
  set.for_each([&](sharing::Category c) { a.emplace_back(sharing::name_of(c)); });
  return a;
}

}  // namespace

// A feedback form; the explanation of a refusal in `lang` (nl, fr or en), as lines.
json::object feedback_json(const tb::FeedbackForm& f, std::string_view lang) {
  json::array answers, disclosures, explanation;
  for (const auto& a : f.answers) {
    answers.push_back(json::object{{"organisation", a.organisation}, {"user", a.user}, {"consent", a.consent}});
  }
  for (const auto& d : f.disclosures) {
    disclosures.push_back(json::object{{"origin", d.origin}, {"ground", d.ground}, {"rule", d.rule}});
  }
  if (f.blocked_reason == "not_shared") {
    for (auto& line : i18n::render_explanation_lines(f.explanation, lang)) explanation.emplace_back(line);
  }
  return {{"id", f.id},
          {"recipient", f.recipient},
          {"item_ids", ids_json(f.item_ids)},
          {"text", f.text},
          {"categories", category_names(f.categories)},
          {"purpose", sharing::name_of(f.purpose)},
          {"state", tb::name_of(f.state)},
          {"answers", answers},
          {"pending", ids_json(f.state == tb::FeedbackState::awaiting_consent ? tb::pending_answers(f)
                                                                               : std::vector<std::int64_t>{})},
          {"disclosures", disclosures},
          {"blocked_reason", f.blocked_reason},
          {"blocked_by", f.blocked_by},
          {"explanation", explanation},
          {"sent_at_us", f.sent_at_us}};
}

json::object action_json(const tb::ActionItem& a) {
  return {{"id", a.id},
          {"meeting_id", a.meeting_id},
          {"item_id", a.item_id},
          {"description", a.description},
          {"owner_organisation", a.owner_organisation},
          {"owner_user", a.owner_user},
          {"due", a.due},
          {"status", tb::name_of(a.status)},
          {"done_on", a.done_on}};
}

json::object meeting_json(const tb::Meeting& m, int secrecy_version) {
  json::array agenda, attendance, acknowledgements, decisions, versions;
  for (const auto& i : m.agenda) agenda.push_back(item_json(i));
  for (const auto& a : m.attendance) {
    attendance.push_back(
        json::object{{"user", a.user}, {"organisation", a.organisation}, {"presence", tb::name_of(a.presence)}});
  }
  for (const auto& a : m.acknowledgements) {
    acknowledgements.push_back(json::object{{"user", a.user},
                                            {"organisation", a.organisation},
                                            {"version", a.version},
                                            {"current", a.version == secrecy_version}});
  }
  for (const auto& d : m.decisions) decisions.push_back(json::object{{"id", d.id}, {"item_id", d.item_id}, {"text", d.text}});
  json::array declined, feedback;
  for (const auto& d : m.declined) {
    declined.push_back(
        json::object{{"item_id", d.item_id}, {"organisation", d.organisation}, {"reason", tb::name_of(d.reason)}});
  }
  for (const auto& f : m.feedback) feedback.push_back(feedback_json(f));
  for (const auto& v : m.minutes.versions()) {
    versions.push_back(json::object{{"number", v.number},
                                    {"markdown", v.markdown},
                                    {"reason", v.reason},
                                    {"drafted_by", v.drafted_by},
                                    {"approvals", ids_json(v.approvals)},
                                    {"frozen", v.frozen}});
  }
  return {{"id", m.id},
          {"series_id", m.series_id},
          {"local_start", tb::format_local_time(m.local_start)},
          {"original_start", tb::format_local_time(m.original_start)},
          {"starts_at_us", m.starts_at_us},
          {"ends_at_us", m.ends_at_us},
          {"venue", m.venue},
          {"video_link", m.video_link},
          {"status", tb::name_of(m.status)},
          {"agenda", agenda},
          {"attendance", attendance},
          {"attending_organisations", ids_json(m.attending_organisations())},
          {"acknowledgements", acknowledgements},
          {"decisions", decisions},
          {"declined", declined},
          {"feedback", feedback},
          {"minutes", json::object{{"versions", versions},
                                   {"frozen", m.minutes.frozen()},
                                   {"pending", ids_json(m.minutes.pending(m.attending_organisations()))}}}};
}

json::object table_json(const tb::Table& t) {
  json::array finality, delegates, secrecy, series, meetings, actions;
  t.finality.for_each([&](sharing::Purpose p) { finality.emplace_back(sharing::name_of(p)); });
  for (const auto& d : t.delegates) {
    delegates.push_back(json::object{{"user", d.user}, {"organisation", d.organisation}, {"role", tb::name_of(d.role)}});
  }
  for (const auto& s : t.secrecy) secrecy.push_back(json::object{{"version", s.version}, {"text", s.text}});
  for (const auto& s : t.series) {
    series.push_back(json::object{{"id", s.id},
                                  {"rule", s.rule},
                                  {"start", tb::format_local_time(s.start)},
                                  {"duration_minutes", s.duration_minutes},
                                  {"venue", s.venue},
                                  {"video_link", s.video_link}});
  }
  for (const auto& m : t.meetings) meetings.push_back(meeting_json(m, t.secrecy_version()));
  for (const auto& a : t.actions) actions.push_back(action_json(a));
  return {{"id", t.id},
          {"name", t.name},
          {"kind", tb::name_of(t.kind)},
          {"basis", tb::name_of(t.basis)},
          {"allows_cases", tb::allows_individual_cases(t.basis)},
          {"basis_approved", t.basis_approved()},
          {"cases_open", t.cases_open()},
          {"basis_reference", t.basis_reference},
          {"basis_document", t.basis_document},
          {"finality", finality},
          {"finality_statement", t.finality_statement},
          {"agreement", t.agreement},
          {"case_retention_days", t.case_retention_days ? json::value(*t.case_retention_days) : json::value(nullptr)},
          {"members", ids_json(t.members)},
          {"delegates", delegates},
          {"secrecy", secrecy},
          {"secrecy_version", t.secrecy_version()},
          {"series", series},
          {"meetings", meetings},
          {"actions", actions},
          {"version", t.version}};
}

json::object table_summary_json(const tb::Table& t) {
  json::object o = table_json(t);
  o.erase("meetings");
  o.erase("actions");
  return o;
}

// A draft from a body; fails with invalid_input naming the field.
Result<app::tables::TableDraft> draft_of(const json::object& o) {
  app::tables::TableDraft d;
  d.name = str(o, "name");
  auto kind = tb::parse_table_kind(str(o, "kind").empty() ? "thematic" : str(o, "kind"));
  if (!kind) return fail("invalid_input", "kind must be thematic, case_consultation or mixed");
  d.kind = *kind;
  auto basis = tb::parse_legal_basis(str(o, "basis").empty() ? "none" : str(o, "basis"));
  if (!basis) return fail("invalid_input", "basis must be none, agreement, law, decree, ordinance or prosecutor_authorisation");
  d.basis = *basis;
  d.basis_reference = str(o, "basis_reference");
  d.basis_document = str(o, "basis_document");
  d.finality_statement = str(o, "finality_statement");
  d.agreement = str(o, "agreement");
  d.secrecy_text = str(o, "secrecy_text");
  // Absent or null: no retention period; the range is checked with the table.
  if (auto* v = o.if_contains("case_retention_days"); v && !v->is_null()) {
    if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > tb::kMaxRetentionDays) {
      return fail("invalid_input", "case_retention_days must be 1 to 36500 days, or null");
    }
    d.case_retention_days = static_cast<std::int32_t>(v->as_int64());
  }
  if (auto* f = o.if_contains("finality"); f && f->is_array()) {
    for (const auto& p : f->as_array()) {
      auto purpose = p.is_string() ? sharing::parse_term<sharing::Purpose>(std::string_view(p.as_string())) : std::nullopt;
      if (!purpose) return fail("invalid_input", "finality holds an unknown purpose");
      d.finality.add(*purpose);
    }
  }
  if (auto* m = o.if_contains("members"); m && m->is_array()) {
    for (const auto& v : m->as_array()) {
      if (!v.is_int64() || v.as_int64() <= 0) return fail("invalid_input", "members are organisation ids");
      d.members.push_back(v.as_int64());
    }
  }
  if (auto* ds = o.if_contains("delegates"); ds && ds->is_array()) {
    for (const auto& v : ds->as_array()) {
      if (!v.is_object()) return fail("invalid_input", "delegates are objects");
      const auto& x = v.as_object();
      auto role = tb::parse_table_role(str(x, "role").empty() ? "delegate" : str(x, "role"));
      if (!role) return fail("invalid_input", "a delegate's role is delegate, secretary or chair");
      d.delegates.push_back({integer(x, "user"), integer(x, "organisation"), *role});
    }
  }
  return d;
}

Result<tb::LocalTime> local_of(const json::object& o, std::string_view key) {
  auto t = tb::parse_local_time(str(o, key));
  if (!t) return fail("invalid_time", std::string(key) + ": " + t.error().message);
  return t;
}

}  // namespace tafel::web::table_api
