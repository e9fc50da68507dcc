-- Where in its execution's ledger a duplicate or a rejection arrived: the sequence number of the
-- execution's last ledger event when it was taken (-1 before the first). An execution's history
-- lists it right after that event; clocks alone cannot order arrivals within a millisecond.
-- Null for rows kept before this column and for events whose envelope could not be read.
ALTER TABLE duplicate_delivery ADD COLUMN after_sequence bigint;
ALTER TABLE dead_letter ADD COLUMN after_sequence bigint;
