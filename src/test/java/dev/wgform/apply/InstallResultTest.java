package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.apply.InstallResult.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstallResultTest {
    static final String HASH = "a".repeat(64);

    @Test
    void okWithStepsAndPskHashes() {
        InstallResult r = InstallResult.parse("""
                Last login: yesterday
                @@step psk:/etc/wireguard/keys/wg-a/b.psk ok
                @@psk /etc/wireguard/keys/wg-a/b.psk %s
                @@step write:/etc/wireguard/wg-a.conf ok
                @@step live-sync:wg-a ok
                @@step verify:wg-a ok
                @@step manifest ok
                @@result ok
                """.formatted(HASH), 0);

        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.ok()).isTrue();
        assertThat(r.phase()).isEmpty();
        assertThat(r.steps()).extracting(StepResult::name).containsExactly("psk:/etc/wireguard/keys/wg-a/b.psk",
                "write:/etc/wireguard/wg-a.conf", "live-sync:wg-a", "verify:wg-a", "manifest");
        assertThat(r.pskHashes()).containsExactly(Map.entry("/etc/wireguard/keys/wg-a/b.psk", HASH));
        assertThat(r.failedSteps()).isEmpty();
    }

    @Test
    void rolledBackWithPhaseReasonAndRollbackSteps() {
        InstallResult r = InstallResult.parse("""
                @@step write:/etc/wireguard/wg-a.conf ok
                @@step verify:wg-a failed wg-a has 1 peers, expected 2
                @@step rollback:restore:/etc/wireguard/wg-a.conf ok
                @@result rolled-back verify wg-a has 1 peers, expected 2
                """, 1);

        assertThat(r.status()).isEqualTo(Status.ROLLED_BACK);
        assertThat(r.phase()).contains("verify");
        assertThat(r.message()).isEqualTo("wg-a has 1 peers, expected 2");
        assertThat(r.failedSteps()).containsExactly(new StepResult("verify:wg-a", false, "wg-a has 1 peers, expected 2"));
        assertThat(r.steps().get(2).isRollback()).isTrue();
    }

    @Test
    void rollbackIncomplete() {
        InstallResult r = InstallResult.parse("""
                @@step service:sshd failed reload failed
                @@step rollback:service:sshd failed Job failed
                @@result rollback-incomplete effects reload failed
                """, 2);
        assertThat(r.status()).isEqualTo(Status.ROLLBACK_INCOMPLETE);
        assertThat(r.failedSteps()).hasSize(2);
    }

    @Test
    void noResultLineMeansInterrupted() {
        InstallResult r = InstallResult.parse("@@step write:/etc/x ok\n", 137);
        assertThat(r.status()).isEqualTo(Status.INTERRUPTED);
        assertThat(r.message()).contains("exit code 137", "run plan again");
        assertThat(r.steps()).hasSize(1);
    }

    @Test
    void resultThatDisagreesWithTheExitCodeIsNotTrusted() {
        assertThat(InstallResult.parse("@@result ok\n", 1).status()).isEqualTo(Status.INTERRUPTED);
    }

    @Test
    void malformedLinesAreErrors() {
        assertThatThrownBy(() -> InstallResult.parse("@@step x maybe\n@@result ok\n", 0)).isInstanceOf(RemoteScriptException.class);
        assertThatThrownBy(() -> InstallResult.parse("@@result done\n", 0)).isInstanceOf(RemoteScriptException.class);
        assertThatThrownBy(() -> InstallResult.parse("@@psk /x short\n@@result ok\n", 0)).isInstanceOf(RemoteScriptException.class);
        assertThatThrownBy(() -> InstallResult.parse("@@wat\n", 0)).isInstanceOf(RemoteScriptException.class);
    }
}
