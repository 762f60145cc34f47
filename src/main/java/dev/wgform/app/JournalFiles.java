package dev.wgform.app;

import dev.wgform.json.JsonReader;
import dev.wgform.rotate.JournalCodec;
import dev.wgform.rotate.RotationJournal;
import dev.wgform.view.Json;
import dev.wgform.view.ReportFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rotation journals on the workstation: {@code .wgform/rotation-<plane>-<time>.json} beside the inventory, each
 * rewritten whole (atomically) after every stage. They hold public keys and stages, nothing secret.
 */
final class JournalFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;

    JournalFiles(Path inventory) {
        Path parent = inventory.toAbsolutePath().getParent();
        this.dir = parent.resolve(".wgform");
    }

    Path pathFor(RotationJournal j) {
        return dir.resolve("rotation-" + j.plane() + "-" + STAMP.format(j.started()) + ".json");
    }

    void save(RotationJournal j) throws IOException {
        Files.createDirectories(dir);
        ReportFile.write(pathFor(j), Json.write(JournalCodec.toMap(j)) + "\n");
    }

    /** The newest journal of {@code plane} that did not finish, if any. */
    Optional<Loaded> unfinished(String plane) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                // exactly this plane's names: plane mgmt must not read mgmt-2's journals
                s.filter(p -> p.getFileName().toString().matches(Pattern.quote("rotation-" + plane + "-") + "[0-9]{8}T[0-9]{6}Z\\.json"))
                        .sorted().forEach(files::add);
            }
        }
        for (int i = files.size() - 1; i >= 0; i--) {
            RotationJournal j = load(files.get(i));
            if (j.plane().equals(plane) && !j.finished()) return Optional.of(new Loaded(files.get(i), j));
        }
        return Optional.empty();
    }

    static RotationJournal load(Path file) throws IOException {
        try {
            return JournalCodec.fromMap(JsonReader.parseObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) { // JsonSyntaxException included
            throw new IOException("the rotation journal " + file + " is damaged (" + e.getMessage()
                    + "); move it aside and check the plane with wgform plan", e);
        }
    }

    record Loaded(Path file, RotationJournal journal) {}

    static Instant now() {
        return Instant.now().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
    }
}
