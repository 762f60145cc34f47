package dev.wgform.planner;

import dev.wgform.crypto.WgKeys;
import dev.wgform.facts.KeyFact;
import dev.wgform.facts.LiveInterface;
import dev.wgform.facts.LivePeer;
import dev.wgform.model.Cidr;
import dev.wgform.plan.Action;
import dev.wgform.plan.Effect;
import dev.wgform.wgconf.WgQuickFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * What a wg-quick config change means for its interface: peers only -> {@code wg syncconf} (tunnels stay up);
 * [Interface] -> restart that interface; new -> up (and enabled at boot under systemd); down -> up.
 */
final class WgRules {
    private WgRules() {}

    /**
     * Effects of a created or updated config, with a detail line saying why.
     *
     * @param oldText the host's file, redacted (empty when it is new)
     * @param newText the rendered file, redacted
     */
    static List<Effect> configEffects(String iface, FileDiffs.Outcome outcome, String oldText, String newText, boolean running,
                                      boolean systemd, List<String> details) {
        List<Effect> effects = new ArrayList<>();
        if (outcome.action() == Action.CREATE) {
            if (running) {
                details.add(iface + " is running without this file: restart");
                effects.add(new Effect.RestartInterface(iface));
            } else {
                effects.add(new Effect.UpInterface(iface));
            }
            if (systemd) effects.add(new Effect.EnableAtBoot(iface));
            return effects;
        }
        if (!outcome.contentChanged()) {
            if (!running) effects.add(new Effect.UpInterface(iface));
            return effects;
        }
        Scope scope = scope(oldText, newText, details);
        if (!running) {
            details.add(iface + " is down");
            effects.add(new Effect.UpInterface(iface));
        } else if (scope == Scope.INTERFACE) {
            effects.add(new Effect.RestartInterface(iface));
        } else if (scope == Scope.PEERS) {
            effects.add(new Effect.LiveSync(iface));
        }
        return effects;
    }

    private enum Scope { INTERFACE, PEERS, COMMENTS }

    private static Scope scope(String oldText, String newText, List<String> details) {
        Sections before = Sections.of(oldText);
        Sections after = Sections.of(newText);
        Map<String, List<String>> oldInterface;
        try {
            oldInterface = WgQuickFile.parse(before.interfaceText).interfaceFields();
        } catch (IllegalArgumentException e) {
            details.add("the host's file does not parse (" + e.getMessage() + "): restart");
            return Scope.INTERFACE;
        }
        if (!oldInterface.equals(WgQuickFile.parse(after.interfaceText).interfaceFields())) {
            details.add("[Interface] changed: restart");
            return Scope.INTERFACE;
        }
        if (!before.peerLines.equals(after.peerLines)) {
            details.add("peers changed only: live sync, no restart");
            return Scope.PEERS;
        }
        details.add("comments only: the interface is left alone");
        return Scope.COMMENTS;
    }

    /**
     * A config cut where its first [Peer] begins: the [Interface] part (parsed, it is small) and the peers' lines
     * without comments and blanks (compared as text: 1000-peer files are common, and any difference there means a
     * live sync).
     */
    private static final class Sections {
        final String interfaceText;
        final List<String> peerLines = new ArrayList<>();

        private Sections(String interfaceText) {
            this.interfaceText = interfaceText;
        }

        static Sections of(String text) {
            int n = text.length();
            Sections out = null;
            for (int start = 0; start < n; ) {
                int nl = text.indexOf('\n', start);
                int end = nl < 0 ? n : nl;
                int hash = text.indexOf('#', start);
                String line = text.substring(start, hash >= 0 && hash < end ? hash : end).trim();
                if (out == null && line.startsWith("[") && !line.equalsIgnoreCase("[Interface]")) out = new Sections(text.substring(0, start));
                if (out != null && !line.isEmpty()) out.peerLines.add(line);
                start = end + 1;
            }
            return out != null ? out : new Sections(text);
        }
    }

    /**
     * How a running interface differs from its (unchanged) config: peers added or removed or re-routed with
     * {@code wg set}, another listen port, another private key. Empty when it matches, or when the config has a
     * peer whose public key is not known yet (then there is nothing to compare with).
     */
    static List<String> liveDrift(String configText, LiveInterface live, Optional<KeyFact> key) {
        ConfigPeers config = ConfigPeers.of(configText);
        if (!config.complete()) return List.of();
        Map<String, List<String>> wanted = config.routes();
        Map<String, List<String>> running = new HashMap<>(live.peers().size() * 2);
        for (LivePeer p : live.peers()) {
            List<String> before = running.putIfAbsent(p.publicKey(), p.allowedIps());
            if (before != null) { // wg lists a key once; a second line is unexpected, and adds up
                List<String> both = new ArrayList<>(before);
                both.addAll(p.allowedIps());
                running.put(p.publicKey(), both);
            }
        }

        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, List<String>> w : wanted.entrySet()) {
            List<String> have = running.get(w.getKey());
            if (have == null) {
                drift.add("live: peer " + WgKeys.shortForm(w.getKey()) + " is missing");
            } else if (!sameRoutes(have, w.getValue())) {
                drift.add("live: peer " + WgKeys.shortForm(w.getKey()) + " has allowed IPs " + String.join(",", normalised(have))
                        + " instead of " + String.join(",", normalised(w.getValue())));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : running.keySet()) if (!wanted.containsKey(k)) unexpected.add(k);
        unexpected.sort(null);
        for (String k : unexpected) drift.add("live: unexpected peer " + WgKeys.shortForm(k));
        OptionalInt port = config.listenPort();
        if (port.isPresent() && live.listenPort().isPresent() && port.getAsInt() != live.listenPort().getAsInt()) {
            drift.add("live: listening on " + live.listenPort().getAsInt() + " instead of " + port.getAsInt());
        }
        if (key.isPresent() && key.get().publicKeyKnown() && !live.publicKey().isBlank()
                && !live.publicKey().equals(key.get().publicKey())) {
            drift.add("live: running with public key " + WgKeys.shortForm(live.publicKey()) + ", its key file has "
                    + WgKeys.shortForm(key.get().publicKey()));
        }
        return drift;
    }

    /** Equal as sets; parsed only when the texts differ (wg prints IPv6 and host bits its own way). */
    private static boolean sameRoutes(List<String> a, List<String> b) {
        if (a.equals(b) || new TreeSet<>(a).equals(new TreeSet<>(b))) return true;
        return normalised(a).equals(normalised(b));
    }

    private static TreeSet<String> normalised(List<String> cidrs) {
        TreeSet<String> out = new TreeSet<>();
        for (String c : cidrs) out.add(Cidr.parse(c).map(Cidr::toString).orElse(c.trim()));
        return out;
    }

}
