package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanViewTest {
    @Test
    void showsEachChangeWithItsSymbolEffectsDetailsAndDiff() {
        assertThat(PlanView.render(PlanSamples.sample(), false)).isEqualTo("""
                wgform will perform the following actions (+ create, ~ update, - destroy):

                # lab-1
                  + private key wg-mgmt (generate key wg-mgmt)
                      /etc/wireguard/keys/wg-mgmt.key
                      public key: (known after apply)
                  + psk wg-mgmt lab-2 (push psk wg-mgmt lab-2)
                      /etc/wireguard/keys/wg-mgmt/lab-2.psk
                      value: (sensitive)
                  ~ /etc/wireguard/wg-mgmt.conf (live sync wg-mgmt)
                      peers changed only: live sync, no restart
                      @@ -5,3 +5,3 @@
                       [Peer]
                       # lab-2
                      -Endpoint = 198.51.100.2:51820
                      +Endpoint = 198.51.100.12:51820
                  ~ /var/lib/wgform/manifest.json
                      ~ /etc/wireguard/wg-mgmt.conf

                # lab-2
                  - /etc/wireguard/wg-old.conf (down wg-old)
                      @@ -1,2 +0,0 @@
                      -[Interface]
                      -PrivateKey = {{wgform-secret}}
                  note: postgresql is not running on lab-2: file only

                # lab-3: unreachable: connection refused

                Plan: 2 to add, 2 to change, 1 to destroy; 1 host could not be planned.
                """);
    }

    @Test
    void colourOnlyWhenAskedFor() {
        String plain = PlanView.render(PlanSamples.sample(), false);
        String colored = PlanView.render(PlanSamples.sample(), true);
        assertThat(plain).doesNotContain("\u001b[");
        assertThat(colored).contains("\u001b[32m+\u001b[0m private key wg-mgmt", "\u001b[33m~\u001b[0m /etc/wireguard/wg-mgmt.conf",
                "\u001b[31m-\u001b[0m /etc/wireguard/wg-old.conf", "\u001b[31m-Endpoint = 198.51.100.2:51820\u001b[0m",
                "\u001b[32m+Endpoint = 198.51.100.12:51820\u001b[0m", "\u001b[36m@@ -5,3 +5,3 @@\u001b[0m",
                "\u001b[31m# lab-3: unreachable: connection refused\u001b[0m");
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void saysSoWhenThereIsNothingToDo() {
        Plan quiet = Plan.of(Instant.EPOCH, "i", "p", List.of(PlanSamples.sample().host("lab-4").orElseThrow()));
        assertThat(PlanView.render(quiet, true)).isEqualTo("\nNo changes. Your hosts match the playbook.\n");
        Plan partly = Plan.of(Instant.EPOCH, "i", "p", List.of(PlanSamples.sample().host("lab-4").orElseThrow(),
                HostPlan.unreachable("lab-5", "timed out"), HostPlan.unreachable("lab-6", "no route")));
        assertThat(PlanView.render(partly, false)).endsWith("""
                # lab-6: unreachable: no route

                No changes on the reachable hosts; 2 hosts could not be planned.
                """).doesNotContain("will perform");
    }
}
