package dev.wgform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DriftScheduleTest {
    private static final Path INVENTORY = Path.of("/home/alice/fleet one/inventories/prod.yml");
    private static final List<String> COMMAND = List.of("/home/alice/fleet one/wgform", "drift", "-i", INVENTORY.toString());

    @ParameterizedTest
    @CsvSource({"90s, 90", "1m, 60", "15m, 900", "1h, 3600", "2h30m, 9000", "1d, 86400", "1d2h3m4s, 93784", "' 15m ', 900",
            "60m, 3600", "0h5m, 300"})
    void readsIntervals(String text, long seconds) {
        assertThat(DriftSchedule.parseEvery(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "15x", "m", "30m2h", "15M", "1.5h", "-5m", "15 m", "1h1h", "15min", "PT15M", "h1"})
    void refusesWhatIsNotAnInterval(String text) {
        assertThatThrownBy(() -> DriftSchedule.parseEvery(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not an interval: write numbers with the units d, h, m, s, largest first,"
                        + " like 90s, 15m, 1h, 2h30m or 1d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "59s", "0m", "0d"})
    void refusesIntervalsUnderAMinute(String text) {
        assertThatThrownBy(() -> DriftSchedule.parseEvery(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is too short: the shortest interval is 1m");
    }

    @Test
    void asksForAnIntervalWhenThereIsNone() {
        assertThatThrownBy(() -> DriftSchedule.parseEvery("  ")).hasMessage("an interval is needed, like 90s, 15m, 1h, 2h30m or 1d");
        assertThatThrownBy(() -> DriftSchedule.parseEvery(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesIntervalsBackTheWayTheyAreRead() {
        assertThat(Every.text(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Every.text(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(Every.text(Duration.ofMinutes(150))).isEqualTo("2h30m");
        assertThat(Every.text(Duration.ofDays(1))).isEqualTo("1d");
        assertThat(Every.systemd(Duration.ofMinutes(150))).isEqualTo("2h 30min");
        assertThat(Every.systemd(Duration.ofSeconds(90))).isEqualTo("1min 30s");
        assertThat(Every.systemd(Duration.ofSeconds(93784))).isEqualTo("1d 2h 3min 4s");
        assertThat(Every.systemd(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void idIsAStableHashOfTheAbsoluteInventoryPath() {
        // printf %s '/home/alice/fleet one/inventories/prod.yml' | sha256sum  ->  c3225c9e...
        assertThat(DriftSchedule.idFor(INVENTORY)).isEqualTo("wgform-drift-c3225c9e");
        assertThat(DriftSchedule.idFor(Path.of("/home/alice/fleet one/playbooks/../inventories/./prod.yml")))
                .isEqualTo("wgform-drift-c3225c9e");
        assertThat(DriftSchedule.idFor(Path.of("/home/alice/fleet one/inventories/staging.yml")))
                .matches("wgform-drift-[0-9a-f]{8}").isNotEqualTo("wgform-drift-c3225c9e");
        assertThat(DriftSchedule.idFor(Path.of("inventories/prod.yml")))
                .isEqualTo(DriftSchedule.idFor(Path.of("inventories/prod.yml").toAbsolutePath()));
    }

    @Test
    void ofMakesPathsAbsoluteAndNamesTheSchedule() {
        DriftSchedule schedule = DriftSchedule.of(Path.of("inventories/prod.yml"), Duration.ofMinutes(15), COMMAND, Path.of("."));
        assertThat(schedule.inventory()).isEqualTo(Path.of("inventories/prod.yml").toAbsolutePath().normalize());
        assertThat(schedule.workingDirectory()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(schedule.id()).isEqualTo(DriftSchedule.idFor(Path.of("inventories/prod.yml")));
        assertThat(schedule.everyText()).isEqualTo("15m");
    }

    @Test
    void refusesCommandsNoSchedulerCanRun() {
        Path dir = Path.of("/home/alice");
        Duration every = Duration.ofMinutes(15);
        assertThatThrownBy(() -> DriftSchedule.of(INVENTORY, every, List.of("./wgform", "drift"), dir))
                .hasMessageContaining("absolute path");
        assertThatThrownBy(() -> DriftSchedule.of(INVENTORY, every, List.of(), dir)).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> DriftSchedule.of(INVENTORY, every, List.of("/x/wgform", "drift", "a\nb"), dir))
                .hasMessageContaining("line break").hasMessageContaining("a\\nb");
        assertThatThrownBy(() -> DriftSchedule.of(INVENTORY, every, List.of("/x/wgform", "a\tb"), dir)).hasMessageContaining("tab");
        assertThatThrownBy(() -> DriftSchedule.of(Path.of("/a\nb.yml"), every, COMMAND, dir)).hasMessageContaining("line break");
        assertThatThrownBy(() -> DriftSchedule.of(INVENTORY, every, COMMAND, Path.of("/home/alice/x "))).hasMessageContaining("space");
        assertThatThrownBy(() -> DriftSchedule.of(INVENTORY, Duration.ofSeconds(30), COMMAND, dir)).hasMessageContaining("every minute");
        assertThatThrownBy(() -> new DriftSchedule("../etc", INVENTORY, every, COMMAND, dir)).hasMessageContaining("id");
        assertThatThrownBy(() -> new DriftSchedule("x", Path.of("inv.yml"), every, COMMAND, dir)).hasMessageContaining("absolute");
    }
}
