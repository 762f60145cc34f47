package dev.wgform.planner;

import dev.wgform.facts.KeyFact;
import dev.wgform.facts.LiveInterface;
import dev.wgform.facts.LivePeer;
import dev.wgform.model.Cidr;
import dev.wgform.plan.Action;
import dev.wgform.plan.Effect;
import dev.wgform.wgconf.PeerSection;
import dev.wgform.wgconf.WgQuickFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
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
        WgQuickFile before;
        WgQuickFile after;
        try {
            before = WgQuickFile.parse(oldText);
        } catch (IllegalArgumentException e) {
            details.add("the host's file does not parse (" + e.getMessage() + "): restart");
            return Scope.INTERFACE;
        }
        after = WgQuickFile.parse(newText);
        if (!before.interfaceFields().equals(after.interfaceFields())) {
            details.add("[Interface] changed: restart");
            return Scope.INTERFACE;
        }
        if (!peerFields(before).equals(peerFields(after))) {
            details.add("peers changed only: live sync, no restart");
            return Scope.PEERS;
        }
        details.add("comments only: the interface is left alone");
        return Scope.COMMENTS;
    }

    private static List<Map<String, List<String>>> peerFields(WgQuickFile f) {
        List<Map<String, List<String>>> out = new ArrayList<>();
        for (PeerSection p : f.peers()) out.add(p.fields());
        return out;
    }

    /**
     * How a running interface differs from its (unchanged) config: peers added or removed or re-routed with
     * {@code wg set}, another listen port, another private key. Empty when it matches, or when the config has a
     * peer whose public key is not known yet (then there is nothing to compare with).
     */
    static List<String> liveDrift(String configText, LiveInterface live, Optional<KeyFact> key) {
        WgQuickFile config;
        try {
            config = WgQuickFile.parse(configText);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        Map<String, TreeSet<String>> wanted = new TreeMap<>();
        for (PeerSection p : config.peers()) {
            Optional<String> k = p.publicKey();
            if (k.isEmpty() || k.get().contains("{{")) return List.of();
            wanted.computeIfAbsent(k.get(), x -> new TreeSet<>()).addAll(normalised(p.allowedIps()));
        }
        Map<String, TreeSet<String>> running = new TreeMap<>();
        for (LivePeer p : live.peers()) running.computeIfAbsent(p.publicKey(), x -> new TreeSet<>()).addAll(normalised(p.allowedIps()));

        List<String> drift = new ArrayList<>();
        for (String k : wanted.keySet()) {
            if (!running.containsKey(k)) drift.add("live: peer " + shortKey(k) + " is missing");
            else if (!running.get(k).equals(wanted.get(k))) {
                drift.add("live: peer " + shortKey(k) + " has allowed IPs " + String.join(",", running.get(k))
                        + " instead of " + String.join(",", wanted.get(k)));
            }
        }
        for (String k : running.keySet()) if (!wanted.containsKey(k)) drift.add("live: unexpected peer " + shortKey(k));
        OptionalInt port = config.first("ListenPort").flatMap(WgRules::number).map(OptionalInt::of).orElse(OptionalInt.empty());
        if (port.isPresent() && live.listenPort().isPresent() && port.getAsInt() != live.listenPort().getAsInt()) {
            drift.add("live: listening on " + live.listenPort().getAsInt() + " instead of " + port.getAsInt());
        }
        if (key.isPresent() && key.get().publicKeyKnown() && !live.publicKey().isBlank()
                && !live.publicKey().equals(key.get().publicKey())) {
            drift.add("live: running with public key " + shortKey(live.publicKey()) + ", its key file has "
                    + shortKey(key.get().publicKey()));
        }
        return drift;
    }

    private static Optional<Integer> number(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> normalised(List<String> cidrs) {
        List<String> out = new ArrayList<>();
        for (String c : cidrs) out.add(Cidr.parse(c).map(Cidr::toString).orElse(c.trim()));
        return out;
    }

    /** Enough of a public key to tell peers apart in a message: "AbCdEfGh…". */
    static String shortKey(String key) {
        return key.length() <= 8 ? key : key.substring(0, 8) + "…";
    }
}
