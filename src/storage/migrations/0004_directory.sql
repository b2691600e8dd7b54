-- 0004_directory: areas, topics, the areas an organisation serves, and contact
-- points with their deputies (docs/accounts.md, "Directory").

-- Municipalities and districts; a district lies in a municipality (parent_id).
CREATE TABLE areas (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('municipality', 'district')),
  name TEXT NOT NULL,
  parent_id BIGINT REFERENCES areas (id),
  CHECK ((kind = 'municipality' AND parent_id IS NULL) OR (kind = 'district' AND parent_id IS NOT NULL))
);

-- Topics people call about; the platform admin can add more. Labels are data.
CREATE TABLE topics (
  id {{id}},
  topic_key TEXT NOT NULL UNIQUE,
  label_nl TEXT NOT NULL,
  label_fr TEXT NOT NULL,
  label_en TEXT NOT NULL
);
INSERT INTO topics (topic_key, label_nl, label_fr, label_en) VALUES
  ('youth', 'Jongeren', 'Jeunes', 'Youth'),
  ('drugs', 'Drugs', 'Drogues', 'Drugs'),
  ('homelessness', 'Dak- en thuisloosheid', 'Sans-abrisme', 'Homelessness'),
  ('family_violence', 'Intrafamiliaal geweld', 'Violence intrafamiliale', 'Family violence'),
  ('radicalisation', 'Radicalisering', 'Radicalisation', 'Radicalisation'),
  ('nuisance', 'Overlast', 'Nuisances', 'Nuisance'),
  ('mental_health', 'Geestelijke gezondheid', 'Santé mentale', 'Mental health'),
  ('other', 'Andere', 'Autre', 'Other');

CREATE TABLE organisation_areas (
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  area_id BIGINT NOT NULL REFERENCES areas (id),
  PRIMARY KEY (organisation_id, area_id)
);

-- The people of a contact point are users of its organisation (checked by the
-- application); a user who holds a contact point cannot be deleted, only deactivated.
CREATE TABLE contact_points (
  id {{id}},
  organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  topic_id BIGINT NOT NULL REFERENCES topics (id),
  area_id BIGINT NOT NULL REFERENCES areas (id),
  primary_user_id BIGINT NOT NULL REFERENCES users (id),
  office_hours TEXT NOT NULL,
  emergency_line TEXT NOT NULL,
  languages TEXT NOT NULL,
  created_at {{timestamp}} NOT NULL,
  updated_at {{timestamp}} NOT NULL
);
CREATE INDEX contact_points_by_organisation ON contact_points (organisation_id);
CREATE INDEX contact_points_by_topic ON contact_points (topic_id, area_id);

CREATE TABLE contact_point_deputies (
  contact_point_id BIGINT NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  ordinal INTEGER NOT NULL,  -- order of preference, from 0
  PRIMARY KEY (contact_point_id, user_id)
);
