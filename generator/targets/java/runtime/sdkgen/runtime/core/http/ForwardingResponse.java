package sdkgen.runtime.core.http;

import java.io.InputStream;
import sdkgen.runtime.core.Headers;

/** A response that passes everything to another; subclasses change what they must. */
abstract class ForwardingResponse implements HttpResponse {
    final HttpResponse response;

    ForwardingResponse(HttpResponse response) {
        this.response = response;
    }

    @Override
    public int statusCode() {
        return response.statusCode();
    }

    @Override
    public Headers headers() {
        return response.headers();
    }

    @Override
    public InputStream body() {
        return response.body();
    }

    @Override
    public void close() {
        response.close();
    }
}
