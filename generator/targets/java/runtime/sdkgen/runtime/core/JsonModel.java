package sdkgen.runtime.core;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import sdkgen.runtime.errors.InvalidDataException;

/**
 * The base of every generated model: an immutable view of one JSON object. Parsing never fails
 * on the object's contents: members are kept as they came (unknown ones too) and converted to
 * their declared types only when read, so a field the server left out or sent with another type
 * fails when, and only if, it is read ({@link InvalidDataException}).
 *
 * <p>Jackson writes a model as its JSON object; a subclass is read through a constructor
 * {@code @JsonCreator(mode = JsonCreator.Mode.DELEGATING) private Thing(Map<String, JsonValue> members)}.
 */
public abstract class JsonModel {
    private final Map<String, JsonValue> members;

    /** A model of these members (copied; their order is kept). */
    protected JsonModel(Map<String, JsonValue> members) {
        Map<String, JsonValue> copy = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            JsonValue value = member.getValue() == null ? JsonValue.ofNull() : member.getValue();
            if (!value.isMissing()) {
                copy.put(member.getKey(), value);
            }
        }
        this.members = Collections.unmodifiableMap(copy);
    }

    /** Every member of the JSON object, in order (unmodifiable). Jackson writes the model as this. */
    @com.fasterxml.jackson.annotation.JsonValue
    public final Map<String, JsonValue> _members() {
        return members;
    }

    /** The member as sent: {@link JsonValue#missing()} when absent. */
    protected final JsonValue raw(String wireName) {
        return members.getOrDefault(wireName, JsonValue.missing());
    }

    /** A required member converted to {@code type}; absent, null or of another type throws. */
    protected final <T> T required(String wireName, Class<T> type) {
        JsonValue value = present(wireName);
        return convert(wireName, value, type, type.getSimpleName(), () -> value.convert(type));
    }

    /** A required member converted to a generic type ({@code List<Thread>}); see {@link #required(String, Class)}. */
    protected final <T> T required(String wireName, TypeReference<T> type) {
        JsonValue value = present(wireName);
        return convert(wireName, value, type.getType(), typeName(type.getType()), () -> value.convert(type));
    }

    /** An optional member: empty when absent or JSON null; of another type throws. */
    protected final <T> Optional<T> optional(String wireName, Class<T> type) {
        JsonValue value = raw(wireName);
        if (value.isMissing() || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(convert(wireName, value, type, type.getSimpleName(), () -> value.convert(type)));
    }

    /** An optional member of a generic type; see {@link #optional(String, Class)}. */
    protected final <T> Optional<T> optional(String wireName, TypeReference<T> type) {
        JsonValue value = raw(wireName);
        if (value.isMissing() || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(
                convert(wireName, value, type.getType(), typeName(type.getType()), () -> value.convert(type)));
    }

    /** The members whose names are not in {@code knownWireNames}, in order (unmodifiable). */
    protected final Map<String, JsonValue> additionalProperties(Set<String> knownWireNames) {
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            if (!knownWireNames.contains(member.getKey())) {
                extra.put(member.getKey(), member.getValue());
            }
        }
        return Collections.unmodifiableMap(extra);
    }

    private JsonValue present(String wireName) {
        JsonValue value = raw(wireName);
        if (value.isMissing()) {
            throw new InvalidDataException("`" + wireName + "` is missing");
        }
        if (value.isNull()) {
            throw new InvalidDataException("`" + wireName + "` is null");
        }
        return value;
    }

    private interface Conversion<T> {
        T run();
    }

    // Jackson would turn 1 into "1" or "true" into true; a model's field must have the JSON type
    // its schema gives, so scalars are checked here before Jackson converts anything.
    private static <T> T convert(String wireName, JsonValue value, Type type, String name, Conversion<T> conversion) {
        if (!scalarFits(value, type)) {
            throw new InvalidDataException("`" + wireName + "` is not a " + name);
        }
        try {
            return conversion.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException("`" + wireName + "` is not a " + name, e);
        }
    }

    private static boolean scalarFits(JsonValue value, Type type) {
        if (type == String.class) {
            return value.asString().isPresent();
        }
        if (type == Boolean.class || type == boolean.class) {
            return value.asBoolean().isPresent();
        }
        if (type == Long.class || type == Integer.class || type == BigInteger.class || type == long.class
                || type == int.class) {
            return value.asNumber().filter(JsonModel::isWhole).isPresent();
        }
        if (type == Double.class || type == BigDecimal.class || type == Number.class || type == Float.class
                || type == double.class || type == float.class) {
            return value.asNumber().isPresent();
        }
        if (type instanceof Class && Map.class.isAssignableFrom((Class<?>) type)) {
            return value.asObject().isPresent();
        }
        return true;
    }

    private static boolean isWhole(Number number) {
        if (number instanceof BigDecimal) {
            BigDecimal decimal = (BigDecimal) number;
            return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return d == Math.rint(d);
        }
        return true;
    }

    private static String typeName(Type type) {
        String name = type.getTypeName();
        return name.replaceAll("[a-zA-Z0-9_$]+\\.", "");
    }

    /** Equal when of the same class with equal members. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other != null && other.getClass() == getClass() && members.equals(((JsonModel) other).members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), members);
    }

    /** {@code ClassName{json members}}. */
    @Override
    public String toString() {
        String json = JsonValue.from(members).toString();
        return getClass().getSimpleName() + json;
    }

    /**
     * The base of a model's builder: the members set so far, in the order set.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        private final Map<String, JsonValue> members = new LinkedHashMap<>();

        /** A builder with no members. */
        protected Builder() {}

        /** The builder itself, typed as the subclass (a subclass may override it to avoid the cast). */
        @SuppressWarnings("unchecked")
        protected B self() {
            return (B) this;
        }

        /** Starts from a model's members (for {@code toBuilder()}). */
        protected B from(JsonModel model) {
            members.clear();
            members.putAll(model._members());
            return self();
        }

        /**
         * Sets a member ({@link JsonValue#from}: a Java null is JSON null); {@link JsonValue#missing()}
         * removes it.
         */
        protected void set(String wireName, Object value) {
            JsonValue json = JsonValue.from(value);
            if (json.isMissing()) {
                members.remove(wireName);
            } else {
                members.put(wireName, json);
            }
        }

        /** The members set so far (the live map, for {@code build()} and checks). */
        protected Map<String, JsonValue> members() {
            return members;
        }

        /** Replaces the members that {@code knownWireNames} does not name with these. */
        protected B additionalProperties(Map<String, JsonValue> properties, Set<String> knownWireNames) {
            members.keySet().removeIf(name -> !knownWireNames.contains(name));
            return putAllAdditionalProperties(properties);
        }

        /** Sets members that the model does not declare (or overrides declared ones with raw JSON). */
        public B additionalProperties(Map<String, JsonValue> properties) {
            return putAllAdditionalProperties(properties);
        }

        /** Sets one member by its wire name. */
        public B putAdditionalProperty(String wireName, JsonValue value) {
            set(wireName, value);
            return self();
        }

        /** Sets several members by their wire names. */
        public B putAllAdditionalProperties(Map<String, JsonValue> properties) {
            properties.forEach(this::set);
            return self();
        }

        /** Removes a member. */
        public B removeAdditionalProperty(String wireName) {
            members.remove(wireName);
            return self();
        }
    }
}
