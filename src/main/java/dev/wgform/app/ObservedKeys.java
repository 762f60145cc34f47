package dev.wgform.app;

import dev.wgform.desired.PublicKeys;
import dev.wgform.facts.FileFact;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.KeyFact;
import dev.wgform.model.Plane;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public keys the hosts have now. A host's own key file is the truth; when a host cannot be reached this run,
 * the key its peers' current configs carry for it stands in, so one host being down never drops it from every
 * other host's peers.
 */
final class ObservedKeys implements PublicKeys {
    private final Map<String, String> planeOfInterface = new HashMap<>();
    /** host/plane -> the public key of the host's own key file */
    private final Map<String, String> firstHand = new HashMap<>();
    /** host/plane -> the key its peers' configs carry for it; read only once a host lacks a first-hand key */
    private Map<String, String> secondHand;

    private final Supplier<Map<String, HostFacts>> withTexts;

    /**
     * @param planes    the playbook's planes (to map interface names back to planes)
     * @param facts     what each reachable host reported
     * @param withTexts the same facts with the texts of any files sent as digests, asked for only when a host lacks
     *                  a key of its own
     */
    ObservedKeys(Iterable<Plane> planes, Map<String, HostFacts> facts, Supplier<Map<String, HostFacts>> withTexts) {
        for (Plane p : planes) planeOfInterface.put(p.interfaceName(), p.name());
        this.withTexts = withTexts;
        facts.forEach((host, f) -> {
            for (KeyFact k : f.keys().values()) {
                String plane = planeOfInterface.get(k.interfaceName());
                if (plane != null && !k.publicKey().isBlank()) firstHand.put(host + "/" + plane, k.publicKey());
            }
        });
    }

    @Override
    public Optional<String> of(String host, String plane) {
        String key = firstHand.get(host + "/" + plane);
        return key != null ? Optional.of(key) : Optional.ofNullable(secondHand().get(host + "/" + plane));
    }

    /** Every config's peers, read once: a fleet whose hosts all answered never needs them (a 500-host mesh's are 200 MB). */
    private synchronized Map<String, String> secondHand() {
        if (secondHand == null) {
            secondHand = new HashMap<>();
            for (HostFacts f : withTexts.get().values()) {
                for (FileFact file : f.files().values()) {
                    String iface = interfaceOf(file.path());
                    String plane = iface == null ? null : planeOfInterface.get(iface);
                    if (plane != null && file.exists() && !file.isDigestOnly()) {
                        peersIn(file.content()).forEach((host, key) -> secondHand.put(host + "/" + plane, key));
                    }
                }
            }
        }
        return secondHand;
    }

    /** /etc/wireguard/wg-mgmt.conf -> wg-mgmt; null for other files. */
    private static String interfaceOf(String path) {
        if (!path.startsWith("/etc/wireguard/") || !path.endsWith(".conf")) return null;
        String name = path.substring("/etc/wireguard/".length(), path.length() - ".conf".length());
        return name.contains("/") ? null : name;
    }

    /** Peer host -> public key, from wgform's own rendering: each [Peer] starts with a "# host" comment line. */
    static Map<String, String> peersIn(String config) {
        Map<String, String> out = new HashMap<>();
        String host = null;
        boolean inPeer = false;
        for (String raw : config.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                inPeer = line.equalsIgnoreCase("[Peer]");
                host = null;
            } else if (inPeer && host == null && line.startsWith("#")) {
                host = line.substring(1).strip();
            } else if (inPeer && host != null && line.regionMatches(true, 0, "PublicKey", 0, 9)) {
                int eq = line.indexOf('=');
                String key = eq < 0 ? "" : line.substring(eq + 1).strip();
                if (key.length() == 44 && !key.contains("{")) out.put(host, key);
            }
        }
        return out;
    }
}
