package dev.wgform.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanRecordsTest {
    private static final String FP = "f".repeat(64);

    private static Change wg(Action action, Effect... effects) {
        FileChange file = new FileChange("/etc/wireguard/wg-mgmt.conf", 0600, "wg", Optional.empty(), Optional.empty(),
                "PrivateKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}\n", "");
        return new Change(ResourceType.WG_CONFIG, "/etc/wireguard/wg-mgmt.conf", action, Optional.of(file), List.of(effects), List.of());
    }

    @Test
    void actionsHaveTerraformSymbols() {
        assertThat(List.of(Action.values())).extracting(Action::symbol).containsExactly("+", "~", "-", " ");
        assertThat(Action.fromJson("no-op")).contains(Action.NOOP);
        assertThat(ResourceType.fromJson("preshared_key")).contains(ResourceType.PRESHARED_KEY);
    }

    @Test
    void effectsSayWhatTheyDo() {
        assertThat(List.<Effect>of(new Effect.LiveSync("wg-mgmt"), new Effect.RestartInterface("wg-data"), new Effect.UpInterface("wg-app"),
                new Effect.DownInterface("wg-old"), new Effect.EnableAtBoot("wg-app"), new Effect.ReloadService("sshd"),
                new Effect.RestartService("postgresql"), new Effect.LoadFirewall("nftables"),
                new Effect.GenerateKey("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key"),
                new Effect.PushPsk("wg-mgmt", "lab-2", "/etc/wireguard/keys/wg-mgmt/lab-2.psk")))
                .extracting(Effect::text)
                .containsExactly("live sync wg-mgmt", "restart wg-data", "up wg-app", "down wg-old", "enable wg-app at boot",
                        "reload sshd", "restart postgresql", "load nftables", "generate key wg-mgmt", "push psk wg-mgmt lab-2");
    }

    @Test
    void secretsAreRefusedInContentsDiffsAndDetails() {
        String key = "PrivateKey = cGxlYXNlLWRvLW5vdC1sZWFrLXRoaXMta2V5LWV2ZXI=\n";
        assertThatThrownBy(() -> new FileChange("/etc/wireguard/wg0.conf", 0600, "wg", Optional.empty(), Optional.empty(), key, ""))
                .hasMessageContaining("not a placeholder");
        assertThatThrownBy(() -> new FileChange("/etc/wireguard/wg0.conf", 0600, "wg", Optional.empty(), Optional.empty(), "",
                "@@ -1 +1 @@\n-presharedkey=abc\n+PresharedKey = {{wgform-secret}}\n")).hasMessageContaining("not a placeholder");
        assertThatThrownBy(() -> new Change(ResourceType.PRIVATE_KEY, "wg0", Action.CREATE, Optional.empty(), List.of(), List.of(key)))
                .hasMessageContaining("not a placeholder");
        // placeholders, the host's marker and (sensitive) are fine
        new FileChange("/etc/wireguard/wg0.conf", 0600, "wg", Optional.empty(), Optional.empty(),
                "PresharedKey = {{wgform-secret:/etc/wireguard/keys/wg0/b.psk}}\n", "+PresharedKey = {{wgform-secret}}\n PrivateKey = (sensitive)\n");
    }

    @Test
    void changesKeepTheirShape() {
        assertThatThrownBy(() -> new Change(ResourceType.WG_CONFIG, "/x", Action.CREATE, Optional.empty(), List.of(), List.of()))
                .hasMessageContaining("needs its file");
        assertThatThrownBy(() -> wg(Action.NOOP, new Effect.LiveSync("wg-mgmt"))).hasMessageContaining("no-op has no effects");
        assertThatThrownBy(() -> new HostPlan("a", Optional.of("down"), List.of(wg(Action.NOOP)), "", List.of()))
                .hasMessageContaining("unreachable");
        assertThatThrownBy(() -> new HostPlan("a", Optional.empty(), List.of(), "", List.of())).hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> Plan.of(Instant.EPOCH, "i", "p", List.of(HostPlan.unreachable("a", "x"), HostPlan.unreachable("a", "y"))))
                .hasMessageContaining("twice");
    }

    @Test
    void effectsAreListedOnceWithRestartsStandingInForSyncsAndReloads() {
        Change key = new Change(ResourceType.PRIVATE_KEY, "wg-mgmt", Action.CREATE, Optional.empty(),
                List.of(new Effect.GenerateKey("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key"), new Effect.RestartInterface("wg-mgmt")), List.of());
        Change psk = new Change(ResourceType.PRESHARED_KEY, "psk wg-mgmt b", Action.CREATE, Optional.empty(),
                List.of(new Effect.PushPsk("wg-mgmt", "b", "/etc/wireguard/keys/wg-mgmt/b.psk"), new Effect.LiveSync("wg-mgmt")), List.of());
        Change config = wg(Action.UPDATE, new Effect.LiveSync("wg-mgmt"));
        HostPlan p = new HostPlan("a", Optional.empty(), List.of(key, psk, config), FP, List.of());
        assertThat(p.effects()).extracting(Effect::text)
                .containsExactly("generate key wg-mgmt", "restart wg-mgmt", "push psk wg-mgmt b");
    }

    @Test
    void replacementsTakeThePlaceOfTheSameResourceAndTheManifestStaysLast() {
        Change noopPsk = new Change(ResourceType.PRESHARED_KEY, "psk wg-mgmt b", Action.NOOP, Optional.empty(), List.of(), List.of());
        Change manifest = new Change(ResourceType.MANIFEST, "/var/lib/wgform/manifest.json", Action.NOOP, Optional.empty(), List.of(), List.of());
        HostPlan p = new HostPlan("a", Optional.empty(), List.of(noopPsk, wg(Action.NOOP), manifest), FP, List.of());
        Change update = new Change(ResourceType.PRESHARED_KEY, "psk wg-mgmt b", Action.UPDATE, Optional.empty(),
                List.of(new Effect.PushPsk("wg-mgmt", "b", "/etc/wireguard/keys/wg-mgmt/b.psk")), List.of());
        Change extra = new Change(ResourceType.PRESHARED_KEY, "psk wg-mgmt c", Action.UPDATE, Optional.empty(),
                List.of(new Effect.PushPsk("wg-mgmt", "c", "/etc/wireguard/keys/wg-mgmt/c.psk")), List.of());
        HostPlan replaced = p.withChanges(List.of(update, extra));
        assertThat(replaced.changes()).containsExactly(update, wg(Action.NOOP), extra, manifest);
        assertThat(replaced.hasChanges()).isTrue();
        assertThat(p.hasChanges()).isFalse();
    }
}
