package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.drift.DriftItem;
import dev.wgform.drift.DriftKind;
import dev.wgform.drift.DriftReport;
import dev.wgform.drift.HostStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftViewTest {
    @Test
    void listsEachDriftedHostWithItsItemsDetailsAndDiffThenTheSummary() {
        assertThat(DriftView.render(DriftSamples.withDrift(), false)).isEqualTo("""
                wgform found these differences from the playbook (! drifted):

                # lab-1
                  ! file /etc/wireguard/wg-mgmt.conf: edited by hand
                      changed outside wgform; apply restores it
                      @@ -5,3 +5,3 @@
                       [Peer]
                       # lab-2
                      -Endpoint = 198.51.100.2:51820
                      +Endpoint = 198.51.100.12:51820
                  ! peers wg-mgmt: peer lab-3 is missing

                # lab-3: unreachable: connection refused

                Drift: 3 resources on 2 hosts (file 1, peers 1, unreachable 1).
                """);
    }

    @Test
    void colourOnlyWhenAskedFor() {
        String plain = DriftView.render(DriftSamples.withDrift(), false);
        String colored = DriftView.render(DriftSamples.withDrift(), true);
        assertThat(plain).doesNotContain("\u001b[");
        assertThat(colored).contains("\u001b[1m# lab-1\u001b[0m", "  \u001b[33m!\u001b[0m file /etc/wireguard/wg-mgmt.conf",
                "\u001b[31m-Endpoint = 198.51.100.2:51820\u001b[0m", "\u001b[32m+Endpoint = 198.51.100.12:51820\u001b[0m",
                "\u001b[36m@@ -5,3 +5,3 @@\u001b[0m", "\u001b[31m# lab-3: unreachable: connection refused\u001b[0m",
                "       [Peer]\n"); // context lines stay plain
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void saysSoWhenNothingDrifted() {
        assertThat(DriftView.render(DriftSamples.clean(), true)).isEqualTo("\nNo drift. 8 hosts match the playbook.\n");
        DriftReport one = new DriftReport(1, 60, List.of(), List.of(DriftSamples.reachable("solo")), List.of(), List.of(), List.of());
        assertThat(DriftView.render(one, false)).isEqualTo("\nNo drift. 1 host matches the playbook.\n");
    }

    @Test
    void neverClaimsNoDriftWhileAHostCouldNotBeRead() {
        DriftReport r = new DriftReport(1, 60, List.of(), List.of(DriftSamples.reachable("lab-1"),
                new HostStatus("lab-2", false, "timed out")), List.of(), List.of(), List.of());
        assertThat(DriftView.render(r, false)).isEqualTo("""

                # lab-2: unreachable: timed out

                No drift on the reachable hosts; 1 host could not be read.
                """);
    }

    @Test
    void singularCountsAndAHeaderlessDiffAreKeptWhole() {
        DriftItem item = new DriftItem("lab-2", DriftKind.FIREWALL, "inet wgform", "table differs",
                List.of(), Optional.of("@@ -1 +1 @@\n-old rule\n+new rule"));
        DriftReport r = new DriftReport(1, 60, List.of(), List.of(DriftSamples.reachable("lab-1"), DriftSamples.reachable("lab-2")),
                List.of(item), List.of(), List.of());
        assertThat(DriftView.render(r, false)).isEqualTo("""
                wgform found these differences from the playbook (! drifted):

                # lab-2
                  ! firewall inet wgform: table differs
                      @@ -1 +1 @@
                      -old rule
                      +new rule

                Drift: 1 resource on 1 host (firewall 1).
                """);
    }

    @Test
    void anUnreachableItemWithMoreToSayKeepsItsDetailsAndOtherItemsOfTheHostAppear() {
        List<DriftItem> items = List.of(
                new DriftItem("lab-3", DriftKind.UNREACHABLE, "", "ssh: auth failed", List.of("key ~/.ssh/id_ed25519 refused"), Optional.empty()),
                new DriftItem("lab-3", DriftKind.KEY_AGE, "mgmt", "key is 120 days old", List.of(), Optional.empty()),
                new DriftItem("lab-9", DriftKind.SERVICE, "sshd", "not listening on 10.200.0.9:22", List.of(), Optional.empty()));
        DriftReport r = new DriftReport(1, 60, List.of(), List.of(new HostStatus("lab-3", false, "ssh: auth failed")),
                items, List.of(), List.of());
        assertThat(DriftView.render(r, false)).isEqualTo("""
                wgform found these differences from the playbook (! drifted):

                # lab-3: unreachable: ssh: auth failed
                      key ~/.ssh/id_ed25519 refused
                  ! key_age mgmt: key is 120 days old

                # lab-9
                  ! service sshd: not listening on 10.200.0.9:22

                Drift: 3 resources on 2 hosts (service 1, key_age 1, unreachable 1).
                """);
    }
}
