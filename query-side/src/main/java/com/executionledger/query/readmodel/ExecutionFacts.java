package com.executionledger.query.readmodel;

import com.executionledger.events.EnvelopeReader;
import com.executionledger.events.EnvelopeWriter;
import com.executionledger.events.ExecutionEvent;
import com.executionledger.events.ReadResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The facts applied to each execution, in arrival order, kept as contract envelopes. */
@Repository
class ExecutionFacts {

    /** A fact at its place (the execution's sequence number) in its execution's ledger. */
    record Fact(ExecutionEvent event, long sequenceNumber) {
    }

    private final JdbcTemplate jdbc;
    private final EnvelopeWriter writer = new EnvelopeWriter();
    private final EnvelopeReader reader = new EnvelopeReader();

    ExecutionFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records facts at their places; answers those not recorded before, in the order given. */
    List<Fact> recordAll(List<Fact> facts) {
        List<Object[]> rows = new ArrayList<>(facts.size());
        for (Fact fact : facts) {
            rows.add(new Object[] {fact.event().header().executionId(), fact.sequenceNumber(),
                    new String(writer.write(fact.event()), StandardCharsets.UTF_8)});
        }
        int[] inserted = jdbc.batchUpdate("""
                INSERT INTO execution_facts (execution_id, sequence_number, envelope) VALUES (?, ?, ?::jsonb)
                ON CONFLICT DO NOTHING""", rows);
        List<Fact> recorded = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] != 0) {
                recorded.add(facts.get(i));
            }
        }
        return recorded;
    }

    /** The facts of these executions, each execution's in arrival order. */
    Map<String, List<ExecutionEvent>> inArrivalOrder(Collection<String> executionIds) {
        Map<String, List<ExecutionEvent>> byExecution = new LinkedHashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT execution_id, envelope::text FROM execution_facts WHERE execution_id = ANY (?)
                    ORDER BY execution_id, sequence_number""");
            statement.setArray(1, connection.createArrayOf("varchar", executionIds.toArray()));
            return statement;
        }, rs -> {
            byExecution.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(read(rs.getString(2)));
        });
        return byExecution;
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
