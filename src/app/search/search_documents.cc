#include "app/search/search_documents.h"

#include <algorithm>

namespace tafel::app::search {

namespace {

std::string language_of_text(const std::string& text, const tafel::search::Analyzer& analyzer) {
  return std::string(tafel::search::code_of(tafel::search::guess_language(analyzer.words(text))));
}

std::string date_of(const tafel::tables::Meeting& m) {
  const auto& t = m.local_start;
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", t.year, t.month, t.day);
  return out;
}

}  // namespace

std::vector<SearchDocument> documents_of(const tafel::tables::Table& table, const tafel::search::Analyzer& analyzer) {
  std::vector<SearchDocument> out;
  for (const auto& m : table.meetings) {
    if (const auto* minutes = m.minutes.current(); minutes && !minutes->markdown.empty()) {
      SearchDocument d;
      d.kind = Kind::minutes;
      d.record_id = m.id;
      d.table_id = table.id;
      d.title = table.name + " " + date_of(m);
      d.body = minutes->markdown;
      d.language = language_of_text(d.body, analyzer);
      d.at_us = m.starts_at_us;
      out.push_back(std::move(d));
    }
    for (const auto& decision : m.decisions) {
      SearchDocument d;
      d.kind = Kind::decision;
      d.record_id = decision.id;
      d.table_id = table.id;
      d.title = table.name + " " + date_of(m);
      d.body = decision.text;
      d.language = language_of_text(d.body, analyzer);
      d.at_us = m.starts_at_us;
      out.push_back(std::move(d));
    }
  }
  for (const auto& a : table.actions) {
    SearchDocument d;
    d.kind = Kind::action;
    d.record_id = a.id;
    d.table_id = table.id;
    d.organisation_id = a.owner_organisation;
    d.title = table.name;
    d.body = a.description;
    d.language = language_of_text(d.body, analyzer);
    const auto* meeting = table.find_meeting(a.meeting_id);
    d.at_us = meeting ? meeting->starts_at_us : 0;
    out.push_back(std::move(d));
  }
  return out;
}

SearchDocument document_of(const tafel::situations::Situation& s, const tafel::search::Analyzer& analyzer) {
  SearchDocument d;
  d.kind = Kind::situation;
  d.record_id = s.id;
  d.organisation_id = s.owner;
  d.table_id = s.table;
  d.title = s.title;
  d.body = s.behaviour + "\n" + s.address + "\n" + s.action_plan + "\n" + s.assessment;
  d.language = language_of_text(d.title + " " + d.body, analyzer);
  d.at_us = s.steps.empty() ? 0 : s.steps.back().at_us;
  return d;
}

SearchDocument document_of(const tafel::directory::ContactPoint& cp, const ContactPointNames& names) {
  SearchDocument d;
  d.kind = Kind::contact_point;
  d.record_id = cp.id;
  d.organisation_id = cp.organisation_id;
  d.language = "none";
  d.title = names.organisation + (names.area.empty() ? "" : " — " + names.area);
  for (const auto& label : names.topic) d.body += label + "\n";
  for (const auto& person : names.people) d.body += person + "\n";
  if (!cp.office_hours.empty()) d.body += cp.office_hours;
  return d;
}

SearchDocument document_of(const tafel::agreement::Agreement& agreement, const tafel::search::Analyzer& analyzer) {
  const auto& version = agreement.latest();
  SearchDocument d;
  d.kind = Kind::agreement;
  d.record_id = agreement.id();
  d.title = version.document.title;
  for (const auto& party : version.document.parties) {
    d.body += party.finality + "\n";
    for (const auto& role : party.roles) d.body += role + "\n";
    for (const auto& task : party.tasks) d.body += task + "\n";
  }
  for (const auto& rule : version.document.rules) {
    if (!rule.legal_reference.empty()) d.body += rule.legal_reference + "\n";
  }
  d.language = language_of_text(d.title + " " + d.body, analyzer);
  d.at_us = std::max(version.created_at, version.status_changed_at);
  return d;
}

SearchDocument document_of(const tafel::contributions::Contribution& c, const tafel::search::Analyzer& analyzer) {
  SearchDocument d;
  d.kind = Kind::contribution;
  d.record_id = c.id;
  d.organisation_id = c.source;
  d.sealed = true;
  for (const auto& part : c.parts) d.body += part.text + "\n";
  d.language = language_of_text(d.body, analyzer);
  d.at_us = c.created_at_us;
  return d;
}

}  // namespace tafel::app::search
