package com.executionledger.query.listing;

import com.executionledger.lifecycle.ExecutionState;
import com.executionledger.query.readmodel.ExecutionRows;
import com.executionledger.query.readmodel.ListPosition;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Pages at an offset, walking from the nearest landmark before it: the position of every
 * {@value #SPACING}th row of an organization's list, kept until a change to that organization is
 * heard ({@link OrganizationChangeListener}). An offset then costs the database a walk of at most
 * {@value #SPACING} index entries instead of one per row before it.
 */
@Component
class OffsetLandmarks {

    static final int SPACING = 1_000;
    private static final int MAX_LANDMARKS = 20_000;

    private final ExecutionRows rows;
    /** The row at each landmark's offset. */
    private final CachedUntilChanged<Long, ListPosition> landmarks;

    OffsetLandmarks(ExecutionRows rows, OrganizationChangeListener changes) {
        this.rows = rows;
        this.landmarks = new CachedUntilChanged<>(changes, MAX_LANDMARKS);
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

    /** The row at the offset; none where the list is shorter, which is not kept: its walk ends early anyway. */
    private Optional<ListPosition> landmark(String organizationId, long offset) {
        Optional<ListPosition> kept = landmarks.current(organizationId, offset);
        if (kept.isPresent()) {
            return kept;
        }
        long readAt = landmarks.now();
        Optional<ListPosition> position = rows.positionAt(organizationId, offset);
        position.ifPresent(row -> landmarks.keep(organizationId, offset, readAt, row));
        return position;
    }
}
