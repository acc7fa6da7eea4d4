package sdkgen.runtime.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;
import sdkgen.runtime.core.ObjectMappers;
import sdkgen.runtime.errors.ErrorEventException;
import sdkgen.runtime.errors.InvalidDataException;
import sdkgen.runtime.errors.SdkIoException;

/** The events of an event-stream response, parsed one at a time as they are read. */
final class SseStreamResponse<T> implements StreamResponse<T> {
    private final HttpResponse response;
    private final TypeReference<T> eventType;
    private final SseParser parser;
    private boolean streamed;

    SseStreamResponse(HttpResponse response, TypeReference<T> eventType, long maxEventBytes) {
        this.response = response;
        this.eventType = eventType;
        this.parser = new SseParser(maxEventBytes);
    }

    @Override
    public synchronized Stream<T> stream() {
        if (streamed) {
            throw new IllegalStateException("The event stream can be read only once");
        }
        streamed = true;
        Iterator<T> events = new Events();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    @Override
    public int statusCode() {
        return response.statusCode();
    }

    @Override
    public Headers headers() {
        return response.headers();
    }

    @Override
    public void close() {
        response.close();
    }

    // The data as JSON (or as a string when it is not JSON), checked for an error the server sent.
    private T parse(ServerSentEvent event) {
        JsonValue data;
        try {
            data = ObjectMappers.readJson(event.data().getBytes(StandardCharsets.UTF_8));
        } catch (InvalidDataException e) {
            data = JsonValue.from(event.data());
        }
        Optional<Map<String, JsonValue>> object = data.asObject();
        if (object.isPresent() && (event.event().filter("error"::equals).isPresent() || object.get().containsKey("error"))) {
            JsonValue error = object.get().getOrDefault("error", data);
            String message = error.asObject()
                    .flatMap(e -> e.getOrDefault("message", JsonValue.missing()).asString())
                    .or(error::asString)
                    .orElse("An error occurred during streaming");
            close();
            throw new ErrorEventException(message, data);
        }
        try {
            return data.convert(eventType);
        } catch (IllegalArgumentException e) {
            close();
            throw new InvalidDataException("An event does not fit its type: " + e.getMessage(), e);
        }
    }

    private final class Events implements Iterator<T> {
        private final InputStream body = response.body();
        private final byte[] chunk = new byte[8192];
        private final ArrayDeque<ServerSentEvent> pending = new ArrayDeque<>();
        private boolean finished;

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && !finished) {
                readMore();
            }
            if (!pending.isEmpty() && pending.peek().data().startsWith("[DONE]")) {
                pending.clear();
                end();
            }
            return !pending.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return parse(pending.poll());
        }

        private void readMore() {
            int n;
            try {
                n = body.read(chunk);
            } catch (IOException e) {
                close();
                throw new SdkIoException("Connection error while reading the event stream: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            try {
                if (n == -1) {
                    pending.addAll(parser.finish());
                    end();
                } else {
                    pending.addAll(parser.feed(chunk, 0, n));
                }
            } catch (SdkIoException e) {
                close();
                throw e;
            }
        }

        private void end() {
            finished = true;
            close();
        }
    }
}
