package sdkgen.runtime.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import sdkgen.runtime.core.JsonValue;
import sdkgen.runtime.core.ObjectMappers;

/**
 * A request body, held in memory so that a retry or a 307/308 redirect can send it again.
 * Its {@code toString()} shows the size only: bodies can hold secrets.
 */
public final class HttpRequestBody {
    private final byte[] content;
    private final String contentType;

    private HttpRequestBody(byte[] content, String contentType) {
        this.content = content;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    /** A JSON object of these members, in order ({@code JsonValue.missing()} members left out). */
    public static HttpRequestBody json(Map<String, JsonValue> members) {
        return json((Object) members);
    }

    /**
     * A JSON object of the declared members (any values {@link JsonValue#from} takes) with a call's
     * additional body properties merged over them (an additional property replaces a declared one).
     */
    public static HttpRequestBody json(Map<String, ?> members, Map<String, JsonValue> additional) {
        Map<String, Object> merged = new LinkedHashMap<>(members);
        merged.putAll(additional);
        return json(merged);
    }

    /** Any value as JSON ({@link JsonValue#from}: a model, a list, a map, a string...). */
    public static HttpRequestBody json(Object value) {
        return json(value, "application/json");
    }

    /** Any value as JSON with another JSON media type, e.g. {@code application/merge-patch+json}. */
    public static HttpRequestBody json(Object value, String contentType) {
        return new HttpRequestBody(ObjectMappers.writeJson(value), contentType);
    }

    /** Raw bytes of a content type (copied). */
    public static HttpRequestBody of(byte[] content, String contentType) {
        return new HttpRequestBody(content.clone(), contentType);
    }

    /** Text of a content type, sent as UTF-8. */
    public static HttpRequestBody text(String content, String contentType) {
        return new HttpRequestBody(content.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** The body's bytes (a copy). */
    public byte[] bytes() {
        return content.clone();
    }

    /** The number of bytes. */
    public int length() {
        return content.length;
    }

    /** The {@code Content-Type}. */
    public String contentType() {
        return contentType;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpRequestBody
                && Arrays.equals(content, ((HttpRequestBody) other).content)
                && contentType.equals(((HttpRequestBody) other).contentType);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(content) + contentType.hashCode();
    }

    @Override
    public String toString() {
        return "HttpRequestBody{" + contentType + ", " + content.length + " bytes}";
    }
}
