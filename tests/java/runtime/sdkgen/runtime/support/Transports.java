package sdkgen.runtime.support;

import java.util.function.Supplier;
import java.util.stream.Stream;
import sdkgen.runtime.client.okhttp.OkHttpTransport;
import sdkgen.runtime.core.http.HttpClient;
import sdkgen.runtime.core.http.JdkHttpClient;

/** Both transports, for tests that run against each (JUnit {@code @MethodSource}). */
public final class Transports {
    private Transports() {}

    /** A named maker of each transport. */
    public static Stream<Named> all() {
        return Stream.of(
                new Named("jdk", () -> JdkHttpClient.builder().build()),
                new Named("okhttp", () -> OkHttpTransport.builder().build()));
    }

    /** A transport's name (shown in the test report) and its maker. */
    public static final class Named {
        private final String name;
        private final Supplier<HttpClient> maker;

        Named(String name, Supplier<HttpClient> maker) {
            this.name = name;
            this.maker = maker;
        }

        public HttpClient make() {
            return maker.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
