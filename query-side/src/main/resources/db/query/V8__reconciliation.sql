-- Reconciliation (GET /v1/reconciliation): executions whose payment and workflow disagree, each
-- with the rule it breaks and since when, kept as rows change (not found by a scan per request).
-- "Paid" is any payment status but the contract's pending, not_required, failed and refunded: a
-- provider's own status on payment_confirmed means paid too.
CREATE TABLE reconciliation (
    execution_id    VARCHAR(255) NOT NULL,
    organization_id VARCHAR(255) NOT NULL,
    rule            VARCHAR(32)  NOT NULL,
    since           TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (execution_id, rule)
);
CREATE INDEX reconciliation_by_organization ON reconciliation (organization_id, since DESC, execution_id, rule);

-- The columns, not the table's row type: a rebuild's swap replaces the table, and a function tied
-- to the old one's type would hold it.
CREATE FUNCTION execution_disagreements(status VARCHAR, payment_status VARCHAR, started_at TIMESTAMPTZ,
                                        finished_at TIMESTAMPTZ, updated_at TIMESTAMPTZ)
    RETURNS TABLE (rule VARCHAR, since TIMESTAMPTZ) LANGUAGE sql IMMUTABLE AS $$
    WITH payment AS (
        SELECT payment_status IS NOT NULL
               AND payment_status NOT IN ('pending', 'not_required', 'failed', 'refunded') AS paid)
    -- paid, and the workflow not queued yet (reported once the grace period has passed)
    SELECT 'paid_not_queued'::VARCHAR, updated_at FROM payment WHERE paid AND status = 'payment_confirmed'
    UNION ALL
    -- the workflow went ahead while the payment it required was not confirmed
    SELECT 'started_unpaid', coalesce(started_at, updated_at)
    WHERE payment_status IN ('pending', 'failed') AND status NOT IN ('awaiting_payment', 'payment_confirmed')
    UNION ALL
    -- paid for a run that failed or was cancelled, and not refunded
    SELECT 'failed_unrefunded', coalesce(finished_at, updated_at)
    FROM payment WHERE paid AND status IN ('workflow_failed', 'workflow_cancelled')
    UNION ALL
    -- refunded, though the run succeeded
    SELECT 'refunded_succeeded', updated_at WHERE payment_status = 'refunded' AND status = 'workflow_succeeded'
$$;

CREATE FUNCTION reconcile_execution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM reconciliation WHERE execution_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO reconciliation SELECT NEW.id, NEW.organization_id, d.rule, d.since
        FROM execution_disagreements(NEW.status, NEW.payment_status, NEW.started_at, NEW.finished_at, NEW.updated_at) d;
    END IF;
    RETURN NULL;
END $$;

-- only when what the rules read changes: most of the projection's writes move neither
CREATE TRIGGER executions_reconciled AFTER INSERT OR DELETE ON executions
    FOR EACH ROW EXECUTE FUNCTION reconcile_execution();
CREATE TRIGGER executions_reconciled_on_change AFTER UPDATE ON executions
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.payment_status IS DISTINCT FROM NEW.payment_status
                       OR OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.finished_at IS DISTINCT FROM NEW.finished_at)
    EXECUTE FUNCTION reconcile_execution();

INSERT INTO reconciliation SELECT e.id, e.organization_id, d.rule, d.since FROM executions e,
    execution_disagreements(e.status, e.payment_status, e.started_at, e.finished_at, e.updated_at) d;
