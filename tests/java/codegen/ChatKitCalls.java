import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.RequestOptions;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.beta.chatkit.sessions.ChatKitWorkflowStateVariables;
import com.openai.models.beta.chatkit.sessions.ChatSessionStatus;
import com.openai.models.beta.chatkit.sessions.SessionCreateParams;
import com.openai.models.beta.chatkit.threads.ChatKitThread;
import com.openai.models.beta.chatkit.threads.ChatKitThreadItemListData;
import com.openai.models.beta.chatkit.threads.ChatKitThreadUserMessageItem;
import com.openai.models.beta.chatkit.threads.ChatKitThreadUserMessageItemContent;
import com.openai.models.beta.chatkit.threads.ChatKitThreadUserMessageItemContentInputText;
import com.openai.models.beta.chatkit.threads.ChatSession;
import com.openai.models.beta.chatkit.threads.ChatSessionWorkflowParam;
import com.openai.models.beta.chatkit.threads.ThreadDeleteResponse;
import com.openai.models.beta.chatkit.threads.ThreadListItemsPage;
import com.openai.models.beta.chatkit.threads.ThreadListItemsPageAsync;
import com.openai.models.beta.chatkit.threads.ThreadListOrder;
import com.openai.models.beta.chatkit.threads.ThreadListPage;
import com.openai.models.beta.chatkit.threads.ThreadListPageAsync;
import com.openai.models.beta.chatkit.threads.ThreadListParams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every ChatKit method of the generated Java SDK, blocking and async, against Prism (the base URL and
 * key from OPENAI_BASE_URL / OPENAI_API_KEY), and the seed's example ChatSession read and written back
 * (its JSON file is the first argument). Exits non-zero, naming the check, when one fails.
 */
public final class ChatKitCalls {
    private static int checks;

    private ChatKitCalls() {}

    private static void check(boolean condition, String what) {
        checks++;
        if (!condition) {
            throw new AssertionError("failed: " + what);
        }
    }

    private static void expectThrows(Class<? extends Throwable> type, Runnable action, String what) {
        try {
            action.run();
        } catch (Throwable error) {
            check(type.isInstance(error), what + " (threw " + error + ")");
            return;
        }
        check(false, what + " (did not throw)");
    }

    public static void main(String[] args) throws Exception {
        roundTrip(new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8));
        params();
        unions();
        try (OpenAIClient client = OpenAIOkHttpClient.fromEnv()) {
            blocking(client);
        }
        try (OpenAIClientAsync client = OpenAIOkHttpClientAsync.builder().fromEnv().timeout(Duration.ofSeconds(30)).build()) {
            async(client);
        }
        System.out.println("ok: " + checks + " checks");
    }

    private static void roundTrip(String json) throws Exception {
        ChatSession session = ObjectMappers.jsonMapper().readValue(json, ChatSession.class);
        check(session.id().equals("id"), "id");
        check(session.clientSecret().equals("client_secret"), "clientSecret");
        check(session.expiresAt() == 0L, "expiresAt");
        check(session.maxRequestsPer1Minute() == 0L, "maxRequestsPer1Minute");
        check(session.rateLimits().maxRequestsPer1Minute() == 0L, "rateLimits");
        check(session.chatkitConfiguration().fileUpload().maxFileSize().equals(Optional.of(0L)), "maxFileSize");
        check(session.chatkitConfiguration().history().recentThreads().equals(Optional.of(0L)), "recentThreads");
        check(session.chatkitConfiguration().automaticThreadTitling().enabled(), "automaticThreadTitling");
        check(session._object_().equals(JsonValue.from("chatkit.session")), "_object_");
        check(session.status().equals(ChatSessionStatus.ACTIVE), "status");
        check(session.status().value() == ChatSessionStatus.Value.ACTIVE, "status value");
        check(session.status().known() == ChatSessionStatus.Known.ACTIVE, "status known");
        check(session.status().asString().equals("active"), "status asString");
        check(session.workflow().version().equals(Optional.of("version")), "workflow version");
        check(session.workflow().stateVariables().get().get("foo").asString().equals("string"), "state variable");
        check(session.workflow().tracing().enabled(), "tracing");
        check(session._additionalProperties().isEmpty(), "no additional properties");
        check(session.validate() == session && session.isValid(), "validate");
        JsonNode in = ObjectMappers.jsonMapper().readTree(json);
        JsonNode out = ObjectMappers.jsonMapper().readTree(ObjectMappers.jsonMapper().writeValueAsString(session));
        check(in.equals(out), "round trip: " + out);
        check(session.toBuilder().build().equals(session), "toBuilder().build() equals");
        check(session.hashCode() == session.toBuilder().build().hashCode(), "hashCode");
        check(session.toString().startsWith("ChatSession{"), "toString " + session);

        // Lenient: unknown members and values are kept; a missing required member fails on access.
        ChatSession odd = ObjectMappers.jsonMapper().readValue("{\"status\": \"paused\", \"extra\": 1}", ChatSession.class);
        check(odd.status().value() == ChatSessionStatus.Value._UNKNOWN, "unknown enum value");
        check(!odd.status().isValid(), "unknown enum value is not valid");
        check(odd._additionalProperties().get("extra").equals(JsonValue.from(1)), "additional property kept");
        expectThrows(com.openai.errors.InvalidDataException.class, odd::clientSecret, "missing required on access");
        check(!odd.isValid(), "isValid false");
    }

    private static void unions() throws Exception {
        ChatKitThreadUserMessageItemContent text = ChatKitThreadUserMessageItemContent.ofInputText(
                ChatKitThreadUserMessageItemContentInputText.builder().text("hi").build());
        check(text.isInputText() && !text.isQuotedText(), "discriminated union: " + text);
        check(text.asInputText().text().equals("hi") && text.inputText().isPresent(), "union accessors");
        check(text.inputText().get()._type().equals(JsonValue.from("input_text")), "constant set by the builder");
        expectThrows(IllegalStateException.class, () -> ChatKitThreadUserMessageItem.builder().addContent(text).build(), "required id");
        ChatKitThreadUserMessageItem parsed = ObjectMappers.jsonMapper().readValue(
                "{\"id\": \"i\", \"created_at\": 1, \"thread_id\": \"t\", \"content\": [], \"attachments\": [],"
                        + " \"inference_options\": null}",
                ChatKitThreadUserMessageItem.class);
        ChatKitThreadUserMessageItem item = parsed.toBuilder().addContent(text).addContent(text).build();
        check(item.content().size() == 2 && item.content().get(1).equals(text), "addContent: " + item);
        check(item.inferenceOptions().isEmpty() && item.isValid(), "nullable member: " + item);
        ChatKitWorkflowStateVariables number = ChatKitWorkflowStateVariables.ofJson(JsonValue.from(1));
        check(number.isDouble() && number.asDouble() == 1.0 && !number.isString(), "an integer is a double: " + number);
        check(ChatKitWorkflowStateVariables.ofBoolean(true).asBoolean(), "boolean variant");
        check(ChatKitWorkflowStateVariables.ofString("s").string().equals(Optional.of("s")), "string variant");
        ChatKitThreadUserMessageItemContent unknown = ChatKitThreadUserMessageItemContent.ofJson(JsonValue.from(List.of()));
        check(!unknown.isValid() && !unknown.isInputText(), "unknown variant kept, not valid");
    }

    private static void params() {
        expectThrows(IllegalStateException.class, () -> SessionCreateParams.builder().user("x").build(), "missing workflow");
        try {
            SessionCreateParams.builder().user("x").build();
        } catch (IllegalStateException error) {
            check(error.getMessage().contains("workflow"), "message names the field: " + error.getMessage());
        }
        SessionCreateParams params = SessionCreateParams.builder()
                .user("x")
                .workflow(ChatSessionWorkflowParam.builder().id("wf").build())
                .putAdditionalHeader("X-Extra", "1")
                .putAdditionalQueryParam("extra", "2")
                .putAdditionalBodyProperty("extra_body", JsonValue.from(3))
                .build();
        check(params.user().equals("x"), "params getter");
        check(params.workflow().id().equals("wf"), "nested param getter");
        check(params._body().get("extra_body").equals(JsonValue.from(3)), "additional body");
        check(params.toBuilder().build().equals(params), "params toBuilder");
        ThreadListParams list = ThreadListParams.builder().limit(5L).order(ThreadListOrder.ASC).build();
        check(list.limit().equals(Optional.of(5L)), "query getter");
        check(list.toBuilder().limit((Long) null).build().limit().isEmpty(), "null unsets a query parameter");
        check(list.toBuilder().limit(Optional.empty()).build()._queryParams().values("limit").isEmpty(), "empty unsets");
        check(list._queryParams().values("order").equals(List.of("asc")), "enum query: " + list._queryParams());
    }

    private static void blocking(OpenAIClient client) {
        SessionCreateParams params = SessionCreateParams.builder()
                .user("user_123")
                .workflow(ChatSessionWorkflowParam.builder().id("wf_123").build())
                .build();
        ChatSession created = client.beta().chatkit().sessions().create(params);
        check(created.validate().id().startsWith("cksess_"), "create: " + created);
        ChatSession cancelled = client.beta().chatkit().sessions().cancel("cksess_123");
        check(cancelled.isValid(), "cancel");
        HttpResponseFor<ChatSession> raw = client.beta().chatkit().sessions().withRawResponse().create(params, RequestOptions.none());
        check(raw.statusCode() == 200 && raw.parse().isValid(), "raw create");

        ThreadListPage threads = client.beta().chatkit().threads().list();
        check(!threads.data().isEmpty() && threads.response().isValid(), "list");
        for (ChatKitThread thread : threads.data()) {
            check(thread.validate().status().isValid(), "thread status union");
        }
        check(!threads.hasNextPage(), "one page");
        List<ChatKitThread> all = new ArrayList<>();
        threads.autoPager().forEach(all::add);
        check(all.size() == threads.data().size(), "autoPager");
        ThreadListPage limited = client.beta().chatkit().threads().list(ThreadListParams.builder().limit(2L).build());
        check(limited.response().validate() != null, "list with params");
        check(client.beta().chatkit().threads().retrieve("cthr_123").isValid(), "retrieve");
        ThreadDeleteResponse deleted = client.beta().chatkit().threads().delete("cthr_123");
        check(deleted.validate().deleted(), "delete");
        ThreadListItemsPage items = client.beta().chatkit().threads().listItems("cthr_123");
        check(!items.data().isEmpty(), "listItems");
        for (ChatKitThreadItemListData item : items.data()) {
            check(item.isValid(), "item union: " + item);
        }
        check(client.beta().chatkit().threads().withRawResponse().listItems("cthr_123").statusCode() == 200, "raw listItems");
    }

    private static void async(OpenAIClientAsync client) throws Exception {
        SessionCreateParams params = SessionCreateParams.builder()
                .user("user_123")
                .workflow(ChatSessionWorkflowParam.builder().id("wf_123").build())
                .build();
        check(client.beta().chatkit().sessions().create(params).get().isValid(), "async create");
        check(client.beta().chatkit().sessions().cancel("cksess_123").get().isValid(), "async cancel");
        check(client.beta().chatkit().sessions().withRawResponse().cancel("cksess_123").get().parse().isValid(), "async raw");
        ThreadListPageAsync threads = client.beta().chatkit().threads().list().get();
        check(!threads.data().isEmpty(), "async list");
        List<ChatKitThread> all = new ArrayList<>();
        threads.autoPager().forEach(all::add, Runnable::run).get();
        check(all.size() == threads.data().size(), "async autoPager");
        check(client.beta().chatkit().threads().retrieve("cthr_123").get().isValid(), "async retrieve");
        check(client.beta().chatkit().threads().delete("cthr_123").get().deleted(), "async delete");
        ThreadListItemsPageAsync items = client.beta().chatkit().threads().listItems("cthr_123").get();
        check(!items.data().isEmpty(), "async listItems");
        check(client.sync().beta().chatkit().threads().retrieve("cthr_123").isValid(), "sync() of async");
    }
}
