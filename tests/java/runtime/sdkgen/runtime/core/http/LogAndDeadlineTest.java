package sdkgen.runtime.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import sdkgen.runtime.core.AuthKind;
import sdkgen.runtime.core.ClientOptions;
import sdkgen.runtime.core.RequestOptions;
import sdkgen.runtime.errors.SdkTimeoutException;
import sdkgen.runtime.support.ServerTest;
import sdkgen.runtime.support.TestServer;
import sdkgen.runtime.support.TestServer.Reply;

class LogAndDeadlineTest extends ServerTest {
    @Test
    void theDebugLogShowsRequestsAndRetriesWithoutCredentials() {
        Logger logger = Logger.getLogger(RetryingHttpClient.class.getPackageName());
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        server.enqueue(Reply.status(500), Reply.status(302).header("Location", "/b"), Reply.status(204));
        try (ClientOptions options = ClientOptions.builder().baseUrl(server.url()).apiKey("sk-query-secret")
                .auth(AuthKind.QUERY, "key").putHeader("Authorization", "Bearer sk-header-secret")
                .putHeader("X-Session", "sk-session-secret").addSecretHeader("x-session")
                .clock(time).sleeper(time).build()) {
            ApiCaller.call(options, HttpRequest.builder().addPathSegment("a").build(), RequestOptions.none(), ApiCaller.VOID);
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
        String log = String.join("\n", lines);
        assertTrue(log.contains("Retrying GET"), log);
        assertTrue(log.contains("Redirected to"), log);
        assertTrue(log.contains("Request: GET " + server.url() + "/a?key=<redacted>"), log);
        assertFalse(log.contains("secret"), log);
    }

    @Test
    void oneDeadlineSpansTheRedirectsOfAnAttempt() {
        // Each answer takes 4 s of the fake clock: the third redirect starts past a 10 s deadline.
        server.otherwise(request -> {
            time.advance(Duration.ofSeconds(4));
            return Reply.status(307).header("Location", "/next");
        });
        try (ClientOptions options = ClientOptions.builder().baseUrl(server.url()).apiKey("k")
                .timeout(Duration.ofSeconds(10)).maxRetries(0).clock(time).sleeper(time).build()) {
            assertThrows(SdkTimeoutException.class, () -> ApiCaller.call(
                    options, HttpRequest.builder().addPathSegment("a").build(), RequestOptions.none(), ApiCaller.VOID));
        }
        assertEquals(3, server.requests().size());
    }
}
