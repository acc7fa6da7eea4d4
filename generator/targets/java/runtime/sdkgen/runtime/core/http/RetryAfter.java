package sdkgen.runtime.core.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import sdkgen.runtime.core.Headers;

/** The wait a response asks for: {@code retry-after-ms}, or {@code Retry-After} in seconds or as a date. */
final class RetryAfter {
    private RetryAfter() {}

    static Optional<Duration> parse(Headers headers, Clock clock) {
        Optional<Double> millis = number(headers.first("retry-after-ms"));
        if (millis.isPresent()) {
            return Optional.of(Duration.ofNanos((long) (millis.get() * 1e6)));
        }
        Optional<String> value = headers.first("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Double> seconds = number(value);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofNanos((long) (seconds.get() * 1e9)));
        }
        try {
            ZonedDateTime date = ZonedDateTime.parse(value.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(Duration.between(clock.instant(), date.toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(Optional<String> text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.get().trim());
            // NaN, infinities and absurd values are no wait at all: fall back to the backoff.
            return Double.isFinite(value) && Math.abs(value) < 1e12 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
