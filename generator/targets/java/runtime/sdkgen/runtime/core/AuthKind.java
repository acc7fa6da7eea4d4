package sdkgen.runtime.core;

/** How the API key goes on the wire (from the spec's security scheme). */
public enum AuthKind {
    /** {@code Authorization: Bearer <key>}. */
    BEARER,
    /** {@code Authorization: Basic base64(<key>)}; the key is {@code user:password}. */
    BASIC,
    /** A header named by the auth parameter name, holding the key. */
    HEADER,
    /** A query parameter named by the auth parameter name, holding the key. */
    QUERY,
    /** No credentials. */
    NONE
}
