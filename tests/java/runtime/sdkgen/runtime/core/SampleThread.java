package sdkgen.runtime.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A model written the way the Java target generates them, for the tests. */
final class SampleThread extends JsonModel {
    private static final Set<String> KNOWN = Set.of("id", "title", "created_at", "tags", "owner", "status");

    @JsonCreator
    private SampleThread(Map<String, JsonValue> members) {
        super(members);
    }

    static Builder builder() {
        return new Builder();
    }

    Builder toBuilder() {
        return new Builder().from(this);
    }

    String id() {
        return required("id", String.class);
    }

    Optional<String> title() {
        return optional("title", String.class);
    }

    long createdAt() {
        return required("created_at", Long.class);
    }

    List<String> tags() {
        return required("tags", new TypeReference<List<String>>() {});
    }

    Optional<SampleOwner> owner() {
        return optional("owner", SampleOwner.class);
    }

    SampleStatus status() {
        return required("status", SampleStatus.class);
    }

    <T> T requiredAs(String wireName, Class<T> type) {
        return required(wireName, type);
    }

    JsonValue _title() {
        return raw("title");
    }

    Map<String, JsonValue> _additionalProperties() {
        return additionalProperties(KNOWN);
    }

    static final class Builder extends JsonModel.Builder<Builder> {
        private Builder() {}

        Builder id(String id) {
            set("id", id);
            return this;
        }

        Builder title(String title) {
            set("title", title);
            return this;
        }

        Builder tags(List<String> tags) {
            set("tags", tags);
            return this;
        }

        Builder owner(SampleOwner owner) {
            set("owner", owner);
            return this;
        }

        Builder status(SampleStatus status) {
            set("status", status);
            return this;
        }

        SampleThread build() {
            Check.required("id", members().get("id"));
            return new SampleThread(members());
        }
    }
}
