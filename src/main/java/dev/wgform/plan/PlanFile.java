package dev.wgform.plan;

import dev.wgform.json.JsonReader;
import dev.wgform.json.JsonSyntaxException;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.SourceRef;
import dev.wgform.view.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Saved plans ({@code wgform plan --out FILE}, {@code wgform apply FILE}): the plan's JSON (the {@code --json}
 * structure, see {@code dev.wgform.view.PlanJson}), readable by its owner only. Rendered contents keep their
 * placeholders and each host's facts fingerprint is included, so apply can refuse a plan made stale; no secret is
 * ever in one.
 */
public final class PlanFile {
    private PlanFile() {}

    /** Writes atomically: a 0600 temp file beside {@code file}, synced, then renamed over it. */
    public static void write(Plan plan, Path file) throws IOException {
        byte[] bytes = (Json.write(PlanCodec.toTree(plan)) + "\n").getBytes(StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", ownerOnly())
                : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) out.write(buffer);
                out.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * Reads a plan file.
     *
     * @throws InvalidInputException the file cannot be read, is not a wgform plan (not JSON, not UTF-8, another
     *                               tool's JSON), is of another plan format, or is damaged; the problem names where
     */
    public static Plan read(Path file) throws InvalidInputException {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw problem(SourceRef.of(name), "cannot read the plan file: " + describe(e));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw problem(SourceRef.of(name), "not a wgform plan file (not UTF-8 text)");
        }
        Object tree;
        try {
            tree = JsonReader.parse(text);
        } catch (JsonSyntaxException e) {
            throw problem(new SourceRef(name, e.line(), e.column()), "not a wgform plan file, or a damaged one: " + e.reason());
        }
        if (!(tree instanceof Map) || !((Map<?, ?>) tree).containsKey("format_version")) {
            throw problem(SourceRef.of(name), "not a wgform plan file (JSON without \"format_version\")");
        }
        try {
            return PlanCodec.fromTree(tree);
        } catch (PlanFormatException e) {
            throw new InvalidInputException(new Problem(SourceRef.of(name), e.where(), e.reason()));
        }
    }

    private static InvalidInputException problem(SourceRef where, String message) {
        return new InvalidInputException(new Problem(where, "", message));
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
