package sdkgen.runtime.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Any JSON value, immutable: null, a boolean, a number, a string, an array, an object, or
 * "missing" (a field that is not there at all, which is not the same as JSON {@code null}).
 * Objects keep their members' order. Numbers keep the digits the server sent.
 */
@JsonSerialize(using = JsonValue.Serializer.class)
@JsonDeserialize(using = JsonValue.Deserializer.class)
public final class JsonValue {
    private enum Kind {
        MISSING,
        NULL,
        BOOLEAN,
        NUMBER,
        STRING,
        ARRAY,
        OBJECT
    }

    private static final JsonValue MISSING = new JsonValue(Kind.MISSING, null);
    private static final JsonValue NULL = new JsonValue(Kind.NULL, null);
    private static final JsonValue TRUE = new JsonValue(Kind.BOOLEAN, Boolean.TRUE);
    private static final JsonValue FALSE = new JsonValue(Kind.BOOLEAN, Boolean.FALSE);

    private final Kind kind;
    // Boolean, Number, String, an unmodifiable List<JsonValue> or Map<String, JsonValue>, or null.
    private final Object value;

    private JsonValue(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    /** The value of a field that is absent (not sent at all). */
    public static JsonValue missing() {
        return MISSING;
    }

    /** JSON {@code null}. */
    public static JsonValue ofNull() {
        return NULL;
    }

    /**
     * The JSON form of {@code value}: {@code null} gives JSON null; a String, Number, Boolean, List
     * (any Collection), Map (keys as strings), {@link JsonModel} or {@link JsonValue} is taken as it
     * is; anything else (an enum class of the SDK, say) is converted with Jackson.
     */
    public static JsonValue from(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof JsonValue) {
            return (JsonValue) value;
        }
        if (value instanceof JsonModel) {
            return new JsonValue(Kind.OBJECT, ((JsonModel) value)._members());
        }
        if (value instanceof String) {
            return new JsonValue(Kind.STRING, value);
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? TRUE : FALSE;
        }
        if (value instanceof Number) {
            return ofNumber((Number) value);
        }
        if (value instanceof Collection) {
            List<JsonValue> items = new ArrayList<>();
            for (Object item : (Collection<?>) value) {
                items.add(from(item));
            }
            return new JsonValue(Kind.ARRAY, Collections.unmodifiableList(items));
        }
        if (value instanceof Map) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                JsonValue member = from(entry.getValue());
                if (!member.isMissing()) {
                    members.put(String.valueOf(entry.getKey()), member);
                }
            }
            return new JsonValue(Kind.OBJECT, Collections.unmodifiableMap(members));
        }
        if (value instanceof Optional) {
            // Jackson has no module for Optional here; an empty one is a field left out.
            Optional<?> optional = (Optional<?>) value;
            return optional.isPresent() ? from(optional.get()) : MISSING;
        }
        return fromNode(ObjectMappers.jsonMapper().valueToTree(value));
    }

    private static JsonValue ofNumber(Number number) {
        // Float and double go through their decimal text, so 0.1f stays 0.1 and not 0.10000000149...
        if (number instanceof Float || number instanceof Double) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no value for " + d);
            }
            return new JsonValue(Kind.NUMBER, new BigDecimal(number.toString()));
        }
        return new JsonValue(Kind.NUMBER, number);
    }

    /** The value a Jackson tree stands for ({@code null} or a missing node: {@link #missing()}). */
    static JsonValue fromNode(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return MISSING;
        }
        if (node.isNull()) {
            return NULL;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? TRUE : FALSE;
        }
        if (node.isNumber()) {
            return new JsonValue(Kind.NUMBER, node.numberValue());
        }
        if (node.isTextual()) {
            return new JsonValue(Kind.STRING, node.textValue());
        }
        if (node.isArray()) {
            List<JsonValue> items = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                items.add(fromNode(item));
            }
            return new JsonValue(Kind.ARRAY, Collections.unmodifiableList(items));
        }
        if (node.isObject()) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                members.put(field.getKey(), fromNode(field.getValue()));
            }
            return new JsonValue(Kind.OBJECT, Collections.unmodifiableMap(members));
        }
        if (node.isBinary()) {
            return new JsonValue(Kind.STRING, node.asText());
        }
        throw new IllegalArgumentException("Not a JSON value: " + node.getNodeType());
    }

    /** The Jackson tree of this value (a missing value gives a missing node). */
    JsonNode toNode() {
        JsonNodeFactory factory = JsonNodeFactory.withExactBigDecimals(true);
        switch (kind) {
            case MISSING:
                return factory.missingNode();
            case NULL:
                return factory.nullNode();
            case BOOLEAN:
                return factory.booleanNode((Boolean) value);
            case STRING:
                return factory.textNode((String) value);
            case NUMBER:
                return numberNode(factory, (Number) value);
            case ARRAY:
                ArrayNode array = factory.arrayNode();
                for (JsonValue item : arrayValue()) {
                    array.add(item.toNode());
                }
                return array;
            default:
                ObjectNode object = factory.objectNode();
                for (Map.Entry<String, JsonValue> member : objectValue().entrySet()) {
                    if (!member.getValue().isMissing()) {
                        object.set(member.getKey(), member.getValue().toNode());
                    }
                }
                return object;
        }
    }

    private static JsonNode numberNode(JsonNodeFactory factory, Number number) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return factory.numberNode(number.intValue());
        }
        if (number instanceof Long) {
            return factory.numberNode(number.longValue());
        }
        if (number instanceof BigInteger) {
            return factory.numberNode((BigInteger) number);
        }
        if (number instanceof BigDecimal) {
            return factory.numberNode((BigDecimal) number);
        }
        double d = number.doubleValue();
        if (!Double.isFinite(d)) {
            // Jackson reads a number too large for a double (1e400) as infinity; there are no digits left to keep.
            return factory.numberNode(d);
        }
        return factory.numberNode(new BigDecimal(number.toString()));
    }

    /** True for a field that is absent. */
    public boolean isMissing() {
        return kind == Kind.MISSING;
    }

    /** True for JSON {@code null}. */
    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The string, if this is a JSON string. */
    public Optional<String> asString() {
        return kind == Kind.STRING ? Optional.of((String) value) : Optional.empty();
    }

    /** The number, if this is a JSON number (an Integer, Long, BigInteger, Double or BigDecimal). */
    public Optional<Number> asNumber() {
        return kind == Kind.NUMBER ? Optional.of((Number) value) : Optional.empty();
    }

    /** The boolean, if this is a JSON boolean. */
    public Optional<Boolean> asBoolean() {
        return kind == Kind.BOOLEAN ? Optional.of((Boolean) value) : Optional.empty();
    }

    /** The items (unmodifiable), if this is a JSON array. */
    public Optional<List<JsonValue>> asArray() {
        return kind == Kind.ARRAY ? Optional.of(arrayValue()) : Optional.empty();
    }

    /** The members in their order (unmodifiable), if this is a JSON object. */
    public Optional<Map<String, JsonValue>> asObject() {
        return kind == Kind.OBJECT ? Optional.of(objectValue()) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private List<JsonValue> arrayValue() {
        return (List<JsonValue>) value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, JsonValue> objectValue() {
        return (Map<String, JsonValue>) value;
    }

    /**
     * This value converted to {@code type} with the SDK's Jackson mapper (a model, a list of
     * models, a String...). Throws {@link IllegalArgumentException} when it does not fit.
     */
    public <T> T convert(Class<T> type) {
        return ObjectMappers.jsonMapper().convertValue(toNode(), type);
    }

    /** This value converted to a generic type, e.g. {@code new TypeReference<List<Thread>>() {}}. */
    public <T> T convert(TypeReference<T> type) {
        return ObjectMappers.jsonMapper().convertValue(toNode(), type);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof JsonValue)) {
            return false;
        }
        JsonValue that = (JsonValue) other;
        if (kind != that.kind) {
            return false;
        }
        if (kind == Kind.NUMBER) {
            return numbersEqual((Number) value, (Number) that.value);
        }
        return Objects.equals(value, that.value);
    }

    // 1, 1L and 1.0 are the same JSON number. Infinity (what Jackson makes of 1e400) equals only itself.
    private static boolean numbersEqual(Number a, Number b) {
        if (!isFinite(a) || !isFinite(b)) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return decimal(a).compareTo(decimal(b)) == 0;
    }

    private static boolean isFinite(Number number) {
        return number instanceof BigDecimal || number instanceof BigInteger || Double.isFinite(number.doubleValue());
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal) {
            return (BigDecimal) number;
        }
        if (number instanceof BigInteger) {
            return new BigDecimal((BigInteger) number);
        }
        return new BigDecimal(number.toString());
    }

    @Override
    public int hashCode() {
        if (kind == Kind.NUMBER) {
            Number number = (Number) value;
            return isFinite(number) ? decimal(number).stripTrailingZeros().hashCode() : Double.hashCode(number.doubleValue());
        }
        return Objects.hash(kind, value);
    }

    /** The JSON text ({@code "missing"} is not JSON and is shown as an empty string). */
    @Override
    public String toString() {
        if (kind == Kind.MISSING) {
            return "";
        }
        try {
            return ObjectMappers.jsonMapper().writeValueAsString(toNode());
        } catch (IOException e) {
            throw new IllegalStateException("A JSON value could not be written", e);
        }
    }

    /** Writes a value as its JSON (a missing value as {@code null}; objects leave missing members out). */
    static final class Serializer extends JsonSerializer<JsonValue> {
        @Override
        public void serialize(JsonValue value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            if (value.isMissing()) {
                generator.writeNull();
            } else {
                generator.writeTree(value.toNode());
            }
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, JsonValue value) {
            return value == null || value.isMissing();
        }
    }

    /** Reads any JSON; a JSON null becomes {@link JsonValue#ofNull()}, never a Java null. */
    static final class Deserializer extends JsonDeserializer<JsonValue> {
        @Override
        public JsonValue deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return fromNode(parser.readValueAsTree());
        }

        @Override
        public JsonValue getNullValue(DeserializationContext context) {
            return NULL;
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return MISSING;
        }
    }
}
