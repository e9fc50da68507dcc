-- Rule 9: a dead letter that an operator's re-drive led to records that act (JSON: act, deadLetterId,
-- by, at, originalPayload), as an appended event does in its metadata.
ALTER TABLE dead_letter ADD COLUMN operator_act TEXT;
ALTER TABLE dead_letter ADD COLUMN redriven_by VARCHAR(64);
