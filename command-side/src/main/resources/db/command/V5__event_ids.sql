-- Rule 6: an eventId is unique across the whole ledger. Each appended event claims its id here in
-- the appending transaction; the same id for another execution is then a conflict, kept as a dead
-- letter that points to the event already in the ledger.
CREATE TABLE event_id (
    event_id        VARCHAR(255) PRIMARY KEY,
    execution_id    VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL
);

INSERT INTO event_id (event_id, execution_id, sequence_number)
SELECT convert_from(payload, 'UTF8')::jsonb #>> '{header,eventId}', aggregate_identifier, sequence_number
FROM domain_event_entry
WHERE payload_type <> 'com.executionledger.events.EventRejected'
ORDER BY global_index
ON CONFLICT (event_id) DO NOTHING;

-- the event a conflicting dead letter collides with
ALTER TABLE dead_letter ADD COLUMN original_execution_id VARCHAR(255);
ALTER TABLE dead_letter ADD COLUMN original_sequence BIGINT;
