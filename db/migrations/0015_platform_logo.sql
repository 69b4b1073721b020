-- The municipality's logo is uploaded and served from the site itself (the Content-Security-
-- Policy loads no image from another host): its bytes are in the blob store under this hash.
-- A logo given earlier as an https:// address was blocked by that policy and never showed, so
-- it is dropped; the platform's own /static/ images stay.
ALTER TABLE municipalities ADD COLUMN logo_sha256 TEXT NOT NULL DEFAULT '';
UPDATE municipalities SET logo_url = '' WHERE logo_url NOT LIKE '/static/%';
