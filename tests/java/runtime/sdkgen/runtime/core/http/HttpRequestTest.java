package sdkgen.runtime.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpRequestTest {
    private static HttpRequest.Builder base() {
        return HttpRequest.builder().baseUrl("https://api.example/v1/");
    }

    @Test
    void pathParamsAreOneEncodedSegment() {
        HttpRequest request = base().addPathSegment("threads").addPathParam("thread_id", "a/b?c#d%e f\u00e9").build();
        assertEquals(URI.create("https://api.example/v1/threads/a%2Fb%3Fc%23d%25e%20f%C3%A9"), request.uri());
    }

    @Test
    void emptyDotAndDotDotAreRefusedByName() {
        for (String bad : new String[] {"", ".", ".."}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> base().addPathParam("thread_id", bad));
            assertTrue(error.getMessage().contains("`thread_id`"), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> base().addPathParam("thread_id", null));
    }

    @Test
    void queryIsEncodedAndRepeated() {
        HttpRequest request = base().putQueryParam("a", "1 2&3").putQueryParam("a", "x").putQueryParam("b[c]", "=").build();
        assertEquals("https://api.example/v1?a=1%202%263&a=x&b%5Bc%5D=%3D", request.uri().toString());
    }

    @Test
    void urlOfALocationKeepsItsEncodingAndQuery() {
        HttpRequest request = base().addPathSegment("old").url(URI.create("http://h:81/p%2Fq/r?x=1&y=%20")).build();
        assertEquals("http://h:81/p%2Fq/r?x=1&y=%20", request.uri().toString());
        assertEquals("1", request.queryParams().first("x").orElseThrow());
    }

    @Test
    void toStringHidesCredentials() {
        HttpRequest request = HttpRequest.builder().baseUrl("https://user:pw@api.example")
                .putQueryParam("api_key", "sk-1").putQueryParam("key", "sk-2").putQueryParam("n", "1")
                .putHeader("Authorization", "Bearer sk-3").body(HttpRequestBody.text("sk-4", "text/plain")).build();
        String text = request.toString() + request.redactedUrl(Set.of("key"));
        for (String secret : new String[] {"sk-1", "sk-2", "sk-3", "sk-4", "pw"}) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
        assertTrue(text.contains("n=1"));
    }
}
