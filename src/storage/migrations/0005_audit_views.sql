-- 0005_audit_views: indexes behind the audit views (docs/audit.md, "Views"): the
-- per-person access report looks entries up by object, an organisation admin's view
-- by organisation, a DPO's filter by actor. Each ends in seq so that the newest
-- entries of a match come first without a sort.
CREATE INDEX audit_entry_object ON audit_entry (object_type, object_id, seq);
CREATE INDEX audit_entry_organisation ON audit_entry (organisation, seq);
CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);
