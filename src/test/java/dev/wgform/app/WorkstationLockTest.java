package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkstationLockTest {
    @TempDir
    Path dir;

    private Path inventory() throws Exception {
        Path inv = dir.resolve("prod.yml");
        if (!Files.exists(inv)) Files.writeString(inv, "all: {}\n");
        return inv;
    }

    @Test
    void isTakenBesideTheInventoryNamingItsHolderAndReleased() throws Exception {
        Path lockFile = WorkstationLock.pathFor(inventory());
        assertThat(lockFile).isEqualTo(dir.resolve(".prod.yml.apply-lock"));
        try (WorkstationLock lock = WorkstationLock.acquire(inventory(), false)) {
            assertThat(Files.readString(lockFile)).contains("pid=" + ProcessHandle.current().pid()).contains("user=").contains("since=");
            // a second run while this one holds it: refused, naming the holder
            assertThatThrownBy(() -> WorkstationLock.acquire(inventory(), false))
                    .isInstanceOf(WorkstationLock.HeldException.class)
                    .hasMessageContaining("another wgform run is working on")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            // and --break-lock does not break a live run's lock
            assertThatThrownBy(() -> WorkstationLock.acquire(inventory(), true)).hasMessageContaining("wait for it to finish");
        }
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void aStaleLockFromADeadProcessIsReportedAndBrokenOnlyOnRequest() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lockFile = WorkstationLock.pathFor(inventory());
        Files.writeString(lockFile, "pid=" + gone.pid() + "\nhost=" + dev.wgform.apply.LockHolder.host() + "\nuser=bob\nsince=2026-01-01T00:00:00Z\n");
        assertThatThrownBy(() -> WorkstationLock.acquire(inventory(), false))
                .hasMessageContaining("a stale lock from bob@")
                .hasMessageContaining("no longer running")
                .hasMessageContaining("--break-lock");
        try (WorkstationLock lock = WorkstationLock.acquire(inventory(), true)) {
            assertThat(Files.readString(lockFile)).contains("pid=" + ProcessHandle.current().pid());
        }
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void aLockFromAnotherMachineCannotBeCheckedSoOnlyBreakLockTakesIt() throws Exception {
        Path lockFile = WorkstationLock.pathFor(inventory());
        Files.writeString(lockFile, "pid=1\nhost=elsewhere.example\nuser=carol\nsince=2026-01-01T00:00:00Z\n");
        assertThatThrownBy(() -> WorkstationLock.acquire(inventory(), false)).hasMessageContaining("carol@elsewhere.example pid 1")
                .hasMessageContaining("on another machine");
        WorkstationLock.acquire(inventory(), true).close();
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void aMissingInventoryTakesNoLockSoItsOwnErrorIsTheOneReported() throws Exception {
        WorkstationLock.acquire(dir.resolve("missing.yml"), false).close();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
