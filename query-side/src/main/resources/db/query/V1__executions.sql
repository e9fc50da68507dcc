-- The read model behind GET /v1/executions: one row per execution, every field of the API item.
CREATE TABLE executions (
    id                   VARCHAR(255) PRIMARY KEY,
    organization_id      VARCHAR(255) NOT NULL,
    status               VARCHAR(32)  NOT NULL,
    payment_status       VARCHAR(64),
    status_reason        TEXT,
    workflow_id          VARCHAR(255),
    run_id               VARCHAR(255),
    idempotency_key      VARCHAR(255),
    external_ref         VARCHAR(255),
    initiated_by_id      VARCHAR(255),
    initiated_by_type    VARCHAR(255),
    source_entity_id     VARCHAR(255),
    source_entity_type   VARCHAR(255),
    source_system        VARCHAR(255),
    checkout_session_id  VARCHAR(255),
    order_id             VARCHAR(255),
    request_payload      JSONB,
    response_payload     JSONB,
    client_safe_metadata JSONB,
    created_at           TIMESTAMPTZ  NOT NULL,
    started_at           TIMESTAMPTZ,
    finished_at          TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ  NOT NULL
);

-- The list query: one organization, newest first, ties by id.
CREATE INDEX executions_by_organization ON executions (organization_id, created_at DESC, id DESC);

-- The facts the projection has applied, per execution in arrival order (the aggregate's sequence).
-- The row is derived from them in the contract's order, so late events converge; the primary key
-- makes handling an event twice a no-op.
CREATE TABLE execution_facts (
    execution_id    VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    envelope        JSONB        NOT NULL,
    PRIMARY KEY (execution_id, sequence_number)
);

-- API tokens: only a SHA-256 of each token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id              BIGSERIAL PRIMARY KEY,
    token_hash      BYTEA        NOT NULL UNIQUE,
    organization_id VARCHAR(255) NOT NULL,
    name            VARCHAR(255) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    revoked_at      TIMESTAMPTZ
);
