package sdkgen.runtime.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sdkgen.runtime.errors.SdkIoException;

/**
 * Splits a {@code text/event-stream} into events by the WHATWG rules: CR, LF and CRLF line ends,
 * {@code data:} lines joined by {@code \n}, {@code event:}, {@code id:}, {@code retry:}, comments,
 * and bytes that are not UTF-8 replaced. Each byte is looked at once. Not thread-safe.
 */
public final class SseParser {
    private final long maxEventBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCr;
    private boolean firstLine = true;
    private final StringBuilder data = new StringBuilder();
    private long eventBytes;
    private boolean inEvent;
    private String eventType;
    private String lastId;
    private Long retry;

    /** A parser refusing an event (its data, or one line) of more than {@code maxEventBytes} bytes. */
    public SseParser(long maxEventBytes) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive");
        }
        this.maxEventBytes = maxEventBytes;
    }

    /** The events completed by these bytes (a part of the stream; an event may span calls). */
    public List<ServerSentEvent> feed(byte[] bytes, int offset, int length) {
        List<ServerSentEvent> events = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine(events);
            } else {
                append(b);
            }
        }
        return events;
    }

    /**
     * The end of the stream: the last event if it is complete but for its blank line and its data
     * is {@code [DONE]}; {@link SdkIoException} if the stream stopped inside any other event (the
     * spec drops such an event, and a silently shorter stream would look complete).
     */
    public List<ServerSentEvent> finish() {
        List<ServerSentEvent> events = new ArrayList<>();
        if (lineLength > 0) {
            endLine(events);
        }
        if (inEvent) {
            if (data.toString().startsWith("[DONE]")) {
                events.add(dispatch());
                return events;
            }
            throw new SdkIoException("The event stream ended inside an event");
        }
        return events;
    }

    /** True when the stream so far ends between events. */
    public boolean isBetweenEvents() {
        return lineLength == 0 && !inEvent;
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
        if (eventBytes + lineLength > maxEventBytes) {
            throw tooLarge();
        }
    }

    private SdkIoException tooLarge() {
        return new SdkIoException(
                "A server-sent event is larger than maxEventBytes (" + maxEventBytes + "): raise the client's limit to accept it");
    }

    private void endLine(List<ServerSentEvent> events) {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        int bytes = lineLength;
        lineLength = 0;
        if (firstLine) {
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            if (inEvent) {
                ServerSentEvent event = dispatch();
                if (event != null) {
                    events.add(event);
                }
            }
            eventBytes = 0;
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data":
                data.append(value).append('\n');
                eventBytes += bytes;
                inEvent = true;
                break;
            case "event":
                eventType = value;
                inEvent = true;
                break;
            case "id":
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
                inEvent = true;
                break;
            case "retry":
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() < 19) {
                    retry = Long.parseLong(value);
                }
                inEvent = true;
                break;
            default:
                break; // unknown fields are ignored
        }
    }

    // An event with no data lines is no event (its type is forgotten), as the spec says.
    private ServerSentEvent dispatch() {
        inEvent = false;
        String type = eventType;
        Long retryHint = retry;
        eventType = null;
        retry = null;
        if (data.length() == 0) {
            return null;
        }
        String text = data.substring(0, data.length() - 1);
        data.setLength(0);
        return new ServerSentEvent(type, text, lastId, retryHint);
    }
}
