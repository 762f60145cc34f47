package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.rotate.HostRotation;
import dev.wgform.rotate.RotationJournal;
import dev.wgform.rotate.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journals beside the inventory: saved whole, the newest unfinished one of a plane found again, damage named. */
class JournalFilesTest {
    static final String OLD = "A".repeat(43) + "=";
    static final String NEW = "B".repeat(42) + "Q=";

    @TempDir
    Path dir;

    JournalFiles files() {
        return new JournalFiles(dir.resolve("inventory.yml"));
    }

    static RotationJournal journal(String plane, String started) {
        return RotationJournal.start(plane, "wg-" + plane, false, Instant.parse(started), List.of("a", "b"), 1);
    }

    static RotationJournal finished(RotationJournal j) {
        HostRotation a = j.hosts().get(0).prepared(OLD, NEW).swapped(5).at(Stage.VERIFIED).at(Stage.COMMITTED);
        return j.with(List.of(a, j.hosts().get(1).ended(Stage.SKIPPED, "not rotated")));
    }

    @Test
    void aJournalIsSavedBesideTheInventoryAndFoundAgainUntilItFinishes() throws IOException {
        RotationJournal j = journal("mgmt", "2026-01-02T03:04:05Z");
        files().save(j);

        Path file = dir.resolve(".wgform/rotation-mgmt-20260102T030405Z.json");
        assertThat(files().pathFor(j)).isEqualTo(file);
        assertThat(file).exists();
        assertThat(files().unfinished("mgmt")).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo(file);
            assertThat(l.journal()).isEqualTo(j);
        });
        assertThat(files().unfinished("data")).isEmpty();

        files().save(finished(j));
        assertThat(files().unfinished("mgmt")).isEmpty();
        assertThat(JournalFiles.load(file)).isEqualTo(finished(j));
    }

    @Test
    void theNewestUnfinishedJournalOfThePlaneIsTheOneResumed() throws IOException {
        RotationJournal older = journal("mgmt", "2026-01-02T03:04:05Z");
        RotationJournal newer = journal("mgmt", "2026-02-02T03:04:05Z");
        RotationJournal otherPlane = journal("mgmt-2", "2026-03-02T03:04:05Z");
        files().save(older);
        files().save(newer);
        files().save(otherPlane);

        assertThat(files().unfinished("mgmt").orElseThrow().journal()).isEqualTo(newer);
        assertThat(files().unfinished("mgmt-2").orElseThrow().journal()).isEqualTo(otherPlane);
        files().save(finished(newer));
        assertThat(files().unfinished("mgmt").orElseThrow().journal()).isEqualTo(older);
    }

    @Test
    void aDamagedJournalIsRefusedNamingTheFileAndTheProblem() throws IOException {
        Path file = Files.createDirectories(dir.resolve(".wgform")).resolve("rotation-mgmt-20260102T030405Z.json");
        Files.writeString(file, "{\"format_version\": 1, \"plane\": \"mgmt\"");

        assertThatThrownBy(() -> files().unfinished("mgmt")).isInstanceOf(IOException.class)
                .hasMessageContaining("the rotation journal " + file + " is damaged")
                .hasMessageContaining("move it aside");
        Files.writeString(file, "{\"format_version\": 7}");
        assertThatThrownBy(() -> JournalFiles.load(file)).hasMessageContaining("journal format 7 is not supported");
    }

    @Test
    void theTimeIsKeptToTheSecond() {
        assertThat(JournalFiles.now().getNano()).isZero();
    }
}
