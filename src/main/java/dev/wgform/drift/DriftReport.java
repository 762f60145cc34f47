package dev.wgform.drift;

import java.util.List;

/**
 * The result of one drift or status pass over the fleet: which hosts were reached, every difference between
 * intent and reality, and the live health of every peer. Its JSON form ({@code version} {@value #SCHEMA_VERSION})
 * is documented in the README.
 *
 * @param timestampEpoch    when the pass ran (workstation clock, seconds since the epoch)
 * @param staleAfterSeconds a kept-alive peer whose handshake is older than this is stale
 * @param planes            the playbook's planes, in playbook order (for tables and the heat map)
 * @param hosts             every host of the run, in inventory order
 * @param items             every difference found, by host then kind
 * @param peers             every running interface's peers, by plane then host
 * @param keyAges           every private key's age, by plane then host
 */
public record DriftReport(long timestampEpoch, long staleAfterSeconds, List<String> planes, List<HostStatus> hosts,
                          List<DriftItem> items, List<PeerHealth> peers, List<KeyAge> keyAges) {
    public static final int SCHEMA_VERSION = 1;

    public DriftReport {
        planes = List.copyOf(planes);
        hosts = List.copyOf(hosts);
        items = List.copyOf(items);
        peers = List.copyOf(peers);
        keyAges = List.copyOf(keyAges);
    }

    public boolean hasDrift() {
        return !items.isEmpty();
    }
}
