-- Reconciliation pages by cursor as the list does: one direction for every key of its order.
DROP INDEX reconciliation_by_organization;
CREATE INDEX reconciliation_by_organization ON reconciliation (organization_id, since DESC, execution_id DESC, rule DESC);
