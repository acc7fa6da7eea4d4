package sdkgen.runtime.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

class ServiceExceptionTest {
    private static ServiceException of(int status, JsonValue body) {
        return ServiceException.forStatus(status, Headers.builder().put("X-Request-Id", "req_7").build(), body);
    }

    @Test
    void classesByStatus() {
        assertInstanceOf(InternalServerException.class, of(500, JsonValue.missing()));
        assertInstanceOf(InternalServerException.class, of(599, JsonValue.missing()));
        assertInstanceOf(UnexpectedStatusCodeException.class, of(409, JsonValue.missing()));
        assertInstanceOf(UnexpectedStatusCodeException.class, of(304, JsonValue.missing()));
        assertInstanceOf(SdkException.class, of(400, JsonValue.missing()));
        assertEquals("req_7", of(404, JsonValue.missing()).requestId().orElseThrow());
    }

    @Test
    void messagesPreferTheServersSentenceAndStayShort() {
        assertEquals("HTTP 503", of(503, JsonValue.missing()).getMessage());
        assertEquals("HTTP 400: top", of(400, JsonValue.from(Map.of("message", "top"))).getMessage());
        assertEquals("HTTP 400: {\"error\":{\"code\":7}}",
                of(400, JsonValue.from(Map.of("error", Map.of("code", 7)))).getMessage());
        String message = of(500, JsonValue.from("x".repeat(2000))).getMessage();
        assertTrue(message.length() < 520 && message.endsWith("..."), message);
    }
}
