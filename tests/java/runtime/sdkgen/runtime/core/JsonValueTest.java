package sdkgen.runtime.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import sdkgen.runtime.errors.InvalidDataException;

class JsonValueTest {
    private static JsonValue read(String json) {
        return ObjectMappers.readJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fromJavaValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("s", "x");
        map.put("n", 3);
        map.put("f", 0.1f);
        map.put("b", false);
        map.put("null", null);
        map.put("gone", JsonValue.missing());
        map.put("empty", Optional.empty());
        map.put("list", Arrays.asList(1, "two", null));
        map.put("big", new BigDecimal("12345678901234567890.123"));
        assertEquals("{\"s\":\"x\",\"n\":3,\"f\":0.1,\"b\":false,\"null\":null,\"list\":[1,\"two\",null],"
                + "\"big\":12345678901234567890.123}", JsonValue.from(map).toString());
        assertTrue(JsonValue.from(null).isNull());
        assertThrows(IllegalArgumentException.class, () -> JsonValue.from(Double.NaN));
    }

    @Test
    void roundTripsTextExactly() {
        String json = "{\"a\":[1,-2.50,1e40,12345678901234567890123],\"b\":{\"c\":null,\"d\":\"\\u00e9\\n\"},\"e\":true}";
        JsonValue value = read(json);
        assertEquals("{\"a\":[1,-2.50,1E+40,12345678901234567890123],\"b\":{\"c\":null,\"d\":\"\u00e9\\n\"},\"e\":true}",
                value.toString());
        assertEquals(value, read(value.toString()));
    }

    @Test
    void accessorsAndKinds() {
        JsonValue value = read("{\"s\":\"x\",\"n\":2,\"b\":true,\"a\":[],\"o\":{},\"z\":null}");
        Map<String, JsonValue> object = value.asObject().orElseThrow();
        assertEquals(Optional.of("x"), object.get("s").asString());
        assertEquals(2, object.get("n").asNumber().orElseThrow().intValue());
        assertEquals(Optional.of(true), object.get("b").asBoolean());
        assertEquals(List.of(), object.get("a").asArray().orElseThrow());
        assertTrue(object.get("z").isNull());
        assertFalse(object.get("z").isMissing());
        assertEquals(Optional.empty(), object.get("s").asNumber());
        assertTrue(JsonValue.missing().isMissing());
        assertEquals("", JsonValue.missing().toString());
        assertThrows(UnsupportedOperationException.class, () -> object.put("x", JsonValue.ofNull()));
    }

    @Test
    void numbersCompareByValue() {
        assertEquals(JsonValue.from(1), JsonValue.from(1L));
        assertEquals(JsonValue.from(1), read("1.0"));
        assertEquals(JsonValue.from(1).hashCode(), read("1.00").hashCode());
        assertFalse(JsonValue.from(1).equals(JsonValue.from("1")));
        JsonValue huge = read("1e400");
        assertEquals(huge, read("2e400"), "both too large for a double: infinity");
        assertFalse(huge.equals(JsonValue.from(1)));
        assertEquals(huge.hashCode(), read("2e400").hashCode());
    }

    @Test
    void convertsAndRefusesScalarCoercion() {
        assertEquals(List.of(1L, 2L), read("[1,2]").convert(new TypeReference<List<Long>>() {}));
        assertThrows(IllegalArgumentException.class, () -> read("\"1\"").convert(Integer.class));
        assertEquals(0.5, read("0.5").convert(Double.class));
    }

    @Test
    void nullMembersReadIntoMapsAreJsonNull() {
        Map<String, JsonValue> map = ObjectMappers.readJson(
                "{\"a\":null}".getBytes(StandardCharsets.UTF_8), new TypeReference<Map<String, JsonValue>>() {});
        assertTrue(map.get("a").isNull());
    }

    @Test
    void notJsonAndTooDeepAreInvalidData() {
        assertThrows(InvalidDataException.class, () -> read("{nope"));
        String deep = "[".repeat(5000) + "]".repeat(5000);
        InvalidDataException error = assertThrows(InvalidDataException.class, () -> read(deep));
        assertTrue(error.getMessage().contains("nested too deeply"));
        assertEquals(1, read("[\"[[[[\"]").asArray().orElseThrow().size());
    }
}
