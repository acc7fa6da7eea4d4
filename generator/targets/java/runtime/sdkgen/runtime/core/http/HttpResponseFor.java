package sdkgen.runtime.core.http;

/**
 * A response together with what its body parses into: the status and headers of a call whose
 * result is read with {@link #parse()} (parsed once, on first use).
 *
 * @param <T> the parsed type
 */
public interface HttpResponseFor<T> extends HttpResponse {
    /** The body parsed into the call's result type (null for a call without content). */
    T parse();
}
