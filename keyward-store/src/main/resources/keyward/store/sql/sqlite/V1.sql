-- Schema version 1: managed objects and the attribute index that Locate searches.
-- Statements end with ";" at the end of a line (Migrations splits on that).

-- One row per managed object. The store does not interpret KMIP: "object" and "attributes" are
-- TTLV encodings made by the server; the other columns are what filters and ordering need.
CREATE TABLE objects (
  uid         TEXT    NOT NULL PRIMARY KEY,
  seq         INTEGER NOT NULL UNIQUE,            -- creation order: Locate pages oldest first
  object_type INTEGER NOT NULL,
  state       INTEGER NOT NULL,
  owner       TEXT    NOT NULL,
  archived    INTEGER NOT NULL CHECK (archived IN (0, 1)),
  object      BLOB,                               -- null once the key material is destroyed
  attributes  BLOB    NOT NULL,
  revision    INTEGER NOT NULL                    -- optimistic concurrency: +1 on every update
);

-- An owner listing its objects without criteria walks this in creation order.
CREATE INDEX objects_owner_seq ON objects (owner, seq);

-- One row per searchable attribute value; exactly one of text_value / num_value is set.
-- Rows name their object by seq, not uid: an increasing integer keeps the index pages that
-- every insert touches at the end of each b-tree, where random UUIDs would scatter them (three
-- times fewer microseconds per create, measured).
CREATE TABLE object_index (
  seq        INTEGER NOT NULL REFERENCES objects (seq) ON DELETE CASCADE,
  tag        INTEGER NOT NULL,
  text_value TEXT,
  num_value  INTEGER,
  CHECK ((text_value IS NULL) <> (num_value IS NULL))
);

-- Each Locate criterion is a lookup in one of these (partial: a row sits only in the index for
-- its kind of value); seq last makes them covering.
CREATE INDEX object_index_text ON object_index (tag, text_value, seq) WHERE text_value IS NOT NULL;
CREATE INDEX object_index_num ON object_index (tag, num_value, seq) WHERE num_value IS NOT NULL;
-- One object's entries: reading, replacing, deleting them, and the per-candidate probe for a
-- criterion that does not drive the search (tag and number included so that probe is covering).
CREATE INDEX object_index_seq ON object_index (seq, tag, num_value);
