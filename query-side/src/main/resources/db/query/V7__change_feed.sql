-- The change feed (GET /v1/execution-changes): every write of a row stamps it with the writing
-- transaction and a sequence number. The feed pages in that order, and only over transactions
-- older than every transaction still running: those can no longer gain rows, so a page never
-- skips a change that commits later. (updatedAt comes from upstream clocks and cannot order it.)
ALTER TABLE executions ADD COLUMN changed_in xid8, ADD COLUMN change_seq BIGINT;
CREATE SEQUENCE execution_change_seq;

CREATE FUNCTION stamp_execution_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_in := pg_current_xact_id();
    NEW.change_seq := nextval('execution_change_seq');
    RETURN NEW;
END $$;

CREATE TRIGGER executions_stamped BEFORE INSERT OR UPDATE ON executions
    FOR EACH ROW EXECUTE FUNCTION stamp_execution_change();

-- the rows already there: stamped by the trigger, as one change each
UPDATE executions SET change_seq = 0;
CREATE INDEX executions_by_change ON executions (organization_id, changed_in, change_seq);
