package sdkgen.runtime.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sdkgen.runtime.core.AuthKind;
import sdkgen.runtime.core.ClientOptions;
import sdkgen.runtime.core.JsonValue;
import sdkgen.runtime.core.QueryParams;
import sdkgen.runtime.core.RequestOptions;
import sdkgen.runtime.errors.BadRequestException;
import sdkgen.runtime.errors.InternalServerException;
import sdkgen.runtime.errors.InvalidDataException;
import sdkgen.runtime.errors.NotFoundException;
import sdkgen.runtime.errors.PermissionDeniedException;
import sdkgen.runtime.errors.RateLimitException;
import sdkgen.runtime.errors.SdkIoException;
import sdkgen.runtime.errors.SdkTimeoutException;
import sdkgen.runtime.errors.ServiceException;
import sdkgen.runtime.errors.UnauthorizedException;
import sdkgen.runtime.errors.UnexpectedStatusCodeException;
import sdkgen.runtime.errors.UnprocessableEntityException;
import sdkgen.runtime.support.ServerTest;
import sdkgen.runtime.support.TestServer;
import sdkgen.runtime.support.TestServer.Reply;
import sdkgen.runtime.support.Transports;

/** Calls through ApiCaller against a local server, with each transport. */
class ClientCallTest extends ServerTest {
    private static final TypeReference<Map<String, JsonValue>> OBJECT = new TypeReference<Map<String, JsonValue>>() {};

    @Override
    protected ClientOptions.Builder options(Transports.Named transport) {
        return super.options(transport).baseUrl(server.url() + "/v1").userAgent("test-sdk/1.0");
    }

    private static HttpRequest get(String... segments) {
        HttpRequest.Builder builder = HttpRequest.builder().method(HttpMethod.GET);
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    private static HttpRequest post(String segment, Map<String, Object> body) {
        return HttpRequest.builder().method(HttpMethod.POST).addPathSegment(segment)
                .body(HttpRequestBody.json(body)).build();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void sendsTheClientsHeadersAndParsesJson(Transports.Named transport) {
        server.enqueue(Reply.json(200, "{\"id\":\"t_1\",\"n\":2}").header("x-request-id", "req_1"));
        try (ClientOptions options = options(transport).putHeader("X-Team", "blue").putQueryParam("tenant", "7").build()) {
            HttpResponseFor<Map<String, JsonValue>> response = ApiCaller.callRaw(
                    options, get("threads"), RequestOptions.none(), OBJECT);
            assertEquals(200, response.statusCode());
            assertEquals("req_1", response.requestId().orElseThrow());
            assertEquals(JsonValue.from("t_1"), response.parse().get("id"));
        }
        TestServer.Recorded request = server.request(0);
        assertEquals("GET", request.method);
        assertEquals("/v1/threads", request.path);
        assertEquals("tenant=7", request.query);
        assertEquals("Bearer sk-secret", request.header("Authorization"));
        assertEquals("blue", request.header("X-Team"));
        assertEquals("0", request.header("X-Retry-Count"));
        assertTrue(request.header("User-Agent").startsWith("test-sdk/1.0 Java/"));
        assertNull(request.header("Idempotency-Key"), "a GET carries no idempotency key");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void retriesServerErrorsWithBackoffAndOneIdempotencyKey(Transports.Named transport) {
        server.enqueue(Reply.status(500), Reply.status(503), Reply.json(200, "{\"ok\":true}"));
        try (ClientOptions options = options(transport).build()) {
            Map<String, JsonValue> result =
                    ApiCaller.call(options, post("threads", Map.of("name", "x")), RequestOptions.none(), OBJECT);
            assertEquals(JsonValue.from(true), result.get("ok"));
        }
        List<TestServer.Recorded> requests = server.requests();
        assertEquals(3, requests.size());
        String key = requests.get(0).header("Idempotency-Key");
        assertNotNull(key);
        for (int i = 0; i < 3; i++) {
            assertEquals(key, requests.get(i).header("Idempotency-Key"), "the same key on every retry");
            assertEquals(Integer.toString(i), requests.get(i).header("X-Retry-Count"));
            assertEquals("{\"name\":\"x\"}", requests.get(i).bodyText());
        }
        List<Duration> sleeps = time.sleeps();
        assertEquals(2, sleeps.size());
        assertBetween(sleeps.get(0), 375, 500);
        assertBetween(sleeps.get(1), 750, 1000);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void eachCallHasItsOwnIdempotencyKeyAndACallersKeyIsKept(Transports.Named transport) {
        server.otherwise(request -> Reply.json(200, "{}"));
        try (ClientOptions options = options(transport).build()) {
            ApiCaller.call(options, post("a", Map.of()), RequestOptions.none(), ApiCaller.VOID);
            ApiCaller.call(options, post("a", Map.of()), RequestOptions.none(), ApiCaller.VOID);
            HttpRequest mine = post("a", Map.of()).toBuilder().putHeader("idempotency-key", "mine").build();
            ApiCaller.call(options, mine, RequestOptions.none(), ApiCaller.VOID);
        }
        List<TestServer.Recorded> requests = server.requests();
        assertFalse(requests.get(0).header("Idempotency-Key").equals(requests.get(1).header("Idempotency-Key")));
        assertEquals(List.of("mine"), requests.get(2).headers.values("Idempotency-Key"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void honoursRetryAfterSecondsMillisecondsAndDates(Transports.Named transport) {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                time.instant().plusSeconds(30).atZone(java.time.ZoneOffset.UTC));
        server.enqueue(
                Reply.status(429).header("Retry-After", "2"),
                Reply.status(429).header("retry-after-ms", "1500"),
                Reply.status(503).header("Retry-After", date),
                Reply.json(200, "{}"));
        try (ClientOptions options = options(transport).maxRetries(3).build()) {
            ApiCaller.call(options, get("x"), RequestOptions.none(), ApiCaller.VOID);
        }
        // The date is 30 s after the start; the clock has moved 3.5 s by the waits before it.
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(26_500)), time.sleeps());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aRetryAfterOverTheCapGetsTheUsualBackoff(Transports.Named transport) {
        server.enqueue(Reply.status(429).header("Retry-After", "600"), Reply.json(200, "{}"));
        try (ClientOptions options = options(transport).build()) {
            ApiCaller.call(options, get("x"), RequestOptions.none(), ApiCaller.VOID);
        }
        assertBetween(time.sleeps().get(0), 375, 500);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldRetryHeaderDecidesAndRetriesEnd(Transports.Named transport) {
        server.enqueue(
                Reply.status(500).header("x-should-retry", "false"),
                Reply.status(400).header("x-should-retry", "true"),
                Reply.json(200, "{}").header("x-should-retry", "true"));
        try (ClientOptions options = options(transport).build()) {
            assertThrows(InternalServerException.class,
                    () -> ApiCaller.call(options, get("x"), RequestOptions.none(), ApiCaller.VOID));
            // The 400 is retried as the header says; the 200 is a success whatever it says.
            ApiCaller.call(options, get("x"), RequestOptions.none(), ApiCaller.VOID);
            server.otherwise(request -> Reply.status(502));
            InternalServerException error = assertThrows(InternalServerException.class,
                    () -> ApiCaller.call(options, get("x"), RequestOptions.builder().maxRetries(1).build(), ApiCaller.VOID));
            assertEquals(502, error.statusCode());
        }
        assertEquals(5, server.requests().size());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void errorsByStatusKeepStatusHeadersBodyAndRequestId(Transports.Named transport) {
        Map<Integer, Class<? extends ServiceException>> classes = Map.of(
                400, BadRequestException.class, 401, UnauthorizedException.class,
                403, PermissionDeniedException.class, 404, NotFoundException.class,
                422, UnprocessableEntityException.class, 418, UnexpectedStatusCodeException.class);
        try (ClientOptions options = options(transport).maxRetries(0).build()) {
            for (Map.Entry<Integer, Class<? extends ServiceException>> entry : classes.entrySet()) {
                server.enqueue(Reply.json(entry.getKey(), "{\"error\":{\"message\":\"nope\"}}").header("x-request-id", "req_9"));
                ServiceException error = assertThrows(ServiceException.class,
                        () -> ApiCaller.call(options, get("x"), RequestOptions.none(), OBJECT));
                assertInstanceOf(entry.getValue(), error);
                assertEquals(entry.getKey(), error.statusCode());
                assertEquals("req_9", error.requestId().orElseThrow());
                assertEquals("application/json", error.headers().first("content-type").orElseThrow());
                assertEquals("HTTP " + entry.getKey() + ": nope", error.getMessage());
                assertEquals(JsonValue.from("nope"),
                        error.body().asObject().orElseThrow().get("error").asObject().orElseThrow().get("message"));
            }
            server.enqueue(Reply.status(429).text("slow down"));
            RateLimitException limited = assertThrows(RateLimitException.class,
                    () -> ApiCaller.call(options, get("x"), RequestOptions.none(), OBJECT));
            assertEquals(JsonValue.from("slow down"), limited.body());
            assertTrue(limited.requestId().isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void connectionErrorsAreRetriedThenThrown(Transports.Named transport) throws IOException {
        try (ClientOptions options = options(transport).baseUrl(closedUrl()).build()) {
            SdkIoException error = assertThrows(SdkIoException.class,
                    () -> ApiCaller.call(options, get("x"), RequestOptions.none(), ApiCaller.VOID));
            assertFalse(error instanceof SdkTimeoutException);
        }
        assertEquals(2, time.sleeps().size(), "two retries of a refused connection");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void silentServerTimesOut(Transports.Named transport) {
        server.otherwise(request -> Reply.silent());
        try (ClientOptions options = options(transport).maxRetries(1).timeout(Duration.ofMillis(300)).build()) {
            assertThrows(SdkTimeoutException.class,
                    () -> ApiCaller.call(options, get("x"), RequestOptions.none(), ApiCaller.VOID));
        }
        assertEquals(2, server.requests().size(), "a timeout is retried");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aBodyThatStallsTimesOut(Transports.Named transport) {
        server.otherwise(request -> Reply.json(200, "{\"partial\":").thenStall());
        try (ClientOptions options = options(transport).maxRetries(0).build()) {
            RequestOptions quick = RequestOptions.builder().timeout(Duration.ofMillis(300)).build();
            assertThrows(SdkTimeoutException.class, () -> ApiCaller.call(options, get("x"), quick, OBJECT));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aBodyOverTheLimitIsRefusedAndNotRetried(Transports.Named transport) {
        server.otherwise(request -> Reply.json(200, "[" + "1,".repeat(2000) + "1]"));
        try (ClientOptions options = options(transport).maxResponseBytes(1000).build()) {
            InvalidDataException error = assertThrows(InvalidDataException.class,
                    () -> ApiCaller.call(options, get("x"), RequestOptions.none(), OBJECT));
            assertTrue(error.getMessage().contains("maxResponseBytes"));
        }
        assertEquals(1, server.requests().size());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void asyncCallsRetryAndFailAlike(Transports.Named transport) {
        server.enqueue(Reply.status(500), Reply.json(200, "{\"id\":\"a\"}"), Reply.json(404, "{}"));
        try (ClientOptions options = options(transport).build()) {
            Map<String, JsonValue> result = ApiCaller.callAsync(options, get("x"), RequestOptions.none(), OBJECT).join();
            assertEquals(JsonValue.from("a"), result.get("id"));
            CompletionException error = assertThrows(CompletionException.class,
                    () -> ApiCaller.callAsync(options, get("x"), RequestOptions.none(), OBJECT).join());
            assertInstanceOf(NotFoundException.class, error.getCause());
        }
        assertEquals(1, time.sleeps().size());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void asyncTimeoutsAndConnectionErrorsAreRetriedThenFail(Transports.Named transport) throws IOException {
        server.otherwise(request -> Reply.silent());
        try (ClientOptions options = options(transport).maxRetries(1).timeout(Duration.ofMillis(300)).build()) {
            CompletionException error = assertThrows(CompletionException.class,
                    () -> ApiCaller.callAsync(options, get("x"), RequestOptions.none(), OBJECT).join());
            assertInstanceOf(SdkTimeoutException.class, error.getCause());
        }
        assertEquals(2, server.requests().size());
        try (ClientOptions options = options(transport).baseUrl(closedUrl()).build()) {
            CompletionException error = assertThrows(CompletionException.class,
                    () -> ApiCaller.callAsync(options, get("x"), RequestOptions.none(), OBJECT).join());
            assertInstanceOf(SdkIoException.class, error.getCause());
        }
        assertEquals(3, time.sleeps().size());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void headerAndQueryAuth(Transports.Named transport) {
        server.otherwise(request -> Reply.json(200, "{}"));
        try (ClientOptions header = options(transport).auth(AuthKind.HEADER, "X-Api-Key").build();
                ClientOptions query = options(transport).auth(AuthKind.QUERY, "key").build();
                ClientOptions basic = options(transport).apiKey("user:pw").auth(AuthKind.BASIC, null).build()) {
            ApiCaller.call(header, get("x"), RequestOptions.none(), ApiCaller.VOID);
            ApiCaller.call(query, get("x"), RequestOptions.none(), ApiCaller.VOID);
            ApiCaller.call(basic, get("x"), RequestOptions.none(), ApiCaller.VOID);
        }
        assertEquals("sk-secret", server.request(0).header("X-Api-Key"));
        assertNull(server.request(0).header("Authorization"));
        assertEquals("key=sk-secret", server.request(1).query);
        assertEquals("Basic dXNlcjpwdw==", server.request(2).header("Authorization"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aSuccessThatIsNotJsonFailsWhenParsed(Transports.Named transport) {
        server.enqueue(Reply.status(200).header("Content-Type", "text/html").text("<html>"), Reply.status(204),
                Reply.status(200).text("ignored"));
        try (ClientOptions options = options(transport).build()) {
            HttpResponseFor<Map<String, JsonValue>> html = ApiCaller.callRaw(options, get("x"), RequestOptions.none(), OBJECT);
            assertEquals(200, html.statusCode());
            assertTrue(assertThrows(InvalidDataException.class, html::parse).getMessage().contains("not JSON"));
            InvalidDataException empty = assertThrows(InvalidDataException.class,
                    () -> ApiCaller.call(options, get("x"), RequestOptions.none(), OBJECT));
            assertEquals("The response body is empty", empty.getMessage());
            assertNull(ApiCaller.call(options, get("x"), RequestOptions.none(), ApiCaller.VOID), "no body is parsed");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void formAndMultipartBodies(Transports.Named transport) {
        server.otherwise(request -> Reply.status(204));
        HttpRequestBody multipart = HttpRequestBody.multipart()
                .field("purpose", "a b")
                .file("file", new byte[] {0, (byte) 0xff}, "x\"y.bin", null)
                .file("note", "hi".getBytes(StandardCharsets.UTF_8), null, "text/plain")
                .build();
        try (ClientOptions options = options(transport).build()) {
            HttpRequest.Builder post = HttpRequest.builder().method(HttpMethod.POST).addPathSegment("files");
            ApiCaller.call(options, post.body(multipart).build(), RequestOptions.none(), ApiCaller.VOID);
            HttpRequestBody form = HttpRequestBody.form(QueryParams.builder()
                    .put("a", "1 2").put("a", "&").build());
            ApiCaller.call(options, post.body(form).build(), RequestOptions.none(), ApiCaller.VOID);
        }
        TestServer.Recorded sent = server.request(0);
        String boundary = sent.header("Content-Type").replace("multipart/form-data; boundary=", "");
        String body = new String(sent.body, StandardCharsets.ISO_8859_1);
        assertEquals("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\na b\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x%22y.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0000\u00ff\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"; filename=\"note\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhi\r\n"
                + "--" + boundary + "--\r\n", body);
        assertEquals("application/x-www-form-urlencoded", server.request(1).header("Content-Type"));
        assertEquals("a=1%202&a=%26", server.request(1).bodyText());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void binaryDownloadsStream(Transports.Named transport) throws IOException {
        server.enqueue(Reply.status(200).header("Content-Type", "application/octet-stream").bytes(new byte[] {1, 2, 3}));
        try (ClientOptions options = options(transport).build();
                HttpResponse response = ApiCaller.callBinary(options, get("file"), RequestOptions.none())) {
            assertEquals(List.of(1, 2, 3), toList(response.body().readAllBytes()));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void pathParamsAndCallExtrasReachTheWire(Transports.Named transport) {
        server.enqueue(Reply.status(204));
        SampleParams params = SampleParams.builder().threadId("a/b c?%").name("n")
                .putAdditionalHeader("X-Declared", "extra").putAdditionalHeader("X-More", "1")
                .putAdditionalQueryParam("include", "some").putAdditionalQueryParam("debug", "true")
                .putAdditionalBodyProperty("name", JsonValue.from("override"))
                .putAdditionalBodyProperty("beta", JsonValue.from(List.of(1)))
                .build();
        try (ClientOptions options = options(transport).build()) {
            ApiCaller.call(options, params.toRequest(), RequestOptions.none(), ApiCaller.VOID);
        }
        TestServer.Recorded request = server.request(0);
        assertEquals("/v1/threads/a%2Fb%20c%3F%25", request.path);
        assertEquals("include=some&debug=true", request.query);
        assertEquals(List.of("extra"), request.headers.values("X-Declared"));
        assertEquals("1", request.header("X-More"));
        assertEquals("{\"name\":\"override\",\"beta\":[1]}", request.bodyText());
        assertEquals("application/json", request.header("Content-Type"));
        assertThrows(IllegalStateException.class, () -> SampleParams.builder().build());
    }

    // A port nothing listens on: the connection is refused.
    private static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static List<Integer> toList(byte[] bytes) {
        return java.util.stream.IntStream.range(0, bytes.length).mapToObj(i -> (int) bytes[i]).collect(Collectors.toList());
    }

    static void assertBetween(Duration actual, long minMillis, long maxMillis) {
        assertTrue(actual.toMillis() >= minMillis && actual.toMillis() <= maxMillis,
                actual + " is not within [" + minMillis + ", " + maxMillis + "] ms");
    }
}
