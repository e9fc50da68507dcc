-- The query sides running on this database, each seen within the last seconds: how many share the
-- projection's segments. One that holds no segment is invisible in token_entry, hence this table.
CREATE TABLE projection_member (
    node_id VARCHAR(255) PRIMARY KEY,
    seen_at TIMESTAMPTZ  NOT NULL
);
