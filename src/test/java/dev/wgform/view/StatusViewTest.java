package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.drift.DriftReport;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    @Test
    void tablePerPlaneThenStalePeersKeyAgesAndUnreachableHosts() {
        assertThat(StatusView.render(DriftSamples.withDrift(), false)).isEqualTo("""
                Latest handshake with each peer (across) as each host (down) sees it; kept-alive peers are stale after 3m.

                plane mgmt
                         lab-1  lab-2  lab-4  xTIBA5rb…
                  lab-1      -    12s     3m          -
                  lab-2    15s      -  never          -
                  lab-4     2h      -      -      never
                  stale: lab-2 -> lab-4: no handshake ever
                  stale: lab-4 -> lab-1: last handshake 2h ago (endpoint 198.51.100.113:51820)
                  stale: lab-4 -> xTIBA5rb…: no handshake ever
                  keys: lab-1 3d, lab-2 3d, lab-4 1d

                plane app
                  no running interfaces
                  keys: lab-1 1h

                unreachable: lab-3: connection refused

                Status: 6 peers seen, 3 stale; 1 host unreachable.
                """);
    }

    @Test
    void cellsGreenWhenFreshYellowWhenOldButNotKeptAliveRedWhenStaleOrNever() {
        String plain = StatusView.render(DriftSamples.withDrift(), false);
        String colored = StatusView.render(DriftSamples.withDrift(), true);
        assertThat(colored).contains(
                "  lab-1      -  \u001b[32m  12s\u001b[0m  \u001b[33m   3m\u001b[0m          -\n",
                "  lab-2  \u001b[32m  15s\u001b[0m      -  \u001b[31mnever\u001b[0m          -\n",
                "  lab-4  \u001b[31m   2h\u001b[0m      -      -  \u001b[31m    never\u001b[0m\n",
                "\u001b[1mplane mgmt\u001b[0m", "\u001b[31munreachable: lab-3: connection refused\u001b[0m");
        assertThat(plain).doesNotContain("\u001b[");
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void aHealthyFleetHasNoStaleLines() {
        assertThat(StatusView.render(DriftSamples.clean(), false)).isEqualTo("""
                Latest handshake with each peer (across) as each host (down) sees it; kept-alive peers are stale after 3m.

                plane mgmt
                         lab-1  lab-2
                  lab-1      -     5s
                  lab-2     5s      -
                  keys: lab-1 1m, lab-2 1m

                Status: 2 peers seen, none stale.
                """);
    }

    @Test
    void columnsWidenForLongAgesAndRowsFollowTheInventoryNotTheReport() {
        DriftReport r = new DriftReport(1, 60, List.of("p"),
                List.of(DriftSamples.reachable("b"), DriftSamples.reachable("a")), List.of(),
                List.of(DriftSamples.peer("p", "a", "b", 50 * 86400, false, false), DriftSamples.peer("p", "b", "a", 1, true, false)),
                List.of());
        assertThat(StatusView.render(r, false)).contains("""
                plane p
                       b   a
                  b    -  1s
                  a  50d   -
                """);
    }

    @Test
    void agesInTheLargestWholeUnit() {
        assertThat(StatusAge.compact(0)).isEqualTo("0s");
        assertThat(StatusAge.compact(59)).isEqualTo("59s");
        assertThat(StatusAge.compact(60)).isEqualTo("1m");
        assertThat(StatusAge.compact(3599)).isEqualTo("59m");
        assertThat(StatusAge.compact(3600)).isEqualTo("1h");
        assertThat(StatusAge.compact(86399)).isEqualTo("23h");
        assertThat(StatusAge.compact(86400)).isEqualTo("1d");
        assertThat(StatusAge.compact(-5)).isEqualTo("0s");
        assertThat(StatusAge.compact(OptionalLong.empty())).isEqualTo("never");
    }
}
