package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What arms the watchdog, and the revert script and confirm answers it comes with. */
class ConfirmWindowTest {
    static final String NFT = "/etc/nftables.d/wgform.nft";
    static final String SSHD = "/etc/ssh/sshd_config.d/wgform.conf";
    static final String CONF = "/etc/wireguard/wg-mgmt.conf";
    static final Optional<FirewallStep> FW = Optional.of(FirewallStep.nftables(NFT, "inet wgform"));
    static final ServiceStep SSHD_STEP = new ServiceStep("sshd", Optional.of("sshd -t"), "systemctl reload ssh");
    static final ServiceStep NGINX = new ServiceStep("nginx", Optional.of("nginx -t -q"), "systemctl reload nginx");

    static Map<String, String> kinds() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CONF, "wg");
        m.put(NFT, "firewall");
        m.put(SSHD, "service:sshd");
        m.put("/etc/nginx/conf.d/wgform.conf", "service:nginx");
        return m;
    }

    @Test
    void firewallAndSshdChangesAreGuardedTheirFilesOnly() {
        ConfirmWindow w = ConfirmWindow.forStep(60, kinds(), FW, List.of(SSHD_STEP, NGINX), Set.of("sshd")).orElseThrow();

        assertThat(w).isEqualTo(new ConfirmWindow(60, List.of(NFT, SSHD), true, List.of("sshd")));
        assertThat(w.what()).isEqualTo("firewall and sshd config");
    }

    @Test
    void aFirewallAloneOrSshdAloneIsEnough() {
        assertThat(ConfirmWindow.forStep(60, kinds(), FW, List.of(NGINX), Set.of("sshd")).orElseThrow())
                .isEqualTo(new ConfirmWindow(60, List.of(NFT), true, List.of()));
        ConfirmWindow sshdOnly = ConfirmWindow.forStep(60, kinds(), Optional.empty(), List.of(SSHD_STEP), Set.of("sshd")).orElseThrow();
        assertThat(sshdOnly.paths()).containsExactly(SSHD); // the firewall file is not restored when the firewall is not reloaded
        assertThat(sshdOnly.what()).isEqualTo("sshd config");
    }

    @Test
    void nothingIsArmedForOtherChangesOrWithATimeoutOfZero() {
        assertThat(ConfirmWindow.forStep(60, Map.of(CONF, "wg"), Optional.empty(), List.of(NGINX), Set.of("sshd"))).isEmpty();
        assertThat(ConfirmWindow.forStep(0, kinds(), FW, List.of(SSHD_STEP), Set.of("sshd"))).isEmpty();
        // a reload of sshd without a file change (it was stopped, say) is still guarded: the reload is what can cut us off
        assertThat(ConfirmWindow.forStep(60, Map.of(), Optional.empty(), List.of(SSHD_STEP), Set.of("sshd")).orElseThrow().paths()).isEmpty();
    }

    @Test
    void theRequestChecksItsWindowAgainstWhatItDoes() {
        InstallRequest plain = new InstallRequest("run-1", List.of(new FileWrite(NFT, "x\n", 0644, "firewall")), List.of(), List.of(),
                List.of(), FW, "{}", true);
        assertThatThrownBy(() -> plain.withConfirm(new ConfirmWindow(60, List.of(SSHD), true, List.of())))
                .hasMessageContaining("neither writes nor deletes");
        assertThatThrownBy(() -> plain.withConfirm(new ConfirmWindow(60, List.of(NFT), true, List.of("sshd"))))
                .hasMessageContaining("which the step does not reload");
        assertThatThrownBy(() -> new ConfirmWindow(0, List.of(NFT), true, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfirmWindow(60, List.of(), false, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(plain.confirm()).isEmpty();
        assertThat(InstallScript.build(plain)).doesNotContain("confirm_arm ").contains("confirm_pending ||");
    }

    @Test
    void theRevertScriptRestoresTheGuardedFilesAndReusesTheFirewallAndServiceCommands() {
        InstallRequest req = new InstallRequest("run-1",
                List.of(new FileWrite(NFT, "x\n", 0644, "firewall"), new FileWrite(CONF, "y\n", 0600, "wg"),
                        new FileWrite(SSHD, "z\n", 0600, "service:sshd")),
                List.of(), List.of(), List.of(SSHD_STEP), FW, "{}", true)
                .withConfirm(new ConfirmWindow(45, List.of(NFT, SSHD), true, List.of("sshd")));
        String sh = RevertScript.build(req);

        assertThat(sh).contains("RUN='run-1'", "wd_restore '" + NFT + "'", "wd_restore '" + SSHD + "'", "wd_main \"$1\" 45",
                FW.get().rollbackCommand(), "( sshd -t ) </dev/null >\"$OUT\" 2>&1 && ( systemctl reload ssh )")
                .doesNotContain("wd_restore '" + CONF + "'");
        assertThat(InstallScript.build(req)).contains("confirm_arm 45 ||");
    }

    @Test
    void confirmAndStatusAnswersAreParsedAndAnythingElseIsRefused() {
        assertThat(ConfirmCommands.parseConfirm("motd\n@@confirm ok\n")).isEqualTo(ConfirmCommands.Confirmed.OK);
        assertThat(ConfirmCommands.parseConfirm("@@confirm reverted\n")).isEqualTo(ConfirmCommands.Confirmed.REVERTED);
        assertThat(ConfirmCommands.parseConfirm("@@confirm missing\n")).isEqualTo(ConfirmCommands.Confirmed.MISSING);
        assertThatThrownBy(() -> ConfirmCommands.parseConfirm("@@confirm maybe\n")).isInstanceOf(RemoteScriptException.class);
        assertThatThrownBy(() -> ConfirmCommands.parseConfirm("")).hasMessageContaining("no answer");
        assertThat(ConfirmCommands.parseStatus("@@revert done incomplete firewall:nftables service:sshd\n"))
                .isEqualTo(new ConfirmCommands.Status(ConfirmCommands.Reverted.INCOMPLETE, "failed: firewall:nftables service:sshd"));
        assertThat(ConfirmCommands.parseStatus("@@revert pending\n").reverted()).isEqualTo(ConfirmCommands.Reverted.PENDING);
        assertThatThrownBy(() -> ConfirmCommands.parseStatus("@@revert done\n")).isInstanceOf(RemoteScriptException.class);
        assertThatThrownBy(() -> ConfirmCommands.confirm("bad run")).isInstanceOf(IllegalArgumentException.class);
    }
}
