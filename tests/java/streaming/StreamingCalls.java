import covstreaming.client.CovStreamingClient;
import covstreaming.client.CovStreamingClientAsync;
import covstreaming.client.okhttp.CovStreamingOkHttpClient;
import covstreaming.client.okhttp.CovStreamingOkHttpClientAsync;
import covstreaming.core.http.AsyncStreamResponse;
import covstreaming.core.http.StreamResponse;
import covstreaming.models.completions.Completion;
import covstreaming.models.completions.CompletionChunk;
import covstreaming.models.completions.CompletionCreateParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The generated event-stream methods of tests/fixtures/specs/cov_streaming.yaml against a local
 * server (its base URL is the first argument): `createCompletionStreaming` blocking and async, and
 * `createCompletion`, which asks for no stream. Exits non-zero, naming the check, when one fails.
 */
public final class StreamingCalls {
    private StreamingCalls() {}

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("failed: " + what);
        }
    }

    public static void main(String[] args) throws Exception {
        CompletionCreateParams params = CompletionCreateParams.builder().prompt("hi").build();
        try (CovStreamingClient client = CovStreamingOkHttpClient.builder().baseUrl(args[0]).maxRetries(0).build()) {
            Completion completion = client.completions().create(params);
            check(completion.text().equals("Hello"), "createCompletion: " + completion);
            try (StreamResponse<CompletionChunk> stream = client.completions().createStreaming(params)) {
                List<String> deltas = stream.stream().map(CompletionChunk::delta).collect(Collectors.toList());
                check(deltas.equals(List.of("Hel", "lo")), "blocking stream: " + deltas);
            }
        }
        try (CovStreamingClientAsync client = CovStreamingOkHttpClientAsync.builder().baseUrl(args[0]).build()) {
            List<String> deltas = Collections.synchronizedList(new ArrayList<>());
            try (AsyncStreamResponse<CompletionChunk> stream = client.completions().createStreaming(params)) {
                stream.subscribe(chunk -> deltas.add(chunk.delta())).onCompleteFuture().get();
            }
            check(deltas.equals(List.of("Hel", "lo")), "async stream: " + deltas);
            check(client.completions().create(params).get().text().equals("Hello"), "async create");
        }
        System.out.println("ok");
    }
}
