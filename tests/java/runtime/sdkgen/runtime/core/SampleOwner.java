package sdkgen.runtime.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/** A nested model, read through the delegating creator that generated models declare. */
final class SampleOwner extends JsonModel {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    private SampleOwner(Map<String, JsonValue> members) {
        super(members);
    }

    static SampleOwner named(String name) {
        return new SampleOwner(Map.of("name", JsonValue.from(name)));
    }

    String name() {
        return required("name", String.class);
    }
}
