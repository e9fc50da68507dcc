-- What the read model keeps beside the executions table (V6 counts, V7 change stamps, V8
-- reconciliation), attached to whichever table is `executions` now and derived again from its
-- rows: a rebuild's swap puts in place a table that has none of the old one's triggers. The one
-- definition of those triggers from here on; call in the transaction that replaced the table.
CREATE FUNCTION derive_from_executions() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE execution_counts, execution_count_deltas, reconciliation IN EXCLUSIVE MODE;
    CREATE OR REPLACE TRIGGER executions_stamped BEFORE INSERT OR UPDATE ON executions
        FOR EACH ROW EXECUTE FUNCTION stamp_execution_change();
    CREATE OR REPLACE TRIGGER executions_counted AFTER INSERT OR UPDATE OR DELETE ON executions
        FOR EACH ROW EXECUTE FUNCTION count_execution_statuses();
    CREATE OR REPLACE TRIGGER executions_reconciled AFTER INSERT OR DELETE ON executions
        FOR EACH ROW EXECUTE FUNCTION reconcile_execution();
    CREATE OR REPLACE TRIGGER executions_reconciled_on_change AFTER UPDATE ON executions
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.payment_status IS DISTINCT FROM NEW.payment_status
                           OR OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.finished_at IS DISTINCT FROM NEW.finished_at)
        EXECUTE FUNCTION reconcile_execution();

    -- every row changed now, as far as the change feed's readers are concerned (the trigger stamps it)
    UPDATE executions SET change_seq = 0;

    DELETE FROM execution_count_deltas;
    DELETE FROM execution_counts;
    INSERT INTO execution_counts SELECT organization_id, status, count(*) FROM executions GROUP BY organization_id, status;

    DELETE FROM reconciliation;
    INSERT INTO reconciliation SELECT e.id, e.organization_id, d.rule, d.since FROM executions e,
        execution_disagreements(e.status, e.payment_status, e.started_at, e.finished_at, e.updated_at) d;
END $$;
