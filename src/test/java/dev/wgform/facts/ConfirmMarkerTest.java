package dev.wgform.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfirmMarkerTest {
    @Test
    void readsRevertMarkersAndWatchdogPidFiles() {
        assertThat(ConfirmMarker.parse("run-1.reverted 1795000000 ok"))
                .isEqualTo(new ConfirmMarker("run-1", ConfirmMarker.State.REVERTED, "ok", 1795000000L));
        assertThat(ConfirmMarker.parse("run-1.reverted 1795000000 incomplete restore:/etc/x firewall:nftables"))
                .isEqualTo(new ConfirmMarker("run-1", ConfirmMarker.State.REVERTED, "incomplete restore:/etc/x firewall:nftables", 1795000000L));
        assertThat(ConfirmMarker.parse("run-2.pid 4242 boot")).isEqualTo(new ConfirmMarker("run-2", ConfirmMarker.State.WAITING, "", 0L));
    }

    @Test
    void refusesWhatIsNoMarker() {
        assertThatThrownBy(() -> ConfirmMarker.parse("log 2026")).hasMessageContaining("not a confirm marker");
        assertThatThrownBy(() -> ConfirmMarker.parse("run-1.reverted soon ok")).hasMessageContaining("without its time");
        assertThatThrownBy(() -> ConfirmMarker.parse("a;b.pid 1 x")).hasMessageContaining("bad run id");
    }
}
