package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths of the test fixtures, and helpers to load them expecting problems. */
final class Fixtures {
    static final Path ROOT = Path.of("src/test/resources/inventory");
    static final Path VALIDATION = ROOT.resolve("validation");

    private Fixtures() {}

    static Path validation(String name) {
        return VALIDATION.resolve(name);
    }

    /** Loads the pair expecting an InvalidInputException (never another exception) and returns its problems. */
    static List<Problem> problems(Path inventory, Path playbook) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> FleetLoader.load(inventory, playbook));
        assertThat(e).as("loading %s with %s should fail with problems", inventory, playbook).isNotNull();
        return e.problems();
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }
}
