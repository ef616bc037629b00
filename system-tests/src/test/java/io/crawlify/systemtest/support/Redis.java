package io.crawlify.systemtest.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Commands on the services' Redis (127.0.0.1:6379), for the few tests that set up state as a service would. Speaks
 * just enough RESP for commands whose reply is a status, an integer or a string.
 */
public final class Redis {

    private Redis() {
    }

    /** Runs one command; returns its reply as text (null for a nil reply). */
    public static String command(String... args) {
        try (Socket socket = new Socket("127.0.0.1", 6379)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return reply(new BufferedInputStream(socket.getInputStream()), String.join(" ", args));
        } catch (IOException e) {
            throw new IllegalStateException("Redis " + args[0] + " failed", e);
        }
    }

    private static String reply(InputStream in, String command) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+', ':' -> line;
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                String value = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                line(in);
                yield value;
            }
            case '-' -> throw new IllegalStateException("Redis refused " + command + ": " + line);
            default -> throw new IllegalStateException("unexpected Redis reply to " + command + ": " + (char) type + line);
        };
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read(); // \n
        return line.toString();
    }
}
