package dev.wgform.view;

import dev.wgform.drift.DriftItem;
import dev.wgform.drift.DriftKind;
import dev.wgform.drift.DriftReport;
import dev.wgform.drift.HostStatus;
import dev.wgform.drift.KeyAge;
import dev.wgform.drift.PeerHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Drift reports built by hand for the drift and status views. */
final class DriftSamples {
    static final long NOW = 1_735_787_045L; // 2025-01-02T03:04:05Z
    static final long STALE_AFTER = 180;
    static final String DIFF = """
            --- /etc/wireguard/wg-mgmt.conf (playbook)
            +++ /etc/wireguard/wg-mgmt.conf (lab-1)
            @@ -5,3 +5,3 @@
             [Peer]
             # lab-2
            -Endpoint = 198.51.100.2:51820
            +Endpoint = 198.51.100.12:51820
            """;

    private DriftSamples() {}

    /**
     * Four hosts: lab-1 with a hand-edited file and a missing peer, lab-2 clean, lab-3 unreachable, lab-4 clean.
     * Plane mgmt has fresh, old (no keepalive), stale and never-seen peers and an unknown key; plane app only keys.
     */
    static DriftReport withDrift() {
        List<HostStatus> hosts = List.of(reachable("lab-1"), reachable("lab-2"),
                new HostStatus("lab-3", false, "connection refused"), reachable("lab-4"));
        List<DriftItem> items = List.of(
                new DriftItem("lab-1", DriftKind.FILE, "/etc/wireguard/wg-mgmt.conf", "edited by hand",
                        List.of("changed outside wgform; apply restores it"), Optional.of(DIFF)),
                new DriftItem("lab-1", DriftKind.PEERS, "wg-mgmt", "peer lab-3 is missing", List.of(), Optional.empty()),
                new DriftItem("lab-3", DriftKind.UNREACHABLE, "", "connection refused", List.of(), Optional.empty()));
        List<PeerHealth> peers = List.of(
                peer("mgmt", "lab-1", "lab-2", 12, true, false),
                peer("mgmt", "lab-1", "lab-4", 200, false, false),
                peer("mgmt", "lab-2", "lab-1", 15, true, false),
                never("mgmt", "lab-2", "lab-4", true),
                peer("mgmt", "lab-4", "lab-1", 7300, true, true),
                never("mgmt", "lab-4", "xTIBA5rb…", false));
        List<KeyAge> keys = List.of(new KeyAge("mgmt", "lab-1", 259_200), new KeyAge("mgmt", "lab-2", 259_300),
                new KeyAge("mgmt", "lab-4", 90_000), new KeyAge("app", "lab-1", 3_600));
        return new DriftReport(NOW, STALE_AFTER, List.of("mgmt", "app"), hosts, items, peers, keys);
    }

    /** Eight reachable hosts, nothing drifted, two hosts with fresh handshakes. */
    static DriftReport clean() {
        List<HostStatus> hosts = new ArrayList<>();
        for (int i = 1; i <= 8; i++) hosts.add(reachable("lab-" + i));
        List<PeerHealth> peers = List.of(peer("mgmt", "lab-1", "lab-2", 5, true, false),
                peer("mgmt", "lab-2", "lab-1", 5, true, false));
        return new DriftReport(NOW, STALE_AFTER, List.of("mgmt"), hosts, List.of(), peers,
                List.of(new KeyAge("mgmt", "lab-1", 60), new KeyAge("mgmt", "lab-2", 60)));
    }

    /** Names and texts that need escaping in every format: quotes, angle brackets, ampersands, backslashes, a newline. */
    static final String EVIL_HOST = "ev\"il<b>&'x\\y";
    static final String EVIL_PEER = "pe\ner</td>";

    static DriftReport evil() {
        List<HostStatus> hosts = List.of(reachable(EVIL_HOST), new HostStatus("down\"1", false, "refused <\"here\">"));
        List<DriftItem> items = List.of(
                new DriftItem(EVIL_HOST, DriftKind.FILE, "/etc/<x>&.conf", "edited <script>alert(1)</script>",
                        List.of("detail \"quoted\" & <tagged>"), Optional.of("@@ -1 +1 @@\n-</pre><b>old\n+new & \"q\"\n")),
                new DriftItem("down\"1", DriftKind.UNREACHABLE, "", "refused <\"here\">", List.of(), Optional.empty()));
        List<PeerHealth> peers = List.of(new PeerHealth("pl<a>ne\"", EVIL_HOST, EVIL_PEER, OptionalLong.of(3), 1, 2,
                Optional.of("[fd00::1]:51820"), true, false));
        return new DriftReport(NOW, STALE_AFTER, List.of("pl<a>ne\""), hosts, items, peers,
                List.of(new KeyAge("pl<a>ne\"", EVIL_HOST, 10)));
    }

    static HostStatus reachable(String host) {
        return new HostStatus(host, true, "");
    }

    static PeerHealth peer(String plane, String host, String peer, long age, boolean keepalive, boolean stale) {
        return new PeerHealth(plane, host, peer, OptionalLong.of(age), 1000 + age, 2000 + age,
                Optional.of("198.51.100." + (peer.hashCode() & 0x7f) + ":51820"), keepalive, stale);
    }

    static PeerHealth never(String plane, String host, String peer, boolean keepalive) {
        return new PeerHealth(plane, host, peer, OptionalLong.empty(), 0, 148, Optional.empty(), keepalive, true);
    }
}
