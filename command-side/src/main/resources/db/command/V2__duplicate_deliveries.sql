-- Redeliveries of events already in the ledger: they change nothing and are not appended, but an
-- auditor reading an execution's history sees that they came.
CREATE TABLE duplicate_delivery (
    id           BIGSERIAL PRIMARY KEY,
    execution_id VARCHAR(255) NOT NULL,
    event_id     VARCHAR(255) NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    source       VARCHAR(300) NOT NULL
);

CREATE INDEX duplicate_delivery_by_execution ON duplicate_delivery (execution_id, received_at);
CREATE INDEX dead_letter_by_execution ON dead_letter (execution_id, received_at);
