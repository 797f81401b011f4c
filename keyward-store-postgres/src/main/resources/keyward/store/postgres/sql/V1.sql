-- Schema version 1: managed objects and the attribute index that Locate searches; the same
-- shape as the embedded store's (keyward-store sql/sqlite/V1.sql) in PostgreSQL types.
-- Statements end with ";" at the end of a line (PgMigrations splits on that).

-- One row per managed object. "object" and "attributes" are TTLV encodings made by the server
-- (the object encrypted when encryption at rest is on); the other columns serve filters and order.
CREATE TABLE objects (
  uid         text     NOT NULL PRIMARY KEY,
  seq         bigint   GENERATED ALWAYS AS IDENTITY UNIQUE, -- creation order: Locate pages oldest first
  object_type integer  NOT NULL,
  state       integer  NOT NULL,
  owner       text     NOT NULL,
  archived    boolean  NOT NULL,
  object      bytea,                                         -- null once the key material is destroyed
  attributes  bytea    NOT NULL,
  revision    bigint   NOT NULL                              -- optimistic concurrency: +1 on every update
);

-- An owner listing its objects without criteria walks this in creation order.
CREATE INDEX objects_owner_seq ON objects (owner, seq);

-- One row per searchable attribute value; exactly one of text_value / num_value is set. Rows
-- name their object by seq (increasing: inserts touch the right edge of each b-tree).
CREATE TABLE object_index (
  seq        bigint   NOT NULL REFERENCES objects (seq) ON DELETE CASCADE,
  pos        integer  NOT NULL,                              -- the entry's place in the object's list
  tag        integer  NOT NULL,
  text_value text,
  num_value  bigint,
  CHECK ((text_value IS NULL) <> (num_value IS NULL))
);

-- Each Locate criterion is a lookup in one of these (partial: a row sits only in the index for
-- its kind of value); seq last makes them covering.
CREATE INDEX object_index_text ON object_index (tag, text_value, seq) WHERE text_value IS NOT NULL;
CREATE INDEX object_index_num ON object_index (tag, num_value, seq) WHERE num_value IS NOT NULL;
-- One object's entries: reading, replacing, deleting them (and the cascade from objects).
CREATE INDEX object_index_seq ON object_index (seq, pos);
