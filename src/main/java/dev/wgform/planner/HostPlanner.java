package dev.wgform.planner;

import dev.wgform.desired.HostState;
import dev.wgform.desired.Peer;
import dev.wgform.desired.ServiceState;
import dev.wgform.desired.WgInterface;
import dev.wgform.facts.FileFact;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.KeyFact;
import dev.wgform.facts.LiveInterface;
import dev.wgform.facts.Manifest;
import dev.wgform.model.ServiceKind;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.FileChange;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.ResourceType;
import dev.wgform.render.RenderedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plans one host: desired state and its rendered files against the host's facts. */
final class HostPlanner {
    private static final String WG_DIR = "/etc/wireguard/";
    private static final int SECRET_MODE = 0600;

    private final String host;
    private final Optional<HostState> desired;
    private final Map<String, RenderedFile> rendered = new LinkedHashMap<>();
    private final HostFacts facts;
    private final List<Change> changes = new ArrayList<>();
    private final List<FileChange> managed = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();

    HostPlanner(String host, Optional<HostState> desired, List<RenderedFile> files, HostFacts facts) {
        this.host = host;
        this.desired = desired;
        for (RenderedFile f : files) {
            if (rendered.put(f.path(), f) != null) throw new IllegalArgumentException(host + ": " + f.path() + " is rendered twice");
        }
        this.facts = facts;
    }

    HostPlan plan() {
        Set<String> done = new LinkedHashSet<>();
        desired.ifPresent(d -> {
            for (WgInterface i : d.interfaces()) planInterface(i, done);
        });
        for (RenderedFile f : rendered.values()) {
            if (done.add(f.path())) planFile(f);
        }
        planRemovals();
        changes.add(ManifestRule.change(managed, rendered, facts.manifest()));
        if (!rendered.isEmpty() && !facts.has("wg-quick")) notes.add("wg-quick is not installed on " + host + ": install wireguard-tools first");
        return new HostPlan(host, Optional.empty(), changes, facts.fingerprint(), new ArrayList<>(notes));
    }

    // -- one interface: key, PSKs, config, state

    private void planInterface(WgInterface i, Set<String> done) {
        String iface = i.name();
        boolean running = facts.interfaces().containsKey(iface);
        Optional<KeyFact> key = Optional.ofNullable(facts.keys().get(iface));
        if (key.isEmpty()) {
            List<Effect> effects = new ArrayList<>(List.of(new Effect.GenerateKey(iface, i.privateKeyPath())));
            if (running) effects.add(new Effect.RestartInterface(iface)); // it must pick up its new key
            changes.add(new Change(ResourceType.PRIVATE_KEY, iface, Action.CREATE, Optional.empty(), effects,
                    List.of(i.privateKeyPath(), "public key: " + Redaction.KNOWN_AFTER_APPLY)));
        } else {
            List<String> details = new ArrayList<>(List.of(i.privateKeyPath()));
            if (key.get().publicKeyKnown()) details.add("public key: " + key.get().publicKey());
            changes.add(secretFile(ResourceType.PRIVATE_KEY, iface, i.privateKeyPath(), key.get().mode(), details));
        }

        for (Peer p : i.peers()) {
            if (p.pskPath().isEmpty()) continue;
            String path = p.pskPath().get();
            if (facts.psks().containsKey(path)) {
                changes.add(secretFile(ResourceType.PRESHARED_KEY, pskName(iface, p.host()), path, facts.psks().get(path).mode(),
                        new ArrayList<>(List.of(path))));
            } else {
                changes.add(pskPush(iface, p.host(), path, Action.CREATE, running, List.of(path, "value: (sensitive)")));
            }
        }

        String path = WG_DIR + iface + ".conf";
        RenderedFile file = rendered.get(path);
        if (file == null) return;
        done.add(path);
        FileFact fact = facts.file(path);
        FileDiffs.Outcome outcome = FileDiffs.compare(file, fact);
        managed.add(outcome.file());
        List<String> details = new ArrayList<>(outcome.details());
        List<Effect> effects = outcome.action() == Action.NOOP ? List.of()
                : WgRules.configEffects(iface, outcome, outcome.current(), Redaction.redacted(file.content()),
                running, facts.systemd(), details);
        changes.add(new Change(ResourceType.WG_CONFIG, path, outcome.action(), Optional.of(outcome.file()), effects, details));
        changes.add(interfaceState(iface, outcome, key));
    }

    /** The interface's running state, when its config is already right: down -> up; drifted live peers -> live sync. */
    private Change interfaceState(String iface, FileDiffs.Outcome config, Optional<KeyFact> key) {
        boolean configUnchanged = config.action() == Action.NOOP;
        LiveInterface live = facts.interfaces().get(iface);
        if (configUnchanged && live == null) {
            return new Change(ResourceType.INTERFACE, iface, Action.UPDATE, Optional.empty(), List.of(new Effect.UpInterface(iface)),
                    List.of(iface + " is down"));
        }
        if (configUnchanged) {
            List<String> drift = WgRules.liveDrift(config.current(), live, key);
            if (!drift.isEmpty()) {
                return new Change(ResourceType.INTERFACE, iface, Action.UPDATE, Optional.empty(), List.of(new Effect.LiveSync(iface)), drift);
            }
        }
        return new Change(ResourceType.INTERFACE, iface, Action.NOOP, Optional.empty(), List.of(), List.of());
    }

    static String pskName(String iface, String peer) {
        return "psk " + iface + " " + peer;
    }

    /** A key or PSK file that is there: nothing to do, unless someone loosened its mode (it must be 0600). */
    private static Change secretFile(ResourceType type, String name, String path, int mode, List<String> details) {
        if (mode == KeyFact.UNKNOWN_MODE || mode == SECRET_MODE) return new Change(type, name, Action.NOOP, Optional.empty(), List.of(), details);
        details.add("mode " + String.format("%04o", mode) + " -> 0600");
        return new Change(type, name, Action.UPDATE, Optional.empty(), List.of(new Effect.TightenMode(path)), details);
    }

    static Change pskPush(String iface, String peer, String path, Action action, boolean running, List<String> details) {
        List<Effect> effects = new ArrayList<>(List.of(new Effect.PushPsk(iface, peer, path)));
        if (running) effects.add(new Effect.LiveSync(iface));
        return new Change(ResourceType.PRESHARED_KEY, pskName(iface, peer), action, Optional.empty(), effects, details);
    }

    // -- other rendered files: firewall and services

    private void planFile(RenderedFile file) {
        FileDiffs.Outcome outcome = FileDiffs.compare(file, facts.file(file.path()));
        managed.add(outcome.file());
        List<String> details = new ArrayList<>(outcome.details());
        List<Effect> effects = outcome.contentChanged() ? effectsOf(file) : List.of();
        ResourceType type = file.kind().equals("firewall") ? ResourceType.FIREWALL : ResourceType.SERVICE_CONFIG;
        Action action = outcome.action();
        if (outcome.action() != Action.CREATE && !outcome.contentChanged()) {
            // the file is as rendered, but what runs from it may not be: repair that by loading or reloading again
            // (a stopped service too, so not through onlyIfRunning)
            Optional<ServiceState> bound = type == ResourceType.FIREWALL ? Optional.empty() : boundService(file);
            List<String> live = type == ResourceType.FIREWALL ? LiveRules.firewall(file.path(), facts)
                    : bound.map(sv -> LiveRules.service(sv, desired.get().host(), facts, installed(file.path()))).orElse(List.of());
            if (!live.isEmpty()) {
                details.addAll(live);
                effects = bound.isPresent() ? ServiceRules.effects(bound.get()) : effectsOf(file);
                if (action == Action.NOOP) action = Action.UPDATE;
            }
        }
        changes.add(new Change(type, file.path(), action, Optional.of(outcome.file()), effects, details));
    }

    private Optional<ServiceState> boundService(RenderedFile file) {
        return desired.flatMap(d -> d.services().stream().filter(s -> s.destination().equals(file.path())).findFirst());
    }

    /** wgform installed this file before (so the service it binds was meant to run with it). */
    private boolean installed(String path) {
        return facts.manifest().map(m -> m.files().stream().anyMatch(f -> f.path().equals(path))).orElse(false);
    }

    private List<Effect> effectsOf(RenderedFile file) {
        if (file.kind().equals("firewall")) {
            return List.of(new Effect.LoadFirewall(desired.map(d -> d.firewall().backend().yamlName()).orElse(backendOf(file.path()))));
        }
        Optional<ServiceState> service = boundService(file);
        if (service.isEmpty()) return List.of();
        return onlyIfRunning(service.get(), ServiceRules.effects(service.get()));
    }

    /**
     * A service that is not running keeps its new file for its next start; there is nothing to reload. A custom
     * service's reload command is the user's own way to (re)start it, so it always runs.
     */
    private List<Effect> onlyIfRunning(ServiceState service, List<Effect> effects) {
        if (service.kind() == ServiceKind.CUSTOM) return effects;
        return onlyIfRunning(service.name(), effects);
    }

    private List<Effect> onlyIfRunning(String service, List<Effect> effects) {
        if (effects.isEmpty() || !Boolean.FALSE.equals(facts.services().get(service))) return effects;
        notes.add(service + " is not running on " + host + ": file only");
        return List.of();
    }

    // -- files wgform installed that are no longer wanted

    private void planRemovals() {
        if (facts.manifest().isEmpty()) return;
        for (Manifest.ManagedFile m : facts.manifest().get().files()) {
            if (rendered.containsKey(m.path())) continue;
            FileFact fact = facts.file(m.path());
            List<Effect> effects = new ArrayList<>();
            ResourceType type;
            if (m.kind().equals("wg")) {
                type = ResourceType.WG_CONFIG;
                String iface = interfaceOf(m.path());
                if (iface != null) effects.add(new Effect.DownInterface(iface));
            } else if (m.kind().equals("firewall")) {
                type = ResourceType.FIREWALL;
                effects.add(new Effect.LoadFirewall(backendOf(m.path())));
            } else {
                type = ResourceType.SERVICE_CONFIG;
                ServiceRules.serviceOfKind(m.kind()).ifPresent(s -> effects.addAll(onlyIfRunning(s, ServiceRules.effectsOfRemoved(s))));
            }
            if (fact.exists()) {
                List<String> details = new ArrayList<>();
                if (type == ResourceType.WG_CONFIG) details.add("its key files stay in /etc/wireguard/keys");
                changes.add(new Change(type, m.path(), Action.DELETE, Optional.of(FileDiffs.deletion(fact, m.kind())), effects, details));
            } else if (type == ResourceType.WG_CONFIG && interfaceOf(m.path()) != null && facts.interfaces().containsKey(interfaceOf(m.path()))) {
                // the file is gone already but the interface still runs
                changes.add(new Change(ResourceType.INTERFACE, interfaceOf(m.path()), Action.DELETE, Optional.empty(), effects,
                        List.of(m.path() + " is gone already")));
            }
        }
    }

    /** /etc/wireguard/wg-mgmt.conf -> wg-mgmt; null for other paths. */
    static String interfaceOf(String path) {
        if (!path.startsWith(WG_DIR) || !path.endsWith(".conf")) return null;
        String name = path.substring(WG_DIR.length(), path.length() - ".conf".length());
        return name.isEmpty() || name.contains("/") ? null : name;
    }

    private static String backendOf(String path) {
        return path.startsWith("/etc/firewalld/") ? "firewalld" : "nftables";
    }
}
