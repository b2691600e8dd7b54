#include "storage/tables/table_document.h"

#include <boost/json.hpp>

#include "storage/json_reader.h"

namespace tafel::storage {

namespace json = boost::json;
using namespace tafel::tables;

namespace {

// --- encoding -----------------------------------------------------------------
// Enums are stored by name, times in local form "YYYY-MM-DDTHH:MM", so a document
// stays readable and survives reordering of an enum.

json::value time(const LocalTime& t) { return json::value(format_local_time(t)); }

template <typename T, typename F>
json::array array_of(const std::vector<T>& items, F&& f) {
  json::array a;
  for (const auto& x : items) a.push_back(f(x));
  return a;
}

json::value encode_minutes(const Minutes& m) {
  return array_of(m.versions(), [](const MinutesVersion& v) -> json::value {
    return json::object{{"number", v.number},     {"markdown", v.markdown},
                        {"reason", v.reason},     {"drafted_by", v.drafted_by},
                        {"approvals", array_of(v.approvals, [](auto id) { return json::value(id); })},
                        {"frozen", v.frozen},     {"frozen_at_us", v.frozen_at_us}};
  });
}

json::value encode_message(const sharing::Message& m) {
  return json::object{{"key", m.key}, {"args", array_of(m.args, [](const sharing::MessageArg& a) -> json::value {
                                         return json::object{
                                             {"name", a.name}, {"kind", static_cast<int>(a.kind)}, {"value", a.value}};
                                       })}};
}

json::value encode_feedback(const FeedbackForm& f) {
  return json::object{
      {"id", f.id},
      {"recipient", f.recipient},
      {"item_ids", array_of(f.item_ids, [](auto id) { return json::value(id); })},
      {"text", f.text},
      {"categories_bits", f.categories.bits()},
      {"purpose", sharing::name_of(f.purpose)},
      {"state", name_of(f.state)},
      {"drafted_by", f.drafted_by},
      {"consenters", array_of(f.consenters, [](auto id) { return json::value(id); })},
      {"answers", array_of(f.answers,
                           [](const FeedbackAnswer& a) -> json::value {
                             return json::object{{"organisation", a.organisation},
                                                 {"user", a.user},
                                                 {"consent", a.consent},
                                                 {"at_us", a.at_us}};
                           })},
      {"disclosures", array_of(f.disclosures,
                               [](const FeedbackDisclosure& d) -> json::value {
                                 return json::object{{"origin", d.origin}, {"ground", d.ground}, {"rule", d.rule}};
                               })},
      {"blocked_reason", f.blocked_reason},
      {"blocked_by", f.blocked_by},
      {"explanation", json::object{{"permit", f.explanation.permit},
                                   {"headline", encode_message(f.explanation.headline)},
                                   {"reasons", array_of(f.explanation.reasons, encode_message)},
                                   {"remedies", array_of(f.explanation.remedies, encode_message)},
                                   {"obligations", array_of(f.explanation.obligations, encode_message)}}},
      {"sent_at_us", f.sent_at_us}};
}

json::value encode_meeting(const Meeting& m) {
  return json::object{
      {"id", m.id},
      {"series_id", m.series_id},
      {"original_start", time(m.original_start)},
      {"local_start", time(m.local_start)},
      {"starts_at_us", m.starts_at_us},
      {"ends_at_us", m.ends_at_us},
      {"venue", m.venue},
      {"video_link", m.video_link},
      {"status", name_of(m.status)},
      {"agenda", array_of(m.agenda,
                          [](const AgendaItem& i) -> json::value {
                            return json::object{{"id", i.id},
                                                {"kind", name_of(i.kind)},
                                                {"title", i.title},
                                                {"time_box_minutes", i.time_box_minutes},
                                                {"minutes_used", i.minutes_used},
                                                {"owner_user", i.owner_user},
                                                {"owner_organisation", i.owner_organisation},
                                                {"carried_over_from", i.carried_over_from},
                                                {"case_id", i.case_id},
                                                {"carry_over", i.carry_over}};
                          })},
      {"attendance", array_of(m.attendance,
                              [](const Attendance& a) -> json::value {
                                return json::object{{"organisation", a.organisation},
                                                    {"user", a.user},
                                                    {"presence", name_of(a.presence)}};
                              })},
      {"acknowledgements", array_of(m.acknowledgements,
                                    [](const Acknowledgement& a) -> json::value {
                                      return json::object{{"user", a.user},
                                                          {"organisation", a.organisation},
                                                          {"version", a.version},
                                                          {"at_us", a.at_us}};
                                    })},
      {"decisions", array_of(m.decisions,
                             [](const MeetingDecision& d) -> json::value {
                               return json::object{{"id", d.id}, {"item_id", d.item_id}, {"text", d.text}};
                             })},
      {"minutes", encode_minutes(m.minutes)},
      {"declined", array_of(m.declined,
                            [](const DeclinedToShare& d) -> json::value {
                              return json::object{{"item_id", d.item_id},
                                                  {"organisation", d.organisation},
                                                  {"user", d.user},
                                                  {"reason", name_of(d.reason)},
                                                  {"at_us", d.at_us}};
                            })},
      {"feedback", array_of(m.feedback, encode_feedback)}};
}

json::value encode_action(const ActionItem& a) {
  return json::object{{"id", a.id},
                      {"meeting_id", a.meeting_id},
                      {"item_id", a.item_id},
                      {"description", a.description},
                      {"owner_organisation", a.owner_organisation},
                      {"owner_user", a.owner_user},
                      {"due", a.due},
                      {"status", name_of(a.status)},
                      {"done_on", a.done_on}};
}

// --- decoding -----------------------------------------------------------------
// Throws on a malformed document; decode_table turns that into corrupt_record.

using Reader = JsonReader;

std::optional<MeetingStatus> parse_meeting_status(std::string_view text) {
  for (auto st : {MeetingStatus::planned, MeetingStatus::open, MeetingStatus::closed, MeetingStatus::cancelled}) {
    if (name_of(st) == text) return st;
  }
  return std::nullopt;
}

std::vector<std::int64_t> ids(const json::array& a) {
  std::vector<std::int64_t> out;
  for (const auto& v : a) out.push_back(v.to_number<std::int64_t>());
  return out;
}

sharing::Message decode_message(const json::value& v) {
  Reader r{v.as_object()};
  sharing::Message m;
  m.key = r.s("key");
  for (const auto& a : r.a("args")) {
    Reader x{a.as_object()};
    int kind = x.n("kind");
    if (kind < 0 || kind > static_cast<int>(sharing::MessageArg::Kind::ground)) throw std::runtime_error("bad kind");
    m.args.push_back({x.s("name"), static_cast<sharing::MessageArg::Kind>(kind), x.s("value")});
  }
  return m;
}

FeedbackForm decode_feedback(const json::object& o) {
  Reader r{o};
  FeedbackForm f;
  f.id = r.i("id");
  f.recipient = r.i("recipient");
  f.item_ids = ids(r.a("item_ids"));
  f.text = r.s("text");
  f.categories = sharing::CategorySet::from_bits(static_cast<std::uint32_t>(r.i("categories_bits")));
  auto purpose = sharing::parse_term<sharing::Purpose>(r.s("purpose"));
  if (!purpose) throw std::runtime_error("bad purpose");
  f.purpose = *purpose;
  f.state = r.e<FeedbackState>("state", parse_feedback_state);
  f.drafted_by = r.i("drafted_by");
  // "consenters" came later (issue 11): decode_meeting fills it for older forms.
  if (o.contains("consenters")) f.consenters = ids(r.a("consenters"));
  for (const auto& v : r.a("answers")) {
    Reader x{v.as_object()};
    f.answers.push_back({x.i("organisation"), x.i("user"), x.b("consent"), x.i("at_us")});
  }
  for (const auto& v : r.a("disclosures")) {
    Reader x{v.as_object()};
    f.disclosures.push_back({x.i("origin"), x.s("ground"), x.s("rule")});
  }
  f.blocked_reason = r.s("blocked_reason");
  f.blocked_by = r.i("blocked_by");
  Reader e{o.at("explanation").as_object()};
  f.explanation.permit = e.b("permit");
  f.explanation.headline = decode_message(e.o.at("headline"));
  for (const auto& v : e.a("reasons")) f.explanation.reasons.push_back(decode_message(v));
  for (const auto& v : e.a("remedies")) f.explanation.remedies.push_back(decode_message(v));
  for (const auto& v : e.a("obligations")) f.explanation.obligations.push_back(decode_message(v));
  f.sent_at_us = r.i("sent_at_us");
  return f;
}

Meeting decode_meeting(const json::object& o) {
  Reader r{o};
  Meeting m;
  m.id = r.i("id");
  m.series_id = r.i("series_id");
  m.original_start = r.e<LocalTime>("original_start", parse_local_time);
  m.local_start = r.e<LocalTime>("local_start", parse_local_time);
  m.starts_at_us = r.i("starts_at_us");
  m.ends_at_us = r.i("ends_at_us");
  m.venue = r.s("venue");
  m.video_link = r.s("video_link");
  m.status = r.e<MeetingStatus>("status", parse_meeting_status);
  for (const auto& v : r.a("agenda")) {
    Reader x{v.as_object()};
    // "carry_over" and "case_id" came later: absent in older documents, which may
    // still hold "case_details" (moved into a case at start, then never written).
    m.agenda.push_back(AgendaItem{x.i("id"), x.e<ItemKind>("kind", parse_item_kind), x.s("title"),
                                  x.n("time_box_minutes"), x.n("minutes_used"), x.i("owner_user"),
                                  x.i("owner_organisation"), x.i("carried_over_from"),
                                  x.o.contains("case_id") ? x.i("case_id") : 0,
                                  x.o.contains("case_details") ? x.s("case_details") : std::string(),
                                  x.o.contains("carry_over") && x.b("carry_over")});
  }
  for (const auto& v : r.a("attendance")) {
    Reader x{v.as_object()};
    m.attendance.push_back({x.i("organisation"), x.i("user"), x.e<Presence>("presence", parse_presence)});
  }
  for (const auto& v : r.a("acknowledgements")) {
    Reader x{v.as_object()};
    m.acknowledgements.push_back({x.i("user"), x.i("organisation"), x.n("version"), x.i("at_us")});
  }
  for (const auto& v : r.a("decisions")) {
    Reader x{v.as_object()};
    m.decisions.push_back({x.i("id"), x.i("item_id"), x.s("text")});
  }
  std::vector<MinutesVersion> versions;
  for (const auto& v : r.a("minutes")) {
    Reader x{v.as_object()};
    versions.push_back({x.n("number"), x.s("markdown"), x.s("reason"), x.i("drafted_by"), ids(x.a("approvals")),
                        x.b("frozen"), x.i("frozen_at_us")});
  }
  m.minutes = Minutes(std::move(versions));
  // "declined" and "feedback" came later: absent in older documents.
  if (o.contains("declined")) {
    for (const auto& v : r.a("declined")) {
      Reader x{v.as_object()};
      m.declined.push_back({x.i("item_id"), x.i("organisation"), x.i("user"),
                            x.e<DeclineReason>("reason", parse_decline_reason), x.i("at_us")});
    }
  }
  if (o.contains("feedback")) {
    for (const auto& v : r.a("feedback")) {
      const auto& fo = v.as_object();
      FeedbackForm f = decode_feedback(fo);
      // A form submitted before consenters were stored asked the attending
      // organisations: the recorded attendance is the best account of them.
      if (!fo.contains("consenters") && f.state != FeedbackState::draft) f.consenters = m.attending_organisations();
      m.feedback.push_back(std::move(f));
    }
  }
  return m;
}

ActionItem decode_action(const json::object& o) {
  Reader x{o};
  return ActionItem{x.i("id"), x.i("meeting_id"), x.i("item_id"), x.s("description"),
                    x.i("owner_organisation"), x.i("owner_user"), x.s("due"),
                    x.e<ActionStatus>("status", parse_action_status), x.s("done_on")};
}

Table decode(const json::object& o) {
  Reader r{o};
  Table t;
  t.id = r.i("id");
  t.name = r.s("name");
  t.kind = r.e<TableKind>("kind", parse_table_kind);
  t.basis = r.e<LegalBasis>("basis", parse_legal_basis);
  t.basis_reference = r.s("basis_reference");
  t.basis_document = r.s("basis_document");
  // "basis_approval" came later: a table saved without it is not approved (docs/tables.md).
  if (auto* v = o.if_contains("basis_approval"); v && v->is_object()) {
    Reader x{v->as_object()};
    t.basis_approval = BasisApproval{x.e<LegalBasis>("basis", parse_legal_basis), x.s("reference"), x.i("by"),
                                     x.i("organisation"), x.i("at_us")};
  }
  t.finality = sharing::PurposeSet::from_bits(static_cast<std::uint32_t>(r.i("finality_bits")));
  t.finality_statement = r.s("finality_statement");
  t.agreement = r.s("agreement");
  // "case_retention_days" came later (issue 12, point 9): absent or null is no period.
  if (auto* v = o.if_contains("case_retention_days"); v && v->is_int64()) {
    t.case_retention_days = static_cast<std::int32_t>(v->as_int64());
  }
  t.members = ids(r.a("members"));
  for (const auto& v : r.a("delegates")) {
    Reader x{v.as_object()};
    t.delegates.push_back({x.i("user"), x.i("organisation"), x.e<TableRole>("role", parse_table_role)});
  }
  for (const auto& v : r.a("secrecy")) {
    Reader x{v.as_object()};
    t.secrecy.push_back({x.n("version"), x.s("text")});
  }
  for (const auto& v : r.a("series")) {
    Reader x{v.as_object()};
    Series s;
    s.id = x.i("id");
    s.rule = x.s("rule");
    s.start = x.e<LocalTime>("start", parse_local_time);
    s.duration_minutes = x.n("duration_minutes");
    s.venue = x.s("venue");
    s.video_link = x.s("video_link");
    for (const auto& c : x.a("cancelled")) {
      auto lt = parse_local_time(std::string_view(c.as_string()));
      if (!lt) throw std::runtime_error("bad time");
      s.cancelled.push_back(*lt);
    }
    for (const auto& mv : x.a("moved")) {
      Reader y{mv.as_object()};
      s.moved.push_back({y.e<LocalTime>("original", parse_local_time), y.e<LocalTime>("moved_to", parse_local_time)});
    }
    t.series.push_back(std::move(s));
  }
  for (const auto& v : r.a("meetings")) t.meetings.push_back(decode_meeting(v.as_object()));
  for (const auto& v : r.a("actions")) t.actions.push_back(decode_action(v.as_object()));
  t.next_id = r.i("next_id");
  return t;
}
}  // namespace

std::string encode_table(const Table& t) {
  json::object o{
      {"id", t.id},
      {"name", t.name},
      {"kind", name_of(t.kind)},
      {"basis", name_of(t.basis)},
      {"basis_reference", t.basis_reference},
      {"basis_document", t.basis_document},
      {"finality_bits", t.finality.bits()},
      {"finality_statement", t.finality_statement},
      {"agreement", t.agreement},
      {"case_retention_days", t.case_retention_days ? json::value(*t.case_retention_days) : json::value(nullptr)},
      {"members", array_of(t.members, [](auto id) { return json::value(id); })},
      {"delegates", array_of(t.delegates,
                             [](const Delegate& d) -> json::value {
                               return json::object{
                                   {"user", d.user}, {"organisation", d.organisation}, {"role", name_of(d.role)}};
                             })},
      {"secrecy", array_of(t.secrecy,
                           [](const SecrecyText& s) -> json::value {
                             return json::object{{"version", s.version}, {"text", s.text}};
                           })},
      {"series", array_of(t.series,
                          [](const Series& s) -> json::value {
                            return json::object{
                                {"id", s.id},
                                {"rule", s.rule},
                                {"start", time(s.start)},
                                {"duration_minutes", s.duration_minutes},
                                {"venue", s.venue},
                                {"video_link", s.video_link},
                                {"cancelled", array_of(s.cancelled, [](const LocalTime& c) { return time(c); })},
                                {"moved", array_of(s.moved, [](const MovedOccurrence& m) -> json::value {
                                   return json::object{{"original", time(m.original)}, {"moved_to", time(m.moved_to)}};
                                 })}};
                          })},
      {"meetings", array_of(t.meetings, encode_meeting)},
      {"actions", array_of(t.actions, encode_action)},
      {"next_id", t.next_id}};
  if (const auto& a = t.basis_approval) {
    o["basis_approval"] = json::object{{"basis", name_of(a->basis)},
                                       {"reference", a->reference},
                                       {"by", a->by},
                                       {"organisation", a->organisation},
                                       {"at_us", a->at_us}};
  }
  return json::serialize(o);
}

std::string encode_meeting_document(const Meeting& meeting) { return json::serialize(encode_meeting(meeting)); }

std::string encode_action_document(const ActionItem& action) { return json::serialize(encode_action(action)); }

namespace {

// The parsed value lives only while it is decoded: its nodes come from a buffer on
// the stack (and blocks after it), freed at once, instead of one allocation each.
class Scratch {
 public:
  json::storage_ptr storage() { return json::storage_ptr(&resource_); }

 private:
  unsigned char buffer_[16384];
  json::monotonic_resource resource_{buffer_, sizeof buffer_};
};

}  // namespace

Result<Meeting> decode_meeting_document(std::string_view text) {
  try {
    Scratch scratch;
    return decode_meeting(json::parse(text, scratch.storage()).as_object());
  } catch (const std::exception&) {
    return fail("corrupt_record", "a stored meeting could not be read");
  }
}

Result<ActionItem> decode_action_document(std::string_view text) {
  try {
    Scratch scratch;
    return decode_action(json::parse(text, scratch.storage()).as_object());
  } catch (const std::exception&) {
    return fail("corrupt_record", "a stored action could not be read");
  }
}

Result<Table> decode_table(std::string_view text) {
  try {
    Scratch scratch;
    json::value v = json::parse(text, scratch.storage());
    return decode(v.as_object());
  } catch (const std::exception&) {
    return fail("corrupt_record", "a stored table could not be read");
  }
}

}  // namespace tafel::storage
