package sdkgen.runtime.core.http;

import java.util.Objects;
import java.util.Optional;

/** One server-sent event: its type, its data (lines joined by {@code \n}), id and retry hint. */
public final class ServerSentEvent {
    private final String event;
    private final String data;
    private final String id;
    private final Long retry;

    /** An event ({@code event}, {@code id} and {@code retry} may be null). */
    public ServerSentEvent(String event, String data, String id, Long retry) {
        this.event = event;
        this.data = Objects.requireNonNull(data, "data");
        this.id = id;
        this.retry = retry;
    }

    /** The {@code event:} field, if sent. */
    public Optional<String> event() {
        return Optional.ofNullable(event);
    }

    /** The data. */
    public String data() {
        return data;
    }

    /** The last {@code id:} seen, if any. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The {@code retry:} field in milliseconds, if sent. */
    public Optional<Long> retry() {
        return Optional.ofNullable(retry);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ServerSentEvent)) {
            return false;
        }
        ServerSentEvent that = (ServerSentEvent) other;
        return Objects.equals(event, that.event) && data.equals(that.data)
                && Objects.equals(id, that.id) && Objects.equals(retry, that.retry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data, id, retry);
    }

    @Override
    public String toString() {
        return "ServerSentEvent{event=" + event + ", data=" + data + ", id=" + id + ", retry=" + retry + "}";
    }
}
