package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.FileChange;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.ResourceType;
import dev.wgform.render.RenderedFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** After a rotation's live steps, the plan is narrowed to the plane's resources; refilled hosts write their config again. */
class PlaneReconcileTest {
    static final String MGMT_CONF = "/etc/wireguard/wg-mgmt.conf";
    static final String DATA_CONF = "/etc/wireguard/wg-data.conf";
    static final String MGMT_TEXT = """
            [Interface]
            Address = 10.200.0.1/24
            PrivateKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}

            [Peer]
            PublicKey = {{wgform-pubkey:node-b/mgmt}}
            PresharedKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt/node-b.psk}}
            AllowedIPs = 10.200.0.2/32
            """;
    static final RenderedFile MGMT = RenderedFile.of(MGMT_CONF, MGMT_TEXT, 0600, "wg");
    static final RenderedFile DATA = RenderedFile.of(DATA_CONF, "[Interface]\nAddress = 10.201.0.1/24\n", 0600, "wg");
    static final String SHA_A = "a".repeat(64);

    static Change noop(ResourceType type, String name) {
        return new Change(type, name, Action.NOOP, Optional.empty(), List.of(), List.of());
    }

    static Change config(String path, Action action) {
        FileChange f = new FileChange(path, 0600, "wg", Optional.of(SHA_A), Optional.of(SHA_A), "", "");
        List<Effect> effects = action == Action.NOOP ? List.of() : List.of(new Effect.LiveSync(path.substring(15, path.length() - 5)));
        return new Change(ResourceType.WG_CONFIG, path, action, Optional.of(f), effects, List.of());
    }

    /** node-a planned against a converged mgmt plane (every change NOOP), a drifted data plane, firewall and service. */
    static HostPlan plan() {
        return new HostPlan("node-a", Optional.empty(), List.of(
                noop(ResourceType.PRIVATE_KEY, "wg-mgmt"),
                noop(ResourceType.PRESHARED_KEY, "psk wg-mgmt node-b"),
                config(MGMT_CONF, Action.NOOP),
                noop(ResourceType.INTERFACE, "wg-mgmt"),
                noop(ResourceType.PRIVATE_KEY, "wg-data"),
                new Change(ResourceType.PRESHARED_KEY, "psk wg-data node-b", Action.CREATE, Optional.empty(),
                        List.of(new Effect.PushPsk("wg-data", "node-b", "/etc/wireguard/keys/wg-data/node-b.psk")), List.of()),
                config(DATA_CONF, Action.UPDATE),
                noop(ResourceType.INTERFACE, "wg-data"),
                new Change(ResourceType.FIREWALL, "/etc/nftables.d/wgform.nft", Action.UPDATE,
                        Optional.of(new FileChange("/etc/nftables.d/wgform.nft", 0644, "firewall", Optional.empty(), Optional.of(SHA_A),
                                "table inet wgform {}\n", "")), List.of(new Effect.LoadFirewall("nftables")), List.of()),
                noop(ResourceType.MANIFEST, "/var/lib/wgform/manifest.json")),
                "f".repeat(64), List.of("a note for people"));
    }

    @Test
    void onlyThePlanesChangesAreKept() {
        HostPlan narrowed = PlaneReconcile.narrow(plan(), "wg-mgmt", false, List.of(MGMT, DATA));

        assertThat(narrowed.changes()).extracting(Change::label).containsExactly("private key wg-mgmt", "psk wg-mgmt node-b",
                MGMT_CONF, "interface wg-mgmt");
        assertThat(narrowed.changes()).isEqualTo(plan().changes().subList(0, 4));
        assertThat(narrowed.hasChanges()).as("a converged plane needs nothing without refill").isFalse();
        assertThat(narrowed.host()).isEqualTo("node-a");
        assertThat(narrowed.factsFingerprint()).isEqualTo("f".repeat(64));
        assertThat(narrowed.notes()).isEmpty();
    }

    @Test
    void theOtherPlanesDriftIsKeptWhenNarrowingToIt() {
        HostPlan narrowed = PlaneReconcile.narrow(plan(), "wg-data", true, List.of(MGMT, DATA));

        assertThat(narrowed.changes()).extracting(Change::label).containsExactly("private key wg-data", "psk wg-data node-b",
                DATA_CONF, "interface wg-data");
        assertThat(narrowed.change(ResourceType.WG_CONFIG, DATA_CONF)).isEqualTo(plan().change(ResourceType.WG_CONFIG, DATA_CONF));
    }

    @Test
    void refillTurnsTheUnchangedConfigIntoAnUpdateWithALiveSyncAndTheRenderedContent() {
        HostPlan narrowed = PlaneReconcile.narrow(plan(), "wg-mgmt", true, List.of(DATA, MGMT));

        Change c = narrowed.change(ResourceType.WG_CONFIG, MGMT_CONF).orElseThrow();
        assertThat(c.action()).isEqualTo(Action.UPDATE);
        assertThat(c.effects()).containsExactly(new Effect.LiveSync("wg-mgmt"));
        FileChange f = c.file().orElseThrow();
        assertThat(f.newContent()).isEqualTo(MGMT_TEXT);
        assertThat(f.path()).isEqualTo(MGMT_CONF);
        assertThat(f.mode()).isEqualTo(0600);
        assertThat(f.kind()).isEqualTo("wg");
        assertThat(f.oldSha256()).contains(SHA_A);
        assertThat(f.newSha256()).contains(SHA_A);
        assertThat(f.diff()).isEmpty();
        assertThat(c.details()).containsExactly("private key and PSKs filled in again from the key files after a key rotation");
        assertThat(narrowed.actionable()).containsExactly(c);
        assertThat(narrowed.effects()).containsExactly(new Effect.LiveSync("wg-mgmt"));
        assertThat(narrowed.change(ResourceType.PRIVATE_KEY, "wg-mgmt").orElseThrow().action()).isEqualTo(Action.NOOP);
    }

    @Test
    void refillLeavesAConfigThatChangesAnywayAsPlanned() {
        HostPlan narrowed = PlaneReconcile.narrow(plan(), "wg-data", true, List.of(MGMT, DATA));

        assertThat(narrowed.change(ResourceType.WG_CONFIG, DATA_CONF).orElseThrow().file().orElseThrow().newContent()).isEmpty();
    }

    @Test
    void aSimilarInterfaceNameIsNotMistakenForThePlanes() {
        HostPlan plan = new HostPlan("node-a", Optional.empty(), List.of(noop(ResourceType.PRESHARED_KEY, "psk wg-mgmt node-b"),
                noop(ResourceType.PRIVATE_KEY, "wg-mgmt"), noop(ResourceType.PRESHARED_KEY, "psk wg-m node-b")), "f".repeat(64), List.of());

        assertThat(PlaneReconcile.narrow(plan, "wg-m", true, List.of()).changes()).extracting(Change::name)
                .containsExactly("psk wg-m node-b");
    }

    @Test
    void refillingAConfigThatWasNotRenderedIsAnError() {
        assertThatThrownBy(() -> PlaneReconcile.narrow(plan(), "wg-mgmt", true, List.of(DATA)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(MGMT_CONF + " was not rendered");
    }
}
