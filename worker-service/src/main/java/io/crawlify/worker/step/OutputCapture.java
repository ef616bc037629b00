package io.crawlify.worker.step;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a process stream to its end on a virtual thread, keeping the first {@code maxBytes}; the rest is read and
 * dropped so the process never blocks on a full pipe. {@link #text()} can be taken before the end (a background
 * process may hold the pipe open after the command exited).
 */
final class OutputCapture {

    private final int maxBytes;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long total;

    private OutputCapture(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    static OutputCapture start(InputStream stream, int maxBytes) {
        OutputCapture capture = new OutputCapture(maxBytes);
        Thread.ofVirtual().name("command-output").start(() -> capture.drain(stream));
        return capture;
    }

    private void drain(InputStream stream) {
        byte[] chunk = new byte[8192];
        try (stream) {
            int n;
            while ((n = stream.read(chunk)) >= 0) {
                append(chunk, n);
            }
        } catch (IOException e) {
            // The pipe closed under us (process killed): what was read is all there is.
        } finally {
            done.complete(null);
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        int room = (int) Math.max(0, Math.min(n, maxBytes - total));
        kept.write(chunk, 0, room);
        total += n;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        if (total > maxBytes) {
            text += "\n[truncated: " + total + " bytes, the first " + maxBytes + " kept]";
        }
        if (!done.isDone()) {
            text += (text.isEmpty() ? "" : "\n") + "[stream still open after the command exited (a background"
                    + " process?): read so far]";
        }
        return text;
    }
}
