package com.executionledger.command.ingest;

import com.executionledger.command.execution.EventPointer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The ledger's eventIds, each claimed by the event that has it (rule 6: unique across the whole ledger). */
@Repository
class EventIds {

    /** An appended event's id at its place in the ledger. */
    record Claim(String eventId, String executionId, long sequence) {
    }

    private final JdbcTemplate jdbc;

    EventIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the ids of events being appended, in the appending transaction; answers the ids that
     * were claimed already (by another execution: an execution never appends an id twice). A
     * concurrent claim of the same id waits for the other transaction and then finds it taken.
     */
    Set<String> claim(List<Claim> claims) {
        Set<String> taken = new HashSet<>();
        if (claims.isEmpty()) {
            return taken;
        }
        claims.forEach(claim -> taken.add(claim.eventId()));
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    INSERT INTO event_id (event_id, execution_id, sequence_number)
                    SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[])
                    ON CONFLICT (event_id) DO NOTHING RETURNING event_id""");
            statement.setArray(1, connection.createArrayOf("varchar", claims.stream().map(Claim::eventId).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar", claims.stream().map(Claim::executionId).toArray()));
            statement.setArray(3, connection.createArrayOf("int8", claims.stream().map(Claim::sequence).toArray()));
            return statement;
        }, rs -> {
            taken.remove(rs.getString(1));
        });
        return taken;
    }

    /** Where the events holding these ids are. */
    Map<String, EventPointer> holders(Collection<String> eventIds) {
        Map<String, EventPointer> holders = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT event_id, execution_id, sequence_number FROM event_id WHERE event_id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("varchar", eventIds.toArray()));
            return statement;
        }, rs -> {
            holders.put(rs.getString(1), new EventPointer(rs.getString(2), rs.getLong(3)));
        });
        return holders;
    }
}
