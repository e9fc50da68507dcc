package com.executionledger.query.readmodel;

import com.executionledger.events.EnvelopeReader;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ReadResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The facts applied to each execution, in arrival order, kept as contract envelopes. */
@Repository
class ExecutionFacts {

    private final JdbcTemplate jdbc;
    private final EnvelopeWriter writer = new EnvelopeWriter();
    private final EnvelopeReader reader = new EnvelopeReader();

    ExecutionFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a fact at its place in the execution's ledger; false when it was recorded before. */
    boolean record(ExecutionEvent event, long sequenceNumber) {
        String envelope = new String(writer.write(event), StandardCharsets.UTF_8);
        return jdbc.update("""
                        INSERT INTO execution_facts (execution_id, sequence_number, envelope) VALUES (?, ?, ?::jsonb)
                        ON CONFLICT DO NOTHING""",
                event.header().executionId(), sequenceNumber, envelope) == 1;
    }

    List<ExecutionEvent> inArrivalOrder(String executionId) {
        return jdbc.query("SELECT envelope::text FROM execution_facts WHERE execution_id = ? ORDER BY sequence_number",
                (rs, row) -> read(rs.getString(1)), executionId);
    }

    private ExecutionEvent read(String envelope) {
        ReadResult result = reader.read(envelope.getBytes(StandardCharsets.UTF_8));
        if (result instanceof ReadResult.Accepted accepted) {
            return accepted.event();
        }
        throw new IllegalStateException("stored fact no longer reads: " + ((ReadResult.Invalid) result).reason());
    }

    void deleteAll() {
        jdbc.update("TRUNCATE execution_facts");
    }
}
