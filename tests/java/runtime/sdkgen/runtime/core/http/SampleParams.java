package sdkgen.runtime.core.http;

import java.util.Map;
import sdkgen.runtime.core.Check;
import sdkgen.runtime.core.JsonValue;
import sdkgen.runtime.core.Params;

/** Params the way the Java target generates them: a path parameter, a body field, and the extras. */
final class SampleParams extends Params {
    private final String threadId;
    private final String name;

    private SampleParams(Builder builder) {
        super(builder);
        this.threadId = Check.required("thread_id", builder.threadId);
        this.name = builder.name;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The request a generated service would build from these params. */
    HttpRequest toRequest() {
        return HttpRequest.builder().method(HttpMethod.POST)
                .addPathSegment("threads").addPathParam("thread_id", threadId)
                .putHeader("X-Declared", "declared")
                .putQueryParam("include", "all")
                .additionalParams(this)
                .body(HttpRequestBody.json(Map.of("name", JsonValue.from(name)), _additionalBodyProperties()))
                .build();
    }

    static final class Builder extends Params.Builder<Builder> {
        private String threadId;
        private String name;

        Builder threadId(String threadId) {
            this.threadId = threadId;
            return this;
        }

        Builder name(String name) {
            this.name = name;
            return this;
        }

        SampleParams build() {
            return new SampleParams(this);
        }
    }
}
