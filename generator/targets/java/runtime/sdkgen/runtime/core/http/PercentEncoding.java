package sdkgen.runtime.core.http;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of path segments and query components: every byte but the unreserved ones. */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    static String pathSegment(String text) {
        return encode(text);
    }

    static String queryComponent(String text) {
        return encode(text);
    }

    // RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~". Everything else is encoded, so
    // a value can never add a segment, a query or a fragment.
    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
