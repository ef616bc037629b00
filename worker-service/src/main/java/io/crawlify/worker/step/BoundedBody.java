package io.crawlify.worker.step;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body codec that keeps at most {@code maxBytes}: past that it fails the response (the web client then
 * resets the request) instead of buffering whatever a server sends.
 */
final class BoundedBody implements BodyStream<Buffer> {

    /** The body was larger than allowed. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(int maxBytes) {
            super("response body exceeds " + maxBytes + " bytes (crawlify.steps.http.max-response-bytes)");
        }
    }

    private final int maxBytes;
    private final Buffer body = Buffer.buffer();
    private final Promise<Buffer> result = Promise.promise();

    private BoundedBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    static BodyCodec<Buffer> codec(int maxBytes) {
        return handler -> handler.handle(Future.succeededFuture(new BoundedBody(maxBytes)));
    }

    @Override
    public Future<Buffer> result() {
        return result.future();
    }

    @Override
    public void handle(Throwable failure) {
        result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (body.length() + data.length() > maxBytes) {
            TooLargeException tooLarge = new TooLargeException(maxBytes);
            result.tryFail(tooLarge);
            return Future.failedFuture(tooLarge);
        }
        body.appendBuffer(data);
        return Future.succeededFuture();
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        Future<Void> written = write(data);
        if (handler != null) {
            handler.handle(written);
        }
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        result.tryComplete(body);
        if (handler != null) {
            handler.handle(Future.succeededFuture());
        }
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }
}
