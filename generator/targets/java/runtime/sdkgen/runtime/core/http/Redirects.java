package sdkgen.runtime.core.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import sdkgen.runtime.errors.RedirectException;

/** The request a 3xx answer asks for (RFC 9110 15.4), with credentials kept to their origin. */
final class Redirects {
    private Redirects() {}

    /**
     * The next request, or empty when {@code response} is no redirect (not 301/302/303/307/308,
     * or no {@code Location}). 301/302 turn a POST into a GET and 303 anything but HEAD, dropping
     * the body; 307/308 resend method and body. When scheme, host or port change, the
     * {@code secretHeaders} and {@code secretQuery} parameters are removed.
     */
    static Optional<HttpRequest> next(
            HttpRequest request, HttpResponse response, Set<String> secretHeaders, Set<String> secretQuery) {
        int status = response.statusCode();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return Optional.empty();
        }
        Optional<String> location = response.headers().first("location");
        if (location.isEmpty() || location.get().isEmpty()) {
            return Optional.empty();
        }
        URI from = request.uri();
        URI to = resolve(from, location.get());
        HttpMethod method = request.method();
        boolean toGet = (status == 303 && method != HttpMethod.HEAD) || ((status == 301 || status == 302) && method == HttpMethod.POST);
        HttpRequest.Builder next = request.toBuilder().url(to);
        if (toGet) {
            next.method(HttpMethod.GET).body(null).removeHeader("content-type").removeHeader("content-length")
                    .removeHeader("transfer-encoding");
        }
        if (!origin(from).equals(origin(to))) {
            for (String name : secretHeaders) {
                next.removeHeader(name);
            }
            for (String name : secretQuery) {
                next.removeQueryParam(name);
            }
        }
        return Optional.of(next.build());
    }

    private static URI resolve(URI from, String location) {
        URI to;
        try {
            to = from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new RedirectException("Redirect to an invalid URL");
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || to.getHost() == null) {
            throw new RedirectException("Redirect to a URL that is not HTTP(S): " + scheme + ":");
        }
        if (to.getRawFragment() != null) {
            String text = to.toString();
            to = URI.create(text.substring(0, text.indexOf('#')));
        }
        return to;
    }

    // scheme, host and port (the default one when not given): what credentials are bound to.
    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + Objects.toString(uri.getHost(), "").toLowerCase(Locale.ROOT) + ":" + port;
    }
}
