-- Photo files in PostgreSQL, one row per content hash, so that every instance reads what any
-- instance stored and one backup holds cases and their evidence together. Before this, photos
-- were files under DATA_DIR/photos/<2>/<sha256>.<ext>; those are still read from there.
CREATE TABLE photo_blob (
    sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    extension  text NOT NULL,
    size_bytes integer NOT NULL CHECK (size_bytes > 0),
    bytes      bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- photos are written once and read whole; keep the bytes out of line and uncompressed (JPEG
-- and PNG do not compress further)
ALTER TABLE photo_blob ALTER COLUMN bytes SET STORAGE EXTERNAL;
