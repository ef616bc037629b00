package io.crawlify.orchestrator.workflow;

import io.crawlify.orchestrator.api.ApiException;

/** Bounds of offset/limit paging, the same for every list. */
public final class Pagination {

    public static final int MAX_LIMIT = 1000;

    private Pagination() {
    }

    public static void check(int offset, int limit) {
        if (offset < 0) {
            throw ApiException.badRequest("offset", "offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
