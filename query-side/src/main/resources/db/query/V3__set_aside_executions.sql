-- Executions whose row the projection could not write (rule 8), with why: the projection goes on
-- with every other execution, operators see these in /admin/set-aside and in health, and each is
-- retried when its next event arrives, every minute, or on an operator's request.
CREATE TABLE set_aside_execution (
    execution_id    VARCHAR(255) PRIMARY KEY,
    organization_id VARCHAR(255),
    reason          TEXT         NOT NULL,
    set_aside_at    TIMESTAMPTZ  NOT NULL,
    attempts        INTEGER      NOT NULL
);
