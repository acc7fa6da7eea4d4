package sdkgen.runtime.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import sdkgen.runtime.errors.InvalidDataException;

class JsonModelTest {
    private static final String JSON =
            "{\"id\":\"t_1\",\"title\":null,\"created_at\":1700000000,\"tags\":[\"a\",\"b\"],"
                    + "\"owner\":{\"name\":\"ann\",\"x\":1},\"status\":\"active\",\"new_field\":{\"deep\":[1,2.50]}}";

    private static SampleThread parse(String json) {
        return ObjectMappers.readJson(json.getBytes(StandardCharsets.UTF_8), new TypeReference<SampleThread>() {});
    }

    @Test
    void readsFieldsLazilyAndKeepsUnknownOnes() {
        SampleThread thread = parse(JSON);
        assertEquals("t_1", thread.id());
        assertEquals(Optional.empty(), thread.title());
        assertTrue(thread._title().isNull());
        assertEquals(1700000000L, thread.createdAt());
        assertEquals(List.of("a", "b"), thread.tags());
        assertEquals("ann", thread.owner().orElseThrow().name());
        assertEquals(SampleStatus.Known.ACTIVE, thread.status().known());
        assertEquals(List.of("new_field"), List.copyOf(thread._additionalProperties().keySet()));
        assertEquals("{\"deep\":[1,2.50]}", thread._additionalProperties().get("new_field").toString());
    }

    @Test
    void writesBackWhatItRead() throws Exception {
        SampleThread thread = parse(JSON);
        assertEquals(JSON, ObjectMappers.jsonMapper().writeValueAsString(thread));
        assertEquals(thread, parse(ObjectMappers.jsonMapper().writeValueAsString(thread)));
        assertEquals("SampleThread" + JSON, thread.toString());
    }

    @Test
    void missingOrMistypedRequiredFieldsFailOnlyWhenRead() {
        SampleThread thread = parse("{\"id\":7,\"created_at\":\"soon\",\"status\":\"archived\",\"tags\":[1]}");
        assertEquals("`id` is not a String", assertThrows(InvalidDataException.class, thread::id).getMessage());
        assertEquals("`created_at` is not a Long", assertThrows(InvalidDataException.class, thread::createdAt).getMessage());
        assertEquals("`tags` is not a List<String>", assertThrows(InvalidDataException.class, thread::tags).getMessage());
        assertEquals(Optional.empty(), thread.owner());
        assertEquals("archived", thread.status().asString());
        InvalidDataException unknown = assertThrows(InvalidDataException.class, () -> thread.status().known());
        assertTrue(unknown.getMessage().contains("archived"));
        SampleThread empty = parse("{}");
        assertEquals("`id` is missing", assertThrows(InvalidDataException.class, empty::id).getMessage());
        assertEquals("`created_at` is null",
                assertThrows(InvalidDataException.class, parse("{\"created_at\":null}")::createdAt).getMessage());
    }

    @Test
    void aFractionIsNotALongAndAWholeDecimalIs() {
        assertThrows(InvalidDataException.class, parse("{\"created_at\":1.5}")::createdAt);
        assertEquals(2L, parse("{\"created_at\":2.0}").createdAt());
        // Primitive classes get the same checks as their boxes.
        SampleThread thread = parse("{\"created_at\":1.5,\"title\":true}");
        assertThrows(InvalidDataException.class, () -> thread.requiredAs("created_at", long.class));
        assertThrows(InvalidDataException.class, () -> thread.requiredAs("title", int.class));
        assertEquals(true, thread.requiredAs("title", boolean.class));
        assertEquals(1.5, thread.requiredAs("created_at", double.class));
    }

    @Test
    void builderSetsConvertsAndKeepsExtras() {
        SampleThread thread = SampleThread.builder()
                .id("t_2")
                .title("hello")
                .tags(List.of("x"))
                .owner(SampleOwner.named("bo"))
                .status(SampleStatus.LOCKED)
                .putAdditionalProperty("beta", JsonValue.from(Map.of("on", true)))
                .build();
        assertEquals("{\"id\":\"t_2\",\"title\":\"hello\",\"tags\":[\"x\"],\"owner\":{\"name\":\"bo\"},"
                + "\"status\":\"locked\",\"beta\":{\"on\":true}}", JsonValue.from(thread).toString());
        SampleThread changed = thread.toBuilder().removeAdditionalProperty("beta").title(null).build();
        assertTrue(changed._title().isNull());
        assertEquals(Optional.empty(), changed.title());
        assertNotEquals(thread, changed);
        assertEquals(thread, thread.toBuilder().build());
        assertEquals(thread.hashCode(), thread.toBuilder().build().hashCode());
        IllegalStateException unset = assertThrows(IllegalStateException.class, () -> SampleThread.builder().build());
        assertEquals("`id` is required, but was not set", unset.getMessage());
    }

    @Test
    void listsOfModelsConvert() {
        JsonValue list = ObjectMappers.readJson("[{\"id\":\"a\"},{\"id\":\"b\",\"z\":null}]".getBytes(StandardCharsets.UTF_8));
        List<SampleThread> threads = list.convert(new TypeReference<List<SampleThread>>() {});
        assertEquals("b", threads.get(1).id());
        assertTrue(threads.get(1)._additionalProperties().get("z").isNull());
    }
}
