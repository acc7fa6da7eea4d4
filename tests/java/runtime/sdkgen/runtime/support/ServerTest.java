package sdkgen.runtime.support;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import sdkgen.runtime.core.ClientOptions;

/** The base of tests against a local server: a fresh server and fake time per test. */
public abstract class ServerTest {
    protected TestServer server;
    protected FakeTime time;

    /** Both transports, for {@code @MethodSource("transports")}. */
    protected static Stream<Transports.Named> transports() {
        return Transports.all();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer();
        time = new FakeTime();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Options for the server with this transport, the key {@code sk-secret} and the fake time. */
    protected ClientOptions.Builder options(Transports.Named transport) {
        return ClientOptions.builder().httpClient(transport.make()).baseUrl(server.url()).apiKey("sk-secret")
                .clock(time).sleeper(time);
    }
}
