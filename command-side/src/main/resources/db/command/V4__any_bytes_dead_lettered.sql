-- A Kafka record with no value (a tombstone) is dead-lettered too: its payload is null, an empty
-- record's is empty.
ALTER TABLE dead_letter ALTER COLUMN payload DROP NOT NULL;
