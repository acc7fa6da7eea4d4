package sdkgen.runtime.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import sdkgen.runtime.core.ClientOptions;
import sdkgen.runtime.core.JsonValue;
import sdkgen.runtime.core.ObjectMappers;
import sdkgen.runtime.core.RequestOptions;
import sdkgen.runtime.errors.InvalidDataException;
import sdkgen.runtime.errors.SdkException;
import sdkgen.runtime.errors.ServiceException;

/**
 * What generated services call: sends a request ({@link RetryingHttpClient}), turns an error
 * status into its {@link ServiceException}, and parses the body (JSON) or the event stream.
 */
public final class ApiCaller {
    /** The result type of a call without content: no body is parsed and the result is null. */
    public static final TypeReference<Void> VOID = new TypeReference<Void>() {};

    private ApiCaller() {}

    /** Sends the call and returns its parsed result (null for {@link #VOID}). */
    public static <T> T call(ClientOptions options, HttpRequest request, RequestOptions requestOptions, TypeReference<T> type) {
        return callRaw(options, request, requestOptions, type).parse();
    }

    /** {@link #call} without blocking. */
    public static <T> CompletableFuture<T> callAsync(
            ClientOptions options, HttpRequest request, RequestOptions requestOptions, TypeReference<T> type) {
        return callRawAsync(options, request, requestOptions, type).thenApply(HttpResponseFor::parse);
    }

    /** Sends the call and returns the response with its status and headers; {@code parse()} gives the result. */
    public static <T> HttpResponseFor<T> callRaw(
            ClientOptions options, HttpRequest request, RequestOptions requestOptions, TypeReference<T> type) {
        HttpResponse response = RetryingHttpClient.of(options).execute(request, requestOptions, false);
        return checked((BufferedHttpResponse) response, type);
    }

    /** {@link #callRaw} without blocking. */
    public static <T> CompletableFuture<HttpResponseFor<T>> callRawAsync(
            ClientOptions options, HttpRequest request, RequestOptions requestOptions, TypeReference<T> type) {
        return RetryingHttpClient.of(options)
                .executeAsync(request, requestOptions, false)
                .thenApply(response -> checked((BufferedHttpResponse) response, type));
    }

    /**
     * Sends a call whose body is binary (a file download) and returns the response with the body
     * unread, to be closed by the caller. An error status throws, as for {@link #call}.
     */
    public static HttpResponse callBinary(ClientOptions options, HttpRequest request, RequestOptions requestOptions) {
        HttpResponse response = RetryingHttpClient.of(options).execute(request, requestOptions, true);
        return checkedStreaming(options, response);
    }

    /** {@link #callBinary} without blocking. */
    public static CompletableFuture<HttpResponse> callBinaryAsync(
            ClientOptions options, HttpRequest request, RequestOptions requestOptions) {
        return RetryingHttpClient.of(options)
                .executeAsync(request, requestOptions, true)
                .thenApply(response -> checkedStreaming(options, response));
    }

    /**
     * Sends a streamed call ({@code Accept: text/event-stream}) and returns its events, each
     * event's data parsed as JSON into {@code eventType}. A 2xx answer that is not an event stream
     * throws {@link InvalidDataException} naming its content type.
     */
    public static <T> StreamResponse<T> stream(
            ClientOptions options, HttpRequest request, RequestOptions requestOptions, TypeReference<T> eventType) {
        HttpResponse response = RetryingHttpClient.of(options).execute(acceptingEvents(request), requestOptions, true);
        return eventStream(options, response, eventType);
    }

    /** {@link #stream} without blocking: the events go to the subscriber's handler. */
    public static <T> AsyncStreamResponse<T> streamAsync(
            ClientOptions options, HttpRequest request, RequestOptions requestOptions, TypeReference<T> eventType) {
        CompletableFuture<StreamResponse<T>> stream = RetryingHttpClient.of(options)
                .executeAsync(acceptingEvents(request), requestOptions, true)
                .thenApply(response -> eventStream(options, response, eventType));
        return new FutureAsyncStreamResponse<>(stream);
    }

    private static HttpRequest acceptingEvents(HttpRequest request) {
        return request.toBuilder().replaceHeader("Accept", "text/event-stream").build();
    }

    private static <T> StreamResponse<T> eventStream(ClientOptions options, HttpResponse response, TypeReference<T> eventType) {
        HttpResponse ok = checkedStreaming(options, response);
        Optional<String> contentType = ok.headers().first("content-type");
        String mediaType = contentType.map(type -> type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!mediaType.equals("text/event-stream")) {
            ok.close();
            throw new InvalidDataException("Expected a text/event-stream response (server-sent events), got "
                    + contentType.map(type -> "'" + type + "'").orElse("no content type"));
        }
        return new SseStreamResponse<>(ok, eventType, options.maxEventBytes());
    }

    private static HttpResponse checkedStreaming(ClientOptions options, HttpResponse response) {
        if (isSuccess(response.statusCode())) {
            return response;
        }
        BufferedHttpResponse error = BufferedHttpResponse.read(response, options.maxResponseBytes());
        throw statusError(error);
    }

    private static <T> HttpResponseFor<T> checked(BufferedHttpResponse response, TypeReference<T> type) {
        if (!isSuccess(response.statusCode())) {
            throw statusError(response);
        }
        return new ParsedResponse<>(response, type);
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static ServiceException statusError(BufferedHttpResponse response) {
        return ServiceException.forStatus(response.statusCode(), response.headers(), errorBody(response.bytes()));
    }

    // The error's body as JSON when it is JSON, else as a JSON string of its text.
    private static JsonValue errorBody(byte[] bytes) {
        if (bytes.length == 0) {
            return JsonValue.missing();
        }
        try {
            return ObjectMappers.readJson(bytes);
        } catch (InvalidDataException e) {
            return JsonValue.from(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** The cause behind a {@link CompletionException}, for rethrowing from a blocking wrapper. */
    public static RuntimeException unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        return new SdkException(cause.toString(), cause);
    }

    private static final class ParsedResponse<T> extends ForwardingResponse implements HttpResponseFor<T> {
        private final byte[] bytes;
        private final TypeReference<T> type;
        private T parsed;
        private boolean done;

        ParsedResponse(BufferedHttpResponse response, TypeReference<T> type) {
            super(response);
            this.bytes = response.bytes();
            this.type = type;
        }

        @Override
        public synchronized T parse() {
            if (!done) {
                parsed = parseBody();
                done = true;
            }
            return parsed;
        }

        private T parseBody() {
            if (type.getType() == Void.class) {
                return null;
            }
            if (bytes.length == 0) {
                throw new InvalidDataException("The response body is empty");
            }
            return ObjectMappers.readJson(bytes, type);
        }
    }
}
