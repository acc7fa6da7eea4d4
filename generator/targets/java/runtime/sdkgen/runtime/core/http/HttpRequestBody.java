package sdkgen.runtime.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import sdkgen.runtime.core.JsonValue;
import sdkgen.runtime.core.ObjectMappers;
import sdkgen.runtime.core.QueryParams;

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

    /** Form fields, {@code application/x-www-form-urlencoded}, in order. */
    public static HttpRequestBody form(QueryParams fields) {
        StringBuilder text = new StringBuilder();
        for (String name : fields.names()) {
            for (String value : fields.values(name)) {
                if (text.length() > 0) {
                    text.append('&');
                }
                text.append(PercentEncoding.queryComponent(name)).append('=').append(PercentEncoding.queryComponent(value));
            }
        }
        return text(text.toString(), "application/x-www-form-urlencoded");
    }

    /** A builder of a {@code multipart/form-data} body: form fields and files. */
    public static Multipart multipart() {
        return new Multipart();
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

    /** The parts of a {@code multipart/form-data} body, in order; held in memory for retries. */
    public static final class Multipart {
        private final String boundary = "sdk-" + UUID.randomUUID().toString().replace("-", "");
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private Multipart() {}

        /** A plain form field. */
        public Multipart field(String name, String value) {
            part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /**
         * A file. Without a filename most servers take a part for a plain field, so a missing one
         * is the field's name, as the Python runtime does; the content type defaults to
         * {@code application/octet-stream}.
         */
        public Multipart file(String name, byte[] content, String filename, String contentType) {
            part(name, filename == null ? name : filename, contentType == null ? "application/octet-stream" : contentType, content);
            return this;
        }

        /** A file read from disk now (so that a retry sends the same bytes), named as on disk. */
        public Multipart file(String name, Path path, String contentType) throws IOException {
            return file(name, Files.readAllBytes(path), String.valueOf(path.getFileName()), contentType);
        }

        private void part(String name, String filename, String contentType, byte[] content) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
            head.append("Content-Disposition: form-data; name=\"").append(quoted(name)).append('"');
            if (filename != null) {
                head.append("; filename=\"").append(quoted(filename)).append('"');
            }
            head.append("\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }

        // The HTML rule for names in Content-Disposition: quotes and line ends percent-encoded.
        private static String quoted(String text) {
            return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        }

        /** The body (the builder can go on adding parts to a later one). */
        public HttpRequestBody build() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new HttpRequestBody(all.toByteArray(), "multipart/form-data; boundary=" + boundary);
        }
    }
}
