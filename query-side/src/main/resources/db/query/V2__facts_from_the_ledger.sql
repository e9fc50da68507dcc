-- The projection reads an execution's facts from the event store itself (and keeps the ones it
-- follows in memory), so a second copy of every event in the read database is no longer needed.
DROP TABLE execution_facts;
