package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkers run by the view tests cannot hang the build: past the deadline the whole process tree dies. */
class DriftProcessesTest {
    @TempDir
    Path dir;

    @Test
    void killsTheProcessAndItsChildrenAtTheDeadline() throws Exception {
        Path out = dir.resolve("out");
        long start = System.nanoTime();
        assertThatThrownBy(() -> DriftProcesses.run(List.of("sh", "-c", "sleep 30 & echo $!; wait"), Optional.empty(), out,
                dir.resolve("err"), Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("killed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        long child = Long.parseLong(Files.readString(out).trim());
        Optional<ProcessHandle> sleeper = ProcessHandle.of(child);
        if (sleeper.isPresent()) sleeper.get().onExit().get(5, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void passesStdinAndReturnsTheExitCode() throws Exception {
        Path in = dir.resolve("in");
        Files.writeString(in, "hello\n");
        int code = DriftProcesses.run(List.of("sh", "-c", "cat; exit 3"), Optional.of(in), dir.resolve("out"), dir.resolve("err"),
                Duration.ofSeconds(30));
        assertThat(code).isEqualTo(3);
        assertThat(dir.resolve("out")).hasContent("hello");
    }
}
