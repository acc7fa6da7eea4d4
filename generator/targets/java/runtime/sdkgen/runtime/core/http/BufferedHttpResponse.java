package sdkgen.runtime.core.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.errors.InvalidDataException;
import sdkgen.runtime.errors.SdkIoException;

/** A response whose body has been read whole (up to a limit) and the connection released. */
final class BufferedHttpResponse implements HttpResponse {
    private final int statusCode;
    private final Headers headers;
    private final byte[] body;

    private BufferedHttpResponse(int statusCode, Headers headers, byte[] body) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Reads {@code response}'s body and closes it. More than {@code maxBytes} bytes is an
     * {@link InvalidDataException} (a body without end must not fill the memory); a broken
     * connection an {@link SdkIoException}.
     */
    static BufferedHttpResponse read(HttpResponse response, long maxBytes) {
        try (HttpResponse open = response) {
            return new BufferedHttpResponse(open.statusCode(), open.headers(), readAll(open.body(), maxBytes));
        }
    }

    static byte[] readAll(InputStream in, long maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        long total = 0;
        try (InputStream body = in) {
            for (int n; (n = body.read(chunk)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw new InvalidDataException(
                            "The response body is larger than maxResponseBytes (" + maxBytes + "): raise the client's limit to accept it");
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new SdkIoException("Connection error while reading the response body: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    byte[] bytes() {
        return body;
    }

    @Override
    public int statusCode() {
        return statusCode;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public void close() {
        // Nothing is held open.
    }
}
