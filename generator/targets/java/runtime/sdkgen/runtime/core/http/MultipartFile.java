package sdkgen.runtime.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file to send in a {@code multipart/form-data} body: its bytes, its filename and its content
 * type. The bytes are read when it is made (a retry sends the same ones); its {@code toString()}
 * shows the size only.
 */
public final class MultipartFile {
    private final byte[] content;
    private final String filename;
    private final String contentType;

    private MultipartFile(byte[] content, String filename, String contentType) {
        this.content = Objects.requireNonNull(content, "content");
        this.filename = filename;
        this.contentType = contentType;
    }

    /** These bytes (copied), with this filename (null: the field's name) and content type (null: {@code application/octet-stream}). */
    public static MultipartFile of(byte[] content, String filename, String contentType) {
        return new MultipartFile(content.clone(), filename, contentType);
    }

    /** These bytes (copied), with this filename. */
    public static MultipartFile of(byte[] content, String filename) {
        return of(content, filename, null);
    }

    /**
     * The file at {@code path}, read now and named as on disk.
     *
     * @throws UncheckedIOException when it cannot be read
     */
    public static MultipartFile of(Path path) {
        try {
            return new MultipartFile(Files.readAllBytes(path), String.valueOf(path.getFileName()), null);
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    /**
     * Everything left in {@code stream}, read now (the stream is not closed), with this filename.
     *
     * @throws UncheckedIOException when it cannot be read
     */
    public static MultipartFile of(InputStream stream, String filename) {
        try {
            return new MultipartFile(stream.readAllBytes(), filename, null);
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    /** The bytes (a copy). */
    public byte[] content() {
        return content.clone();
    }

    /** The filename, or null. */
    public String filename() {
        return filename;
    }

    /** The content type, or null. */
    public String contentType() {
        return contentType;
    }

    /** Adds this file to {@code body} as the field {@code name}. */
    public HttpRequestBody.Multipart addTo(HttpRequestBody.Multipart body, String name) {
        return body.file(name, content, filename, contentType);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MultipartFile)) {
            return false;
        }
        MultipartFile that = (MultipartFile) other;
        return Arrays.equals(content, that.content)
                && Objects.equals(filename, that.filename)
                && Objects.equals(contentType, that.contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(content), filename, contentType);
    }

    @Override
    public String toString() {
        return "MultipartFile{" + filename + ", " + content.length + " bytes}";
    }
}
