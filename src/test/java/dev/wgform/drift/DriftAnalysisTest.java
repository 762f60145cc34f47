package dev.wgform.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.FileChange;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.plan.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each kind of plan change read as the drift it is; bookkeeping and no-ops are not drift. */
class DriftAnalysisTest {
    private static final String NFT = "/etc/nftables.d/wgform.nft";

    @Test
    void readsEachKindOfChangeAsItsDrift() {
        HostPlan a = new HostPlan("a", Optional.empty(), List.of(
                file(ResourceType.WG_CONFIG, "/etc/wireguard/wg-mgmt.conf", Action.UPDATE, "@@ -1 +1 @@\n-x\n+y\n", List.of(new Effect.LiveSync("wg-mgmt"))),
                new Change(ResourceType.INTERFACE, "wg-data", Action.UPDATE, Optional.empty(), List.of(new Effect.LiveSync("wg-data")),
                        List.of("live: unexpected peer AbCdEfGh…")),
                new Change(ResourceType.INTERFACE, "wg-app", Action.UPDATE, Optional.empty(), List.of(new Effect.UpInterface("wg-app")), List.of()),
                file(ResourceType.FIREWALL, NFT, Action.UPDATE, "", List.of(new Effect.LoadFirewall("nftables")),
                        List.of("table inet wgform was changed by hand since wgform loaded it: load it again")),
                file(ResourceType.SERVICE_CONFIG, "/etc/ssh/sshd_config.d/wgform.conf", Action.UPDATE, "", List.of(new Effect.ReloadService("sshd")),
                        List.of("sshd is not listening on 10.200.0.1:22: reload it")),
                new Change(ResourceType.PRESHARED_KEY, "psk wg-mgmt b", Action.UPDATE, Optional.empty(),
                        List.of(new Effect.PushPsk("wg-mgmt", "b", "/etc/wireguard/keys/wg-mgmt/b.psk")), List.of("differs from b's copy")),
                new Change(ResourceType.MANIFEST, "/var/lib/wgform/manifest.json", Action.UPDATE, Optional.empty(), List.of(), List.of()),
                new Change(ResourceType.PRIVATE_KEY, "wg-mgmt", Action.NOOP, Optional.empty(), List.of(), List.of())),
                "f", List.of());
        HostPlan b = new HostPlan("b", Optional.of("b (192.0.2.2:22): connection refused"), List.of(), "", List.of());
        Plan plan = new Plan(Plan.FORMAT_VERSION, Instant.EPOCH, "inv.yml", "pb.yml", List.of(a, b));

        DriftReport r = DriftAnalysis.analyse(plan, List.of(), Map.of(), List.of("mgmt"), Optional.empty(), Duration.ofSeconds(180), false, 100);

        assertThat(r.items()).extracting(i -> i.host() + " " + i.kind().jsonName() + " " + i.resource()).containsExactly(
                "a file /etc/wireguard/wg-mgmt.conf", "a peers wg-data", "a interface wg-app", "a firewall " + NFT,
                "a service /etc/ssh/sshd_config.d/wgform.conf", "a psk psk wg-mgmt b", "b unreachable ");
        assertThat(r.items().get(0).diff()).contains("@@ -1 +1 @@\n-x\n+y\n");
        assertThat(r.items().get(3).summary()).contains("changed by hand");
        assertThat(r.items().get(4).summary()).isEqualTo("sshd is not listening on 10.200.0.1:22: reload it");
        assertThat(r.hosts()).extracting(HostStatus::reachable).containsExactly(true, false);
        assertThat(r.hasDrift()).isTrue();

        DriftReport ok = DriftAnalysis.analyse(plan, List.of(), Map.of(), List.of("mgmt"), Optional.empty(), Duration.ofSeconds(180), true, 100);
        assertThat(ok.items()).noneMatch(i -> i.kind() == DriftKind.UNREACHABLE);
        assertThat(ok.hosts()).extracting(HostStatus::failure).containsExactly("", "b (192.0.2.2:22): connection refused");
    }

    private static Change file(ResourceType type, String path, Action action, String diff, List<Effect> effects) {
        return file(type, path, action, diff, effects, List.of());
    }

    private static Change file(ResourceType type, String path, Action action, String diff, List<Effect> effects, List<String> details) {
        String kind = type == ResourceType.WG_CONFIG ? "wg" : type == ResourceType.FIREWALL ? "firewall" : "service:sshd";
        return new Change(type, path, action, Optional.of(new FileChange(path, 0600, kind, Optional.empty(), Optional.empty(), "x\n", diff)),
                effects, details);
    }
}
