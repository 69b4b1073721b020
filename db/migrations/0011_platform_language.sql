-- The language an account reads its mail and notifications in ('el' or 'en'): what the person
-- chose last in the site's language switch, or the language they registered in.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'el';
