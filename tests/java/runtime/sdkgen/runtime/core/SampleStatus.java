package sdkgen.runtime.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/** An enum class the way the Java target generates them: a JSON value, known or not. */
final class SampleStatus {
    static final SampleStatus ACTIVE = of("active");
    static final SampleStatus LOCKED = of("locked");

    enum Known {
        ACTIVE,
        LOCKED
    }

    private final JsonValue value;

    private SampleStatus(JsonValue value) {
        this.value = value;
    }

    @JsonCreator
    static SampleStatus of(JsonValue value) {
        return new SampleStatus(value);
    }

    static SampleStatus of(String value) {
        return new SampleStatus(JsonEnum.of(value));
    }

    @com.fasterxml.jackson.annotation.JsonValue
    JsonValue _value() {
        return value;
    }

    Known known() {
        if (equals(ACTIVE)) {
            return Known.ACTIVE;
        }
        if (equals(LOCKED)) {
            return Known.LOCKED;
        }
        throw JsonEnum.unknown("SampleStatus", value);
    }

    String asString() {
        return JsonEnum.asString("SampleStatus", value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SampleStatus && value.equals(((SampleStatus) other).value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }

}
