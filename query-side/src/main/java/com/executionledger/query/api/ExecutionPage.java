package com.executionledger.query.api;

import java.util.List;

/** The {@code data} of a list answer. */
record ExecutionPage(boolean hasMore, List<ExecutionItem> items, int limit, long offset) {
}
