package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresqlVersionVarTest {
    @TempDir
    Path dir;

    @Test
    void aNumericVersionIsAcceptedAndKeptForTemplates() throws Exception {
        Path inv = write("all:\n  hosts:\n    db-1: { ansible_host: 203.0.113.5, wg_postgresql_version: 16 }\n");
        assertThat(InventoryLoader.load(inv).host("db-1").orElseThrow().vars()).containsEntry("wg_postgresql_version", 16L);
    }

    @Test
    void aVersionThatIsNotANumberIsRefusedAtItsLine() throws Exception {
        Path inv = write("all:\n  hosts:\n    db-1:\n      ansible_host: 203.0.113.5\n      wg_postgresql_version: ../../tmp\n");
        assertThatThrownBy(() -> InventoryLoader.load(inv))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).where().line()).isEqualTo(5);
                    assertThat(e.problems().get(0).key()).endsWith("wg_postgresql_version");
                    assertThat(e.problems().get(0).message()).contains("not a PostgreSQL major version");
                });
    }

    private Path write(String text) throws Exception {
        Path p = dir.resolve("inv.yml");
        Files.writeString(p, text);
        return p;
    }
}
