-- The list's filters (GET /v1/executions?status=...): each one an index that leads with the
-- organization and keeps the list's order, so that a filtered page is one range scan, newest
-- first, however many rows the organization has. The created-at bounds use the list's own index.
CREATE INDEX executions_by_status ON executions (organization_id, status, created_at DESC, id DESC);
CREATE INDEX executions_by_payment_status ON executions (organization_id, payment_status, created_at DESC, id DESC);
CREATE INDEX executions_by_workflow ON executions (organization_id, workflow_id, created_at DESC, id DESC);
CREATE INDEX executions_by_source_system ON executions (organization_id, source_system, created_at DESC, id DESC);
CREATE INDEX executions_by_initiator ON executions (organization_id, initiated_by_id, created_at DESC, id DESC);
