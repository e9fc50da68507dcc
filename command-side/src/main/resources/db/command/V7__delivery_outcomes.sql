-- The command side's published read of what became of deliveries that added nothing to an
-- execution's ledger: redeliveries, and events rejected at the door. Other modules read this view,
-- never the tables behind it. Rejections the ledger made itself when an execution_created arrived
-- are in the ledger (EventRejected), so they are left out here.
CREATE VIEW delivery_outcomes AS
    SELECT execution_id, event_id, received_at, after_sequence, 'duplicate' AS outcome,
           NULL::text AS reason, NULL::text AS operator_act
    FROM duplicate_delivery
    UNION ALL
    SELECT execution_id, event_id, received_at, after_sequence, 'rejected', reason, operator_act
    FROM dead_letter
    WHERE source <> 'ledger: rejected on creation';
