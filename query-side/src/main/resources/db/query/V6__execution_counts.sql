-- Counts of each organization's executions by status, for dashboards, at the same cost whatever
-- the table's size. Every change of a row's status adds a delta row (insert only: the projection's
-- segments never wait for one another on a hot counter row, and never deadlock); a compactor folds
-- the deltas into the totals every second. A count is the total plus the deltas not yet folded.
CREATE TABLE execution_counts (
    organization_id VARCHAR(255) NOT NULL,
    status          VARCHAR(32)  NOT NULL,
    count           BIGINT       NOT NULL,
    PRIMARY KEY (organization_id, status)
);

CREATE TABLE execution_count_deltas (
    organization_id VARCHAR(255) NOT NULL,
    status          VARCHAR(32)  NOT NULL,
    delta           INTEGER      NOT NULL
);
CREATE INDEX execution_count_deltas_by_organization ON execution_count_deltas (organization_id);

CREATE FUNCTION count_execution_statuses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO execution_count_deltas VALUES (NEW.organization_id, NEW.status, 1);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO execution_count_deltas VALUES (OLD.organization_id, OLD.status, -1);
    ELSIF OLD.status IS DISTINCT FROM NEW.status OR OLD.organization_id IS DISTINCT FROM NEW.organization_id THEN
        INSERT INTO execution_count_deltas VALUES (OLD.organization_id, OLD.status, -1),
                                                  (NEW.organization_id, NEW.status, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER executions_counted AFTER INSERT OR UPDATE OR DELETE ON executions
    FOR EACH ROW EXECUTE FUNCTION count_execution_statuses();

INSERT INTO execution_counts SELECT organization_id, status, count(*) FROM executions GROUP BY organization_id, status;
