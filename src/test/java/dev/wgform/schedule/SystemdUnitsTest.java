package dev.wgform.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdUnitsTest {
    private static final DriftSchedule FLEET = DriftSchedule.of(Path.of("/home/alice/fleet one/inventories/prod.yml"),
            Duration.ofMinutes(15),
            List.of("/home/alice/fleet one/wgform", "drift", "-i", "/home/alice/fleet one/inventories/prod.yml",
                    "/home/alice/fleet one/playbooks/prod.yml", "--prometheus", "/var/lib/node_exporter/wgform.prom"),
            Path.of("/home/alice/fleet one"));

    @Test
    void systemServiceRunsDriftOnceAfterTheNetworkAndTakesDriftFoundAsSuccess() {
        assertThat(SystemdUnits.service(FLEET, SystemdScope.SYSTEM)).isEqualTo("""
                # Written by 'wgform drift --install-timer'; 'wgform drift --uninstall-timer' removes it.
                [Unit]
                Description=wgform drift check of /home/alice/fleet one/inventories/prod.yml
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=oneshot
                WorkingDirectory=/home/alice/fleet one
                ExecStart="/home/alice/fleet one/wgform" drift -i "/home/alice/fleet one/inventories/prod.yml" \
                "/home/alice/fleet one/playbooks/prod.yml" --prometheus /var/lib/node_exporter/wgform.prom
                # drift exits 2 when it finds drift: that is a finding, not a failure of this unit (1, an error, is)
                SuccessExitStatus=2
                """);
    }

    @Test
    void userServiceLeavesOutTheSystemsNetworkTarget() {
        assertThat(SystemdUnits.service(FLEET, SystemdScope.USER))
                .doesNotContain("network-online.target")
                .contains("Type=oneshot\n", "SuccessExitStatus=2\n", "WorkingDirectory=/home/alice/fleet one\n");
    }

    @Test
    void timerRunsSoonAfterBootThenEveryIntervalWithASmallRandomDelay() {
        assertThat(SystemdUnits.timer(FLEET)).isEqualTo("""
                # Written by 'wgform drift --install-timer'; 'wgform drift --uninstall-timer' removes it.
                [Unit]
                Description=wgform drift check of /home/alice/fleet one/inventories/prod.yml every 15m

                [Timer]
                OnBootSec=2min
                OnUnitActiveSec=15min
                RandomizedDelaySec=1min

                [Install]
                WantedBy=timers.target
                """);
    }

    @Test
    void percentDollarQuoteAndBackslashAreEscapedForSystemd() {
        DriftSchedule odd = DriftSchedule.of(Path.of("/srv/50% \"odd\"/inv.yml"), Duration.ofMinutes(150),
                List.of("/srv/50% \"odd\"/wgform", "drift", "-i", "/srv/50% \"odd\"/inv.yml", "--html", "/srv/$out\\x.html"),
                Path.of("/srv/50% \"odd\""));
        String service = SystemdUnits.service(odd, SystemdScope.SYSTEM);
        assertThat(service).contains("Description=wgform drift check of /srv/50%% \"odd\"/inv.yml\n",
                "WorkingDirectory=/srv/50%% \"odd\"\n",
                "ExecStart=\"/srv/50%% \\\"odd\\\"/wgform\" drift -i \"/srv/50%% \\\"odd\\\"/inv.yml\" --html \"/srv/$$out\\\\x.html\"\n");
        assertThat(SystemdUnits.timer(odd)).contains("Description=wgform drift check of /srv/50%% \"odd\"/inv.yml every 2h30m\n",
                "OnUnitActiveSec=2h 30min\n");
    }

    @Test
    void randomDelayIsATenthOfTheIntervalAtMostAMinute() {
        assertThat(SystemdUnits.randomDelay(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(6));
        assertThat(SystemdUnits.randomDelay(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(SystemdUnits.randomDelay(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(1));
        assertThat(SystemdUnits.randomDelay(Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(1));
    }
}
