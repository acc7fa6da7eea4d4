package sdkgen.runtime.core;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import sdkgen.runtime.errors.InvalidDataException;

/** The one Jackson mapper of the SDK, and JSON reading with its limits. */
public final class ObjectMappers {
    /** JSON nested deeper than this is refused: Jackson 2.14 reads trees recursively. */
    public static final int MAX_DEPTH = 1000;

    private static final ObjectMapper MAPPER = strictScalars(
            JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                    .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                    .build());

    private ObjectMappers() {}

    // A JSON number or boolean is not a String field's value: Jackson would quietly turn 1 into "1".
    private static ObjectMapper strictScalars(ObjectMapper mapper) {
        MutableCoercionConfig textual = mapper.coercionConfigFor(LogicalType.Textual);
        textual.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        textual.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        textual.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** The mapper: unknown properties ignored, numbers exact, no coercion of scalars. */
    public static ObjectMapper jsonMapper() {
        return MAPPER;
    }

    /** The JSON text of {@code value} ({@link JsonValue#from} first, so models and maps work alike). */
    public static byte[] writeJson(Object value) {
        try {
            return MAPPER.writeValueAsBytes(JsonValue.from(value));
        } catch (IOException e) {
            throw new IllegalArgumentException("The value cannot be written as JSON", e);
        }
    }

    /** The JSON in {@code bytes}; {@link InvalidDataException} when it is not JSON or nested too deeply. */
    public static JsonValue readJson(byte[] bytes) {
        checkDepth(bytes);
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return JsonValue.fromNode(node);
        } catch (StreamReadException e) {
            throw new InvalidDataException("The response body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidDataException("The response body could not be read: " + e.getMessage(), e);
        }
    }

    /** The JSON in {@code bytes} read as {@code type}. */
    public static <T> T readJson(byte[] bytes, TypeReference<T> type) {
        checkDepth(bytes);
        try {
            return MAPPER.readValue(bytes, type);
        } catch (StreamReadException e) {
            throw new InvalidDataException("The response body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidDataException("The response body does not fit its type: " + e.getMessage(), e);
        }
    }

    // A linear scan, so a hostile body cannot overflow the stack of Jackson's recursive reader.
    private static void checkDepth(byte[] bytes) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new InvalidDataException("The JSON response body is nested too deeply");
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
    }
}
