package sdkgen.runtime.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sdkgen.runtime.errors.SdkException;

class ClientOptionsTest {
    @Test
    void defaultsAndEnvironment() {
        Map<String, String> env = Map.of("MY_KEY", "sk-env", "MY_URL", "https://env.example/v2/");
        try (ClientOptions options = ClientOptions.builder().fromEnv(env, "MY_KEY", "MY_URL", "https://default/v1").build()) {
            assertEquals("sk-env", options.apiKey().orElseThrow());
            assertEquals("https://env.example/v2", options.baseUrl());
            assertEquals(2, options.maxRetries());
            assertEquals(Duration.ofMinutes(10), options.timeout().request());
            assertEquals("Idempotency-Key", options.idempotencyHeader().orElseThrow());
        }
        try (ClientOptions options = ClientOptions.builder().apiKey("mine").fromEnv(Map.of(), "MY_KEY", "MY_URL", "https://default/v1").build()) {
            assertEquals("mine", options.apiKey().orElseThrow());
            assertEquals("https://default/v1", options.baseUrl());
        }
    }

    @Test
    void missingKeyOrUrlAndBadUrls() {
        SdkException noKey = assertThrows(SdkException.class,
                () -> ClientOptions.builder().fromEnv(Map.of(), "MY_KEY", null, "https://x").build());
        assertTrue(noKey.getMessage().contains("MY_KEY"));
        assertThrows(SdkException.class, () -> ClientOptions.builder().apiKey("k").build());
        ClientOptions.builder().auth(AuthKind.NONE, null).baseUrl("http://x").build().close();
        for (String bad : List.of("ftp://host", "/relative", "https://host/v1?tenant=secret", "https://host/#frag", "::")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ClientOptions.builder().apiKey("k").baseUrl(bad).build());
            assertFalse(error.getMessage().contains("secret"), "the message does not repeat the URL");
        }
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().auth(AuthKind.HEADER, null));
    }

    @Test
    void secretsStayOutOfToString() {
        try (ClientOptions options = ClientOptions.builder().apiKey("sk-very-secret").baseUrl("https://h")
                .putHeader("Authorization", "Bearer other-secret").putHeader("X-Visible", "yes").build()) {
            String text = options.toString() + options.headers();
            assertFalse(text.contains("very-secret"));
            assertFalse(text.contains("other-secret"));
            assertTrue(text.contains("yes"));
            ClientOptions copy = options.toBuilder().maxRetries(5).build();
            assertEquals(5, copy.maxRetries());
            assertEquals(options.httpClient(), copy.httpClient());
        }
    }

    @Test
    void headersAreCaseInsensitiveAndOrdered() {
        Headers headers = Headers.builder().put("X-A", "1").put("x-a", "2").put("B", "3").build();
        assertEquals(List.of("1", "2"), headers.values("X-a"));
        assertEquals(List.of("X-A", "B"), List.copyOf(headers.names()));
        assertEquals(3, headers.size());
        Headers replaced = headers.toBuilder().replace("x-A", "9").remove("b").build();
        assertEquals(List.of("9"), replaced.values("X-A"));
        assertFalse(replaced.contains("B"));
        assertEquals(headers, Headers.builder().put("x-a", "1").put("X-A", "2").put("b", "3").build());
        QueryParams query = QueryParams.builder().put("a", "1").put("A", "2").build();
        assertEquals(List.of("1"), query.values("a"));
    }
}
