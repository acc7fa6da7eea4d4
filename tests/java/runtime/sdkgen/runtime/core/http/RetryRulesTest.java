package sdkgen.runtime.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.support.FakeTime;

/** The wait before a retry, computed without any server. */
class RetryRulesTest {
    private final FakeTime time = new FakeTime();

    private Duration delay(int retries, double random, String... headers) {
        Headers.Builder builder = Headers.builder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.put(headers[i], headers[i + 1]);
        }
        return RetryingHttpClient.retryDelay(retries, builder.build(), time, random);
    }

    @Test
    void backoffDoublesUpToEightSecondsLessJitter() {
        assertEquals(Duration.ofMillis(500), delay(0, 0.0));
        assertEquals(Duration.ofMillis(1000), delay(1, 0.0));
        assertEquals(Duration.ofMillis(4000), delay(3, 0.0));
        assertEquals(Duration.ofMillis(8000), delay(4, 0.0));
        assertEquals(Duration.ofMillis(8000), delay(30, 0.0));
        assertEquals(Duration.ofMillis(6000), delay(9, 1.0), "at most 25% less");
        assertEquals(Duration.ofNanos(437_500_000), delay(0, 0.5));
    }

    @Test
    void retryAfterForms() {
        assertEquals(Duration.ofMillis(2500), delay(0, 0, "Retry-After", "2.5"));
        assertEquals(Duration.ofMillis(20), delay(0, 0, "retry-after-ms", "20", "Retry-After", "9"));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().plusSeconds(45).atZone(ZoneOffset.UTC));
        assertEquals(Duration.ofSeconds(45), delay(0, 0, "Retry-After", date));
        assertEquals(Duration.ofSeconds(60), delay(0, 0, "Retry-After", "60"));
    }

    @Test
    void unusableRetryAfterFallsBackToBackoff() {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().minusSeconds(5).atZone(ZoneOffset.UTC));
        for (String value : new String[] {"0", "-1", "61", "soon", "NaN", "Infinity", past, ""}) {
            assertEquals(Duration.ofMillis(1000), delay(1, 0, "Retry-After", value), value);
        }
        assertEquals(Duration.ofMillis(1000), delay(1, 0, "retry-after-ms", "x"));
    }
}
