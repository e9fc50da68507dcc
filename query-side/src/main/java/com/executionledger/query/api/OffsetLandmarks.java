package com.executionledger.query.api;

import com.executionledger.events.ExecutionState;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.query.readmodel.ListPosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Pages at an offset, walking from the nearest landmark before it: the position of every
 * {@value #SPACING}th row of an organization's list, kept until a change to that organization is
 * heard ({@link HeardChanges}). An offset then costs the database a walk of at most
 * {@value #SPACING} index entries instead of one per row before it.
 */
@Component
class OffsetLandmarks {

    static final int SPACING = 1_000;
    private static final int MAX_LANDMARKS = 20_000;

    private final ExecutionRows rows;
    private final HeardChanges changes;
    private final Map<LandmarkKey, Landmark> landmarks = new ConcurrentHashMap<>();

    OffsetLandmarks(ExecutionRows rows, HeardChanges changes) {
        this.rows = rows;
        this.changes = changes;
    }

    private record LandmarkKey(String organizationId, long offset) {
    }

    /** The row at the landmark's offset, or none where the list is shorter. */
    private record Landmark(long readAt, Optional<ListPosition> position) {
    }

    /** The same rows as {@link ExecutionRows#page}. */
    List<ExecutionState> page(String organizationId, int limit, long offset) {
        long landmarkOffset = offset / SPACING * SPACING;
        if (landmarkOffset == 0) {
            return rows.page(organizationId, limit, offset);
        }
        return landmark(organizationId, landmarkOffset)
                .map(position -> rows.pageFrom(organizationId, position, limit, offset - landmarkOffset))
                .orElse(List.of());
    }

    private Optional<ListPosition> landmark(String organizationId, long offset) {
        LandmarkKey key = new LandmarkKey(organizationId, offset);
        Landmark kept = landmarks.get(key);
        if (kept != null && changes.unchangedSince(organizationId, kept.readAt())) {
            return kept.position();
        }
        long readAt = changes.now();
        Optional<ListPosition> position = rows.positionAt(organizationId, offset);
        if (changes.unchangedSince(organizationId, readAt)) {
            if (landmarks.size() >= MAX_LANDMARKS) {
                landmarks.clear(); // bounded; landmarks of organizations that changed since are dropped here too
            }
            landmarks.put(key, new Landmark(readAt, position));
        }
        return position;
    }
}
