package sdkgen.runtime.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sdkgen.runtime.core.AuthKind;
import sdkgen.runtime.core.ClientOptions;
import sdkgen.runtime.core.RequestOptions;
import sdkgen.runtime.errors.RedirectException;
import sdkgen.runtime.errors.UnexpectedStatusCodeException;
import sdkgen.runtime.support.ServerTest;
import sdkgen.runtime.support.TestServer;
import sdkgen.runtime.support.TestServer.Reply;
import sdkgen.runtime.support.Transports;

/** Redirects are followed by the runtime, keeping credentials to their server. */
class RedirectTest extends ServerTest {
    private TestServer other;

    @BeforeEach
    void startOther() throws IOException {
        other = new TestServer();
    }

    @AfterEach
    void stopOther() {
        other.close();
    }

    @Override
    protected ClientOptions.Builder options(Transports.Named transport) {
        return super.options(transport).putHeader("Cookie", "session=1");
    }

    private static HttpRequest get(String path) {
        return HttpRequest.builder().addPathSegment(path).putQueryParam("q", "1").build();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void sameOriginKeepsCredentials(Transports.Named transport) {
        server.enqueue(Reply.status(302).header("Location", "/moved?x=2"), Reply.status(204));
        try (ClientOptions options = options(transport).build()) {
            ApiCaller.call(options, get("start"), RequestOptions.none(), ApiCaller.VOID);
        }
        TestServer.Recorded second = server.request(1);
        assertEquals("/moved", second.path);
        assertEquals("x=2", second.query);
        assertEquals("Bearer sk-secret", second.header("Authorization"));
        assertEquals("session=1", second.header("Cookie"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anotherOriginGetsNoCredentials(Transports.Named transport) {
        server.enqueue(Reply.status(307).header("Location", other.url() + "/there"));
        other.enqueue(Reply.status(204));
        try (ClientOptions options = options(transport).addSecretHeader("X-Session").build()) {
            HttpRequest request = get("start").toBuilder().putHeader("X-Session", "s").putHeader("X-Plain", "p").build();
            ApiCaller.call(options, request, RequestOptions.none(), ApiCaller.VOID);
        }
        TestServer.Recorded moved = other.request(0);
        assertEquals("/there", moved.path);
        assertNull(moved.header("Authorization"));
        assertNull(moved.header("Cookie"));
        assertNull(moved.header("X-Session"));
        assertEquals("p", moved.header("X-Plain"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anotherOriginGetsNoHeaderOrQueryKey(Transports.Named transport) {
        server.otherwise(request -> Reply.status(301).header("Location", other.url() + "/there?key=sk-secret&y=1"));
        other.otherwise(request -> Reply.status(204));
        try (ClientOptions header = options(transport).auth(AuthKind.HEADER, "X-Api-Key").build();
                ClientOptions query = options(transport).auth(AuthKind.QUERY, "key").build()) {
            ApiCaller.call(header, get("a"), RequestOptions.none(), ApiCaller.VOID);
            ApiCaller.call(query, get("a"), RequestOptions.none(), ApiCaller.VOID);
        }
        assertEquals("sk-secret", server.request(0).header("X-Api-Key"));
        assertNull(other.request(0).header("X-Api-Key"));
        assertEquals("key=sk-secret&q=1", server.request(1).query);
        assertEquals("y=1", other.request(1).query, "the key is removed even when the Location repeats it");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void seeOtherTurnsAPostIntoAGetAndTemporaryKeepsIt(Transports.Named transport) {
        server.enqueue(Reply.status(303).header("Location", "/result"), Reply.status(204),
                Reply.status(308).header("Location", "/again"), Reply.status(204));
        try (ClientOptions options = options(transport).build()) {
            HttpRequest post = HttpRequest.builder().method(HttpMethod.POST).addPathSegment("jobs")
                    .body(HttpRequestBody.json(Map.of("a", 1))).build();
            ApiCaller.call(options, post, RequestOptions.none(), ApiCaller.VOID);
            ApiCaller.call(options, post, RequestOptions.none(), ApiCaller.VOID);
        }
        assertEquals("GET", server.request(1).method);
        assertEquals(0, server.request(1).body.length);
        assertNull(server.request(1).header("Content-Type"));
        assertEquals("POST", server.request(3).method);
        assertEquals("{\"a\":1}", server.request(3).bodyText());
        assertEquals(server.request(2).header("Idempotency-Key"), server.request(3).header("Idempotency-Key"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aLoopStopsAfterTenRedirectsAndIsNotRetried(Transports.Named transport) {
        server.otherwise(request -> Reply.status(302).header("Location", "/loop"));
        try (ClientOptions options = options(transport).build()) {
            RedirectException error = assertThrows(RedirectException.class,
                    () -> ApiCaller.call(options, get("loop"), RequestOptions.none(), ApiCaller.VOID));
            assertTrue(error.getMessage().contains("10"));
        }
        assertEquals(11, server.requests().size());
        assertEquals(0, time.sleeps().size());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void onlyHttpLocationsAreFollowed(Transports.Named transport) {
        server.enqueue(Reply.status(302).header("Location", "file:///etc/passwd"), Reply.status(302));
        try (ClientOptions options = options(transport).build()) {
            assertThrows(RedirectException.class,
                    () -> ApiCaller.call(options, get("a"), RequestOptions.none(), ApiCaller.VOID));
            UnexpectedStatusCodeException noLocation = assertThrows(UnexpectedStatusCodeException.class,
                    () -> ApiCaller.call(options, get("a"), RequestOptions.none(), ApiCaller.VOID));
            assertEquals(302, noLocation.statusCode());
        }
    }
}
