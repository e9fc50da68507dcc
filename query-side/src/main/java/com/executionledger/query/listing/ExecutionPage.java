package com.executionledger.query.listing;

import java.util.List;

/**
 * The {@code data} of a list answer: the promised fields, and {@code nextCursor} beside them for
 * keyset paging (null on the last page).
 */
record ExecutionPage(boolean hasMore, List<ExecutionItem> items, int limit, long offset, String nextCursor) {
}
