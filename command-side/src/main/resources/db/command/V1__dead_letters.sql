-- Events the ledger did not accept, with why; an operator lists and re-drives them.
CREATE TABLE dead_letter (
    id           BIGSERIAL PRIMARY KEY,
    received_at  TIMESTAMPTZ  NOT NULL,
    source       VARCHAR(300) NOT NULL,
    -- the delivery's own coordinate (Kafka topic/partition/offset), so a redelivery is kept once
    delivery_key VARCHAR(300) UNIQUE,
    event_id     VARCHAR(255),
    execution_id VARCHAR(255),
    reason       TEXT         NOT NULL,
    payload      BYTEA        NOT NULL,
    redriven_at  TIMESTAMPTZ
);

CREATE INDEX dead_letter_open ON dead_letter (id) WHERE redriven_at IS NULL;
