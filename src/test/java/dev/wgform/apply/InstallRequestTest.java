package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.crypto.Secret;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Requests that cannot be carried out safely are refused before a script is generated. */
class InstallRequestTest {
    static final String CONF = "/etc/wireguard/wg-a.conf";

    static InstallRequest req(List<FileWrite> writes, List<String> deletes, List<InterfaceStep> ifaces) {
        return new InstallRequest("run-1", writes, deletes, ifaces, List.of(), Optional.empty(), "{}", true);
    }

    @Test
    void unresolvedPublicKeyPlaceholderIsRefused() {
        assertThatThrownBy(() -> new FileWrite(CONF, "PublicKey = {{wgform-pubkey:node-b/mgmt}}\n", 0600, "wg"))
                .hasMessageContaining("public-key placeholder");
    }

    @Test
    void aFileWithSecretsCannotBeReadableByOthers() {
        assertThatThrownBy(() -> new FileWrite(CONF, "PrivateKey = {{wgform-secret:/etc/wireguard/keys/wg-a.key}}\n", 0640, "wg"))
                .hasMessageContaining("must not give group or others any access");
        assertThat(new FileWrite("/etc/x.conf", "no secrets\n", 0644, "service:x").mode()).isEqualTo(0644);
    }

    @Test
    void secretPlaceholdersAreListedInOrder() {
        FileWrite w = new FileWrite(CONF, "{{wgform-secret:/k/b}} {{wgform-secret:/k/a}} {{wgform-secret:/k/b}}", 0600, "wg");
        assertThat(w.secretPaths()).containsExactly("/k/b", "/k/a");
        assertThat(w.toString()).doesNotContain("wgform-secret").contains(CONF, "0600");
    }

    @Test
    void contradictionsAreRefused() {
        FileWrite conf = new FileWrite(CONF, "x", 0600, "wg");
        assertThatThrownBy(() -> req(List.of(conf, conf), List.of(), List.of())).hasMessageContaining("written twice");
        assertThatThrownBy(() -> req(List.of(conf), List.of(CONF), List.of())).hasMessageContaining("both written and deleted");
        assertThatThrownBy(() -> req(List.of(conf), List.of(), List.of(new InterfaceStep("wg-a", InterfaceAction.DOWN, false, 0))))
                .hasMessageContaining("goes down but its config is written");
        assertThatThrownBy(() -> req(List.of(), List.of(CONF), List.of(new InterfaceStep("wg-a", InterfaceAction.UP, true, 0))))
                .hasMessageContaining("stays up but its config is deleted");
        assertThatThrownBy(() -> req(List.of(new FileWrite(InstallRequest.MANIFEST_PATH, "{}", 0644, "manifest")), List.of(), List.of()))
                .hasMessageContaining("manifest");
        assertThatThrownBy(() -> req(List.of(new FileWrite(CONF, "{{wgform-secret:/etc/wireguard/keys/wg-a.key}}", 0600, "wg")),
                List.of("/etc/wireguard/keys/wg-a.key"), List.of())).hasMessageContaining("being deleted");
        PskPush psk = new PskPush("wg-a", "b", "/etc/wireguard/keys/wg-a/b.psk", Secret.randomPsk());
        assertThatThrownBy(() -> new InstallRequest("run-1", List.of(new FileWrite(psk.path(), "x", 0600, "wg")), List.of(), List.of(),
                List.of(), Optional.empty(), "{}", true, List.of(psk))).hasMessageContaining("written twice");
    }

    @Test
    void namesThatCouldBreakOutOfTheScriptAreRefused() {
        assertThatThrownBy(() -> new InstallRequest("run 1; reboot", List.of(), List.of(), List.of(), List.of(), Optional.empty(), "{}", true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileWrite("/etc/x'y", "x", 0600, "wg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileWrite("relative/x", "x", 0600, "wg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InterfaceStep("wg-this-name-is-too-long", InterfaceAction.UP, true, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceStep("sshd", Optional.of("sshd -t\nreboot"), "systemctl reload ssh")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FirewallStep.nftables("/etc/nftables.d/wgform.nft", "inet wgform; flush ruleset")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotedCommandsKeepTheirMeaning() {
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(FirewallStep.nftables("/etc/nftables.d/wgform.nft", "inet wgform").validateCommand())
                .contains("nft -c -f \"$R\"'/etc/nftables.d/wgform.nft'");
    }
}
