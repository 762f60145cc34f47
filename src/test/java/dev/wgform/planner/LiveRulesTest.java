package dev.wgform.planner;

import static dev.wgform.planner.TestFacts.applied;
import static dev.wgform.planner.TestFacts.desired;
import static dev.wgform.planner.TestFacts.render;
import static dev.wgform.planner.TestFacts.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.HostState;
import dev.wgform.facts.ListeningSocket;
import dev.wgform.facts.NftTable;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files as rendered whose live state is not: the table loaded again, the service reloaded again. */
class LiveRulesTest {
    private static final String NFT = "/etc/nftables.d/wgform.nft";
    private static final String SSHD = "/etc/ssh/sshd_config.d/wgform.conf";
    private static final String HASH = "ab".repeat(32);

    private final HostState db = state(desired(Scenarios.mesh()), "db");

    private HostPlan plan(TestFacts.Builder facts) {
        return Planner.plan(db, render(db), facts.build());
    }

    private Change change(HostPlan p, ResourceType type, String name) {
        return p.change(type, name).orElseThrow();
    }

    @Test
    void aTableAsLoadedAndAServiceListeningWhereBoundNeedNothing() {
        HostPlan p = plan(applied(db).nftables(new NftTable(true, HASH, HASH))
                .listening(new ListeningSocket("tcp", db.interfaces().get(0).address().getHostAddress(), 22),
                        new ListeningSocket("tcp", "0.0.0.0", 5432), new ListeningSocket("tcp", "::", 9100)));
        assertThat(p.hasChanges()).as(p.actionable().toString()).isFalse();
    }

    @Test
    void aFlushedOrMissingTableIsLoadedAgain() {
        Change changed = change(plan(applied(db).nftables(new NftTable(true, "cd".repeat(32), HASH))), ResourceType.FIREWALL, NFT);
        assertThat(changed.action()).isEqualTo(Action.UPDATE);
        assertThat(changed.effects()).containsExactly(new Effect.LoadFirewall("nftables"));
        assertThat(changed.details()).containsExactly("table inet wgform was changed by hand since wgform loaded it: load it again");
        assertThat(changed.file().orElseThrow().diff()).isEmpty();

        Change missing = change(plan(applied(db).nftables(new NftTable(false, "", HASH))), ResourceType.FIREWALL, NFT);
        assertThat(missing.details()).containsExactly("table inet wgform is not loaded: load it again");
        // never recorded (an older wgform loaded it): present is all that can be told
        assertThat(change(plan(applied(db).nftables(new NftTable(true, HASH, ""))), ResourceType.FIREWALL, NFT).action()).isEqualTo(Action.NOOP);
    }

    @Test
    void aBoundServiceNotListeningOnItsPlaneAddressOrStoppedIsReloaded() {
        Change deaf = change(plan(applied(db).listening(new ListeningSocket("tcp", "203.0.113.30", 22))), ResourceType.SERVICE_CONFIG, SSHD);
        assertThat(deaf.action()).isEqualTo(Action.UPDATE);
        assertThat(deaf.effects()).containsExactly(new Effect.ReloadService("sshd"));
        assertThat(deaf.details()).anySatisfy(d -> assertThat(d).startsWith("sshd is not listening on 10.200.0."));

        Change stopped = change(plan(applied(db).service("sshd", false)), ResourceType.SERVICE_CONFIG, SSHD);
        assertThat(stopped.details()).contains("sshd is stopped: start it");
        assertThat(stopped.effects()).containsExactly(new Effect.ReloadService("sshd"));
    }

    @Test
    void aServiceWgformNeverBoundIsLeftAlone() {
        HostPlan p = plan(applied(db).withoutManifest().service("sshd", false).listening());
        assertThat(change(p, ResourceType.SERVICE_CONFIG, SSHD).action()).isEqualTo(Action.NOOP);
    }

    @Test
    void aKeyOrPskFileLoosenedByHandIsPutBackTo0600() {
        String key = db.interfaces().get(0).privateKeyPath();
        Change k = change(plan(applied(db).keyMode("wg-mgmt", 0644)), ResourceType.PRIVATE_KEY, "wg-mgmt");
        assertThat(k.action()).isEqualTo(Action.UPDATE);
        assertThat(k.effects()).containsExactly(new Effect.TightenMode(key));
        assertThat(k.details()).contains("mode 0644 -> 0600");

        String psk = db.interfaces().get(0).peers().get(0).pskPath().orElseThrow();
        String name = "psk wg-mgmt " + db.interfaces().get(0).peers().get(0).host();
        Change p = change(plan(applied(db).pskMode(psk, 0640)), ResourceType.PRESHARED_KEY, name);
        assertThat(p.effects()).containsExactly(new Effect.TightenMode(psk));
        assertThat(p.details()).contains("mode 0640 -> 0600");
        // 0600 and an unknown mode need nothing
        assertThat(plan(applied(db).keyMode("wg-mgmt", 0600)).hasChanges()).isFalse();
    }

    @Test
    void socketsCoverTheirAddressOrEveryAddress() throws Exception {
        java.net.InetAddress a = java.net.InetAddress.getByName("10.200.0.1");
        assertThat(ListeningSocket.parse("tcp", "10.200.0.1:22").covers("tcp", a, 22)).isTrue();
        assertThat(ListeningSocket.parse("tcp", "0.0.0.0:22").covers("tcp", a, 22)).isTrue();
        assertThat(ListeningSocket.parse("tcp", "[::]:22").covers("tcp", a, 22)).isTrue();
        assertThat(ListeningSocket.parse("tcp", "*:22").covers("tcp", a, 22)).isTrue();
        assertThat(ListeningSocket.parse("tcp", "10.200.0.2:22").covers("tcp", a, 22)).isFalse();
        assertThat(ListeningSocket.parse("udp", "10.200.0.1:22").covers("tcp", a, 22)).isFalse();
        assertThat(ListeningSocket.parse("tcp", "[fe80::1%eth0]:22")).isEqualTo(new ListeningSocket("tcp", "fe80::1", 22));
        assertThat(List.of(ListeningSocket.parse("tcp", "127.0.0.53%lo:53").address())).containsExactly("127.0.0.53");
    }
}
