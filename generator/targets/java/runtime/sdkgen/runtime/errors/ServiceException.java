package sdkgen.runtime.errors;

import java.util.Map;
import java.util.Optional;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/**
 * The server answered with an error status. The subclass names the status ({@link #forStatus});
 * the status, headers, body and request id are kept for the caller.
 */
public abstract class ServiceException extends SdkException {
    private static final long serialVersionUID = 1L;
    // A message shows at most this much of the body: an error page can be large.
    private static final int MAX_MESSAGE_BODY = 500;

    private final int statusCode;
    private final transient Headers headers;
    private final transient JsonValue body;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    protected ServiceException(int statusCode, Headers headers, JsonValue body) {
        super(message(statusCode, body));
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
    }

    /** The exception class for {@code statusCode}: 400, 401, 403, 404, 422, 429, 5xx, or other. */
    public static ServiceException forStatus(int statusCode, Headers headers, JsonValue body) {
        switch (statusCode) {
            case 400:
                return new BadRequestException(statusCode, headers, body);
            case 401:
                return new UnauthorizedException(statusCode, headers, body);
            case 403:
                return new PermissionDeniedException(statusCode, headers, body);
            case 404:
                return new NotFoundException(statusCode, headers, body);
            case 422:
                return new UnprocessableEntityException(statusCode, headers, body);
            case 429:
                return new RateLimitException(statusCode, headers, body);
            default:
                if (statusCode >= 500) {
                    return new InternalServerException(statusCode, headers, body);
                }
                return new UnexpectedStatusCodeException(statusCode, headers, body);
        }
    }

    /** The HTTP status of the response. */
    public int statusCode() {
        return statusCode;
    }

    /** The response's headers. */
    public Headers headers() {
        return headers;
    }

    /** The response's body: its JSON, a JSON string when it is not JSON, {@link JsonValue#missing()} when empty. */
    public JsonValue body() {
        return body;
    }

    /** The server's id for the request ({@code x-request-id}), to quote when reporting a problem. */
    public Optional<String> requestId() {
        return headers.first("x-request-id");
    }

    private static String message(int statusCode, JsonValue body) {
        String detail = errorMessage(body).orElseGet(() -> body.isMissing() ? "" : body.toString());
        if (detail.length() > MAX_MESSAGE_BODY) {
            detail = detail.substring(0, MAX_MESSAGE_BODY) + "...";
        }
        return detail.isEmpty() ? "HTTP " + statusCode : "HTTP " + statusCode + ": " + detail;
    }

    // Most APIs put a readable sentence at `error.message` or `message`; show that rather than the JSON.
    private static Optional<String> errorMessage(JsonValue body) {
        Optional<Map<String, JsonValue>> object = body.asObject();
        if (object.isEmpty()) {
            return body.asString();
        }
        JsonValue error = object.get().getOrDefault("error", JsonValue.missing());
        Optional<String> nested =
                error.asObject().flatMap(e -> e.getOrDefault("message", JsonValue.missing()).asString());
        if (nested.isPresent()) {
            return nested;
        }
        return object.get().getOrDefault("message", JsonValue.missing()).asString();
    }
}
