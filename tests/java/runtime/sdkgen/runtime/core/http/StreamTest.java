package sdkgen.runtime.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sdkgen.runtime.core.ClientOptions;
import sdkgen.runtime.core.JsonValue;
import sdkgen.runtime.core.RequestOptions;
import sdkgen.runtime.errors.ErrorEventException;
import sdkgen.runtime.errors.InvalidDataException;
import sdkgen.runtime.errors.NotFoundException;
import sdkgen.runtime.errors.SdkIoException;
import sdkgen.runtime.errors.SdkTimeoutException;
import sdkgen.runtime.errors.UnauthorizedException;
import sdkgen.runtime.support.ServerTest;
import sdkgen.runtime.support.TestServer;
import sdkgen.runtime.support.TestServer.Reply;
import sdkgen.runtime.support.Transports;

/** Server-sent event streams over each transport. */
class StreamTest extends ServerTest {
    private static final TypeReference<Map<String, JsonValue>> EVENT = new TypeReference<Map<String, JsonValue>>() {};

    private static HttpRequest post() {
        return HttpRequest.builder().method(HttpMethod.POST).addPathSegment("runs")
                .body(HttpRequestBody.json(Map.of("stream", true))).build();
    }

    private static Reply events(String body) {
        return Reply.status(200).header("Content-Type", "text/event-stream; charset=utf-8").text(body);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void eventsUntilDone(Transports.Named transport) {
        server.enqueue(events("data: {\"n\":1}\n\n: ping\n\nevent: delta\ndata: {\"n\":2}\n\ndata: [DONE]\n\ndata: {\"n\":3}\n\n"));
        try (ClientOptions options = options(transport).build();
                StreamResponse<Map<String, JsonValue>> stream = ApiCaller.stream(options, post(), RequestOptions.none(), EVENT)) {
            assertEquals(200, stream.statusCode());
            List<Integer> numbers = stream.stream()
                    .map(event -> event.get("n").asNumber().orElseThrow().intValue())
                    .collect(Collectors.toList());
            assertEquals(List.of(1, 2), numbers);
        }
        assertEquals("text/event-stream", server.request(0).header("Accept"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aCutStreamFailsAfterTheCompleteEvents(Transports.Named transport) {
        server.enqueue(events("data: {\"n\":1}\n\ndata: {\"n\""));
        try (ClientOptions options = options(transport).build();
                StreamResponse<Map<String, JsonValue>> stream = ApiCaller.stream(options, post(), RequestOptions.none(), EVENT)) {
            List<Map<String, JsonValue>> seen = new CopyOnWriteArrayList<>();
            assertThrows(SdkIoException.class, () -> stream.stream().forEach(seen::add));
            assertEquals(1, seen.size());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aStreamThatFallsSilentTimesOut(Transports.Named transport) {
        server.enqueue(events("data: {\"n\":1}\n\n").thenStall());
        RequestOptions quick = RequestOptions.builder().timeout(Duration.ofMillis(300)).build();
        try (ClientOptions options = options(transport).build();
                StreamResponse<Map<String, JsonValue>> stream = ApiCaller.stream(options, post(), quick, EVENT)) {
            List<Map<String, JsonValue>> seen = new CopyOnWriteArrayList<>();
            assertThrows(SdkTimeoutException.class, () -> stream.stream().forEach(seen::add));
            assertEquals(1, seen.size());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aStreamCallGettingHtmlOrAnErrorThrows(Transports.Named transport) {
        server.enqueue(Reply.status(200).header("Content-Type", "text/html").text("<html>"),
                Reply.json(404, "{\"message\":\"no run\"}"));
        try (ClientOptions options = options(transport).build()) {
            InvalidDataException html = assertThrows(InvalidDataException.class,
                    () -> ApiCaller.stream(options, post(), RequestOptions.none(), EVENT));
            assertTrue(html.getMessage().contains("'text/html'"));
            NotFoundException missing = assertThrows(NotFoundException.class,
                    () -> ApiCaller.stream(options, post(), RequestOptions.none(), EVENT));
            assertEquals("HTTP 404: no run", missing.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anErrorEventThrowsWithItsMessageAndPlainDataIsAString(Transports.Named transport) {
        server.enqueue(events("data: {\"n\":1}\n\nevent: error\ndata: {\"message\":\"overloaded\"}\n\n"),
                events("data: {\"error\":{\"message\":\"bad\"}}\n\n"),
                events("data: plain text\n\n"));
        TypeReference<String> text = new TypeReference<String>() {};
        try (ClientOptions options = options(transport).build()) {
            try (StreamResponse<Map<String, JsonValue>> stream = ApiCaller.stream(options, post(), RequestOptions.none(), EVENT)) {
                List<Map<String, JsonValue>> seen = new CopyOnWriteArrayList<>();
                ErrorEventException error = assertThrows(ErrorEventException.class, () -> stream.stream().forEach(seen::add));
                assertEquals("overloaded", error.getMessage());
                assertEquals(1, seen.size());
            }
            try (StreamResponse<Map<String, JsonValue>> stream = ApiCaller.stream(options, post(), RequestOptions.none(), EVENT)) {
                ErrorEventException error = assertThrows(ErrorEventException.class, () -> stream.stream().count());
                assertEquals("bad", error.getMessage());
            }
            try (StreamResponse<String> stream = ApiCaller.stream(options, post(), RequestOptions.none(), text)) {
                assertEquals(List.of("plain text"), stream.stream().collect(Collectors.toList()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void asyncStreamsDeliverToTheHandler(Transports.Named transport) {
        server.enqueue(Reply.status(500),
                events("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"),
                Reply.status(401));
        try (ClientOptions options = options(transport).build()) {
            List<Map<String, JsonValue>> seen = new CopyOnWriteArrayList<>();
            AsyncStreamResponse<Map<String, JsonValue>> stream = ApiCaller.streamAsync(options, post(), RequestOptions.none(), EVENT);
            stream.subscribe(seen::add).onCompleteFuture().join();
            assertEquals(2, seen.size());
            CompletionException error = assertThrows(CompletionException.class,
                    () -> ApiCaller.streamAsync(options, post(), RequestOptions.none(), EVENT)
                            .subscribe(seen::add).onCompleteFuture().join());
            assertTrue(error.getCause() instanceof UnauthorizedException, error.toString());
        }
        assertEquals(1, time.sleeps().size(), "the 500 before the stream was retried");
    }
}
