package io.crawlify.runtime.pubsub;

import java.util.List;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.common.util.concurrent.MoreExecutors;

import io.smallrye.mutiny.Uni;

/** Bridges the Pub/Sub client's futures into Mutiny. */
public final class PubSubFutures {

    private PubSubFutures() {
    }

    public static <T> Uni<T> toUni(ApiFuture<T> future) {
        return Uni.createFrom().emitter(emitter -> ApiFutures.addCallback(future, new ApiFutureCallback<T>() {
            @Override
            public void onFailure(Throwable t) {
                emitter.fail(t);
            }

            @Override
            public void onSuccess(T result) {
                emitter.complete(result);
            }
        }, MoreExecutors.directExecutor()));
    }

    public static <T> Uni<List<T>> all(List<ApiFuture<T>> futures) {
        return toUni(ApiFutures.allAsList(futures));
    }
}
