package dev.wgform.view;

import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.FileChange;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.plan.ResourceType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A small hand-made plan with one of everything the views show. */
final class PlanSamples {
    static final String FP = "ab".repeat(32);
    static final String OLD_SHA = "1".repeat(64);
    static final String NEW_SHA = "2".repeat(64);

    private PlanSamples() {}

    static Plan sample() {
        Change key = new Change(ResourceType.PRIVATE_KEY, "wg-mgmt", Action.CREATE, Optional.empty(),
                List.of(new Effect.GenerateKey("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key")),
                List.of("/etc/wireguard/keys/wg-mgmt.key", "public key: (known after apply)"));
        Change psk = new Change(ResourceType.PRESHARED_KEY, "psk wg-mgmt lab-2", Action.CREATE, Optional.empty(),
                List.of(new Effect.PushPsk("wg-mgmt", "lab-2", "/etc/wireguard/keys/wg-mgmt/lab-2.psk")),
                List.of("/etc/wireguard/keys/wg-mgmt/lab-2.psk", "value: (sensitive)"));
        String diff = "--- /etc/wireguard/wg-mgmt.conf\n+++ /etc/wireguard/wg-mgmt.conf\n@@ -5,3 +5,3 @@\n"
                + " [Peer]\n # lab-2\n-Endpoint = 198.51.100.2:51820\n+Endpoint = 198.51.100.12:51820\n";
        Change config = new Change(ResourceType.WG_CONFIG, "/etc/wireguard/wg-mgmt.conf", Action.UPDATE,
                Optional.of(new FileChange("/etc/wireguard/wg-mgmt.conf", 0600, "wg", Optional.of(OLD_SHA), Optional.of(NEW_SHA),
                        "[Interface]\nPrivateKey = {{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}\n", diff)),
                List.of(new Effect.LiveSync("wg-mgmt")), List.of("peers changed only: live sync, no restart"));
        Change sshd = new Change(ResourceType.SERVICE_CONFIG, "/etc/ssh/sshd_config.d/wgform.conf", Action.NOOP,
                Optional.of(new FileChange("/etc/ssh/sshd_config.d/wgform.conf", 0600, "service:sshd", Optional.of(NEW_SHA),
                        Optional.of(NEW_SHA), "", "")), List.of(), List.of());
        Change manifest = new Change(ResourceType.MANIFEST, "/var/lib/wgform/manifest.json", Action.UPDATE, Optional.empty(),
                List.of(), List.of("~ /etc/wireguard/wg-mgmt.conf"));
        HostPlan lab1 = new HostPlan("lab-1", Optional.empty(), List.of(key, psk, config, sshd, manifest), FP, List.of());

        Change removed = new Change(ResourceType.WG_CONFIG, "/etc/wireguard/wg-old.conf", Action.DELETE,
                Optional.of(new FileChange("/etc/wireguard/wg-old.conf", 0600, "wg", Optional.of(OLD_SHA), Optional.empty(), "",
                        "--- /etc/wireguard/wg-old.conf\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-[Interface]\n-PrivateKey = {{wgform-secret}}\n")),
                List.of(new Effect.DownInterface("wg-old")), List.of());
        HostPlan lab2 = new HostPlan("lab-2", Optional.empty(), List.of(removed), FP, List.of("postgresql is not running on lab-2: file only"));
        HostPlan lab3 = HostPlan.unreachable("lab-3", "connection refused");
        HostPlan lab4 = new HostPlan("lab-4", Optional.empty(), List.of(sshd), FP, List.of());
        return Plan.of(Instant.parse("2025-01-02T03:04:05Z"), "inventories/lab.yml", "playbooks/lab.yml", List.of(lab1, lab2, lab3, lab4));
    }
}
