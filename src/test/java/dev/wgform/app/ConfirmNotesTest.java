package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.facts.ConfirmMarker;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.OsInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfirmNotesTest {
    static HostFacts with(ConfirmMarker... markers) {
        return new HostFacts(new OsInfo("debian", List.of(), "12"), false, Map.of(), Map.of(), Optional.empty(), Map.of(), Map.of(),
                Map.of(), Map.of(), 0L, Optional.empty(), Optional.empty(), List.of(markers));
    }

    @Test
    void aRunTheHostUndidIsNamedWithItsTimeAndAnIncompleteRevertWithWhatFailed() {
        assertThat(ConfirmNotes.of(with(new ConfirmMarker("run-1", ConfirmMarker.State.REVERTED, "ok", 1795000000L),
                new ConfirmMarker("run-2", ConfirmMarker.State.REVERTED, "incomplete service:sshd", 1795000100L)))).containsExactly(
                "run run-1 was never confirmed from a new SSH session, so the host undid it by itself at 2026-11-18 11:06:40 UTC;"
                        + " see /var/lib/wgform/confirm/log there; what that run changed shows here again",
                "run run-2 was never confirmed from a new SSH session, so the host undid it by itself at 2026-11-18 11:08:20 UTC"
                        + " (the revert did not finish: incomplete service:sshd); see /var/lib/wgform/confirm/log there;"
                        + " what that run changed shows here again");
    }

    @Test
    void aRunAwaitingItsConfirmationSaysApplyIsRefusedUntilThen() {
        assertThat(ConfirmNotes.of(with(new ConfirmMarker("run-3", ConfirmMarker.State.WAITING, "", 0L)))).singleElement().asString()
                .startsWith("run run-3 waits for its confirmation").endsWith("until then apply is refused here");
        assertThat(ConfirmNotes.of(with())).isEmpty();
    }
}
