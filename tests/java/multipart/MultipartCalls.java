import covformatsfiles.client.CovFormatsFilesClient;
import covformatsfiles.client.CovFormatsFilesClientAsync;
import covformatsfiles.client.okhttp.CovFormatsFilesOkHttpClient;
import covformatsfiles.client.okhttp.CovFormatsFilesOkHttpClientAsync;
import covformatsfiles.core.http.MultipartFile;
import covformatsfiles.models.files.FileCreateParams;
import covformatsfiles.models.files.FileCreatePurpose;
import covformatsfiles.models.files.StoredFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The multipart upload of tests/fixtures/specs/cov_formats_files.yaml against a local server (its
 * base URL is the first argument, a file to upload the second): the file from a Path, attachments
 * from bytes and from a stream, text fields beside them; blocking, then async. The server checks
 * the parts. Exits non-zero, naming the check, when one fails.
 */
public final class MultipartCalls {
    private MultipartCalls() {}

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("failed: " + what);
        }
    }

    public static void main(String[] args) throws Exception {
        Path notes = Path.of(args[1]);
        FileCreateParams params = FileCreateParams.builder()
                .file(notes)
                .purpose(FileCreatePurpose.ASSISTANTS)
                .addAttachment("first".getBytes(StandardCharsets.UTF_8), "a.bin")
                .addAttachment(new ByteArrayInputStream(new byte[] {0, 1, 2, (byte) 255}), "b.bin")
                .note("hi")
                .build();
        check(params.file().equals(MultipartFile.of(Files.readAllBytes(notes), "notes.txt")), "file(): " + params.file());
        check(params.attachments().size() == 2, "attachments(): " + params.attachments());
        check(params.toBuilder().build().equals(params), "toBuilder() keeps the files");
        try {
            FileCreateParams.builder().purpose(FileCreatePurpose.BATCH).build();
            check(false, "build() without the required file");
        } catch (IllegalStateException expected) {
            check(expected.getMessage().contains("`file`"), "the message names the file: " + expected.getMessage());
        }
        try (CovFormatsFilesClient client = CovFormatsFilesOkHttpClient.builder().baseUrl(args[0]).maxRetries(0).build()) {
            StoredFile stored = client.files().create(params);
            check(stored.id().equals("file_1"), "blocking upload: " + stored);
        }
        try (CovFormatsFilesClientAsync client = CovFormatsFilesOkHttpClientAsync.builder().baseUrl(args[0]).build()) {
            StoredFile stored = client.files().create(params).get();
            check(stored.id().equals("file_1"), "async upload: " + stored);
        }
        System.out.println("ok");
    }
}
