package sdkgen.runtime.core;

import sdkgen.runtime.errors.InvalidDataException;

/** Helpers for generated enum classes, which hold their value as a {@link JsonValue}. */
public final class JsonEnum {
    private JsonEnum() {}

    /** The JSON string of an enum constant. */
    public static JsonValue of(String value) {
        return JsonValue.from(value);
    }

    /** The error of {@code known()} for a value the SDK does not know (a newer server's, say). */
    public static InvalidDataException unknown(String enumName, JsonValue value) {
        return new InvalidDataException("Unknown " + enumName + ": " + value);
    }

    /** The value's string, or {@link InvalidDataException} when it is not a string. */
    public static String asString(String enumName, JsonValue value) {
        return value.asString().orElseThrow(() -> new InvalidDataException(enumName + " is not a string: " + value));
    }
}
