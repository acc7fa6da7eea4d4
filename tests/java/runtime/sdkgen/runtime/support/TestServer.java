package sdkgen.runtime.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import sdkgen.runtime.core.Headers;

/**
 * A real HTTP server on 127.0.0.1 (a free port) that answers with scripted replies and records
 * every request. A reply may hold its headers or its body back until the server stops, for
 * timeout tests that must not depend on how fast the machine is.
 */
public final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Function<Recorded, Reply>> replies = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Function<Recorded, Reply> fallback = request -> Reply.status(599).text("no reply scripted");

    public TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** http://127.0.0.1:port (no trailing slash). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues replies, answered in order; after the last, the fallback. */
    public TestServer enqueue(Reply... scripted) {
        for (Reply reply : scripted) {
            replies.add(request -> reply);
        }
        return this;
    }

    /** Queues a reply computed from its request. */
    public TestServer enqueue(Function<Recorded, Reply> reply) {
        replies.add(reply);
        return this;
    }

    /** The reply to every request once the queue is empty. */
    public TestServer otherwise(Function<Recorded, Reply> reply) {
        fallback = reply;
        return this;
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    public Recorded request(int index) {
        return requests().get(index);
    }

    private void handle(HttpExchange exchange) {
        try {
            Headers.Builder headers = Headers.builder();
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                for (String value : header.getValue()) {
                    headers.put(header.getKey(), value);
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Recorded recorded = new Recorded(
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers.build(), body);
            requests.add(recorded);
            Function<Recorded, Reply> next = replies.poll();
            Reply reply = (next == null ? fallback : next).apply(recorded);
            if (reply.holdHeaders) {
                awaitStop();
                return;
            }
            for (Map.Entry<String, String> header : reply.headers) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
            boolean noBody = reply.body.length == 0 && !reply.holdBody;
            exchange.sendResponseHeaders(reply.status, noBody ? -1 : (reply.holdBody ? 0 : reply.body.length));
            if (noBody) {
                return;
            }
            OutputStream out = exchange.getResponseBody();
            out.write(reply.body);
            out.flush();
            if (reply.holdBody) {
                awaitStop();
            }
        } catch (IOException e) {
            // The client hung up (a timeout test); nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private void awaitStop() {
        try {
            stopping.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopping.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** One request as the server saw it. */
    public static final class Recorded {
        public final String method;
        public final String path;
        public final String query;
        public final Headers headers;
        public final byte[] body;

        Recorded(String method, String path, String query, Headers headers, byte[] body) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.body = body;
        }

        public String header(String name) {
            return headers.first(name).orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted reply. */
    public static final class Reply {
        final int status;
        final List<Map.Entry<String, String>> headers = new ArrayList<>();
        byte[] body = new byte[0];
        boolean holdHeaders;
        boolean holdBody;

        private Reply(int status) {
            this.status = status;
        }

        public static Reply status(int status) {
            return new Reply(status);
        }

        public static Reply json(int status, String json) {
            return new Reply(status).header("Content-Type", "application/json").text(json);
        }

        /** A reply that never comes (until the server stops): the client must time out. */
        public static Reply silent() {
            Reply reply = new Reply(200);
            reply.holdHeaders = true;
            return reply;
        }

        public Reply header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        public Reply text(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Reply bytes(byte[] bytes) {
            body = bytes.clone();
            return this;
        }

        /** Sends the headers and the body so far, then holds the connection open. */
        public Reply thenStall() {
            holdBody = true;
            return this;
        }
    }
}
