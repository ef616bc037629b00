package io.crawlify.model.crawl;

/**
 * When page failures fail the whole execution. Failed pages are always counted; by default the execution
 * fails only when no page succeeded.
 */
public record FailureThreshold(Long maxFailedPages, Double maxFailedRatio) {

    public static final FailureThreshold DEFAULT = new FailureThreshold(null, null);

    public boolean crossedBy(long completed, long failed) {
        if (failed == 0) {
            return false;
        }
        if (completed == 0) {
            return true;
        }
        if (maxFailedPages != null && failed > maxFailedPages) {
            return true;
        }
        return maxFailedRatio != null && (double) failed / (completed + failed) > maxFailedRatio;
    }
}
