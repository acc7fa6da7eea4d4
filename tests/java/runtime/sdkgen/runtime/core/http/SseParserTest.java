package sdkgen.runtime.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sdkgen.runtime.errors.SdkIoException;

class SseParserTest {
    private static List<ServerSentEvent> parse(String text, int chunk, long max) {
        SseParser parser = new SseParser(max);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<ServerSentEvent> events = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            events.addAll(parser.feed(bytes, i, Math.min(chunk, bytes.length - i)));
        }
        events.addAll(parser.finish());
        return events;
    }

    private static List<ServerSentEvent> parse(String text) {
        return parse(text, 1 << 20, 1 << 20);
    }

    @Test
    void fieldsLinesAndComments() {
        List<ServerSentEvent> events = parse(
                "\uFEFF: comment\nevent: delta\ndata: {\"a\":\ndata:1}\nid: 7\nretry: 300\n\n"
                        + "data\n\ndata: x\r\n\r\nevent: empty\n\ndata: y\rdata:  z\r\r");
        assertEquals(List.of(
                new ServerSentEvent("delta", "{\"a\":\n1}", "7", 300L),
                new ServerSentEvent(null, "", "7", null),
                new ServerSentEvent(null, "x", "7", null),
                new ServerSentEvent(null, "y\n z", "7", null)), events);
    }

    @Test
    void anySplitOfTheBytesGivesTheSameEvents() {
        String text = "data: h\u00e9llo\r\n\r\nevent: e\ndata: 1\n\n: c\r\ndata: 2\r\r";
        List<ServerSentEvent> whole = parse(text);
        for (int chunk = 1; chunk < 8; chunk++) {
            assertEquals(whole, parse(text, chunk, 1000), "chunks of " + chunk);
        }
        assertEquals(3, whole.size());
        assertEquals("h\u00e9llo", whole.get(0).data());
    }

    @Test
    void aStreamEndingInsideAnEventFailsButDoneNeedsNoBlankLine() {
        assertThrows(SdkIoException.class, () -> parse("data: 1\n\ndata: 2\n"));
        assertThrows(SdkIoException.class, () -> parse("data: 1\n\ndata: 2"));
        assertEquals("[DONE]", parse("data: 1\n\ndata: [DONE]").get(1).data());
        assertEquals(1, parse("data: 1\n\n: trailing comment\n").size());
    }

    @Test
    void anEventOverTheLimitFails() {
        SdkIoException error = assertThrows(SdkIoException.class, () -> parse("data: " + "x".repeat(100) + "\n\n", 7, 64));
        assertTrue(error.getMessage().contains("maxEventBytes"));
        assertThrows(SdkIoException.class, () -> parse("data: 12345678\ndata: 12345678\n\n", 3, 24));
        assertEquals(5, parse("data: 1234\n\n".repeat(5), 3, 24).size(), "the limit is per event");
    }

    @Test
    void invalidUtf8IsReplaced() {
        SseParser parser = new SseParser(100);
        byte[] bytes = {'d', 'a', 't', 'a', ':', (byte) 0xff, 'x', '\n', '\n'};
        assertEquals("\uFFFDx", parser.feed(bytes, 0, bytes.length).get(0).data());
    }
}
