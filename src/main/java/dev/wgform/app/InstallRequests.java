package dev.wgform.app;

import dev.wgform.apply.ConfirmWindow;
import dev.wgform.apply.FileWrite;
import dev.wgform.apply.FirewallStep;
import dev.wgform.apply.InstallRequest;
import dev.wgform.apply.InterfaceAction;
import dev.wgform.apply.InterfaceStep;
import dev.wgform.apply.PskPush;
import dev.wgform.apply.ServiceStep;
import dev.wgform.desired.HostState;
import dev.wgform.desired.ServiceState;
import dev.wgform.desired.WgInterface;
import dev.wgform.facts.FactRequests;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.Manifest;
import dev.wgform.model.ServiceKind;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.Effect;
import dev.wgform.plan.HostPlan;
import dev.wgform.planner.Planner;
import dev.wgform.render.RenderedFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns one host's plan into the install step that carries it out: files, then only the effects the plan asks for. */
final class InstallRequests {
    static final String NFTABLES_FILE = FactRequests.NFTABLES_FILE;
    static final String NFTABLES_TABLE = FactRequests.NFTABLES_TABLE;

    private InstallRequests() {}

    static InstallRequest from(String runId, HostPlan plan, HostState desired, List<RenderedFile> rendered, HostFacts facts,
                               List<PskPush> psks) {
        return from(runId, plan, desired, rendered, facts, psks, 0);
    }

    /**
     * @param confirmSeconds the confirm window for a firewall or sshd change ({@link ConfirmWindow}); 0 for none
     */
    static InstallRequest from(String runId, HostPlan plan, HostState desired, List<RenderedFile> rendered, HostFacts facts,
                               List<PskPush> psks, int confirmSeconds) {
        Map<String, RenderedFile> byPath = new LinkedHashMap<>();
        for (RenderedFile f : rendered) byPath.put(f.path(), f);

        List<FileWrite> writes = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        Map<String, InterfaceAction> ifaceActions = new LinkedHashMap<>();
        Map<String, Boolean> enable = new LinkedHashMap<>();
        java.util.Set<String> servicesToReload = new java.util.LinkedHashSet<>();
        Optional<FirewallStep> firewall = Optional.empty();
        List<String> tighten = new ArrayList<>();
        Map<String, String> kindByPath = new LinkedHashMap<>();
        java.util.Set<String> sshd = new java.util.HashSet<>();

        for (Change c : plan.actionable()) {
            if (c.file().isPresent()) {
                String path = c.file().get().path();
                kindByPath.put(path, c.file().get().kind());
                if (c.action() == Action.DELETE) {
                    deletes.add(path);
                } else {
                    RenderedFile f = byPath.get(path);
                    if (f == null) throw new IllegalStateException(plan.host() + ": the plan writes " + path + " which was not rendered");
                    writes.add(new FileWrite(f.path(), f.content(), f.mode(), f.kind()));
                }
            }
            for (Effect e : c.effects()) {
                if (e instanceof Effect.UpInterface) merge(ifaceActions, ((Effect.UpInterface) e).iface(), InterfaceAction.UP);
                else if (e instanceof Effect.RestartInterface) merge(ifaceActions, ((Effect.RestartInterface) e).iface(), InterfaceAction.RESTART);
                else if (e instanceof Effect.LiveSync) merge(ifaceActions, ((Effect.LiveSync) e).iface(), InterfaceAction.LIVE_SYNC);
                else if (e instanceof Effect.DownInterface) merge(ifaceActions, ((Effect.DownInterface) e).iface(), InterfaceAction.DOWN);
                else if (e instanceof Effect.EnableAtBoot) enable.put(((Effect.EnableAtBoot) e).iface(), true);
                // whether a service reloads or restarts is the service's own nature (ServiceCommands)
                else if (e instanceof Effect.ReloadService) servicesToReload.add(((Effect.ReloadService) e).service());
                else if (e instanceof Effect.RestartService) servicesToReload.add(((Effect.RestartService) e).service());
                else if (e instanceof Effect.LoadFirewall) firewall = Optional.of(firewallStep(((Effect.LoadFirewall) e).backend(), deletes));
                else if (e instanceof Effect.TightenMode) tighten.add(((Effect.TightenMode) e).path());
            }
        }

        List<InterfaceStep> interfaces = new ArrayList<>();
        ifaceActions.forEach((iface, action) -> interfaces.add(new InterfaceStep(iface, action,
                action != InterfaceAction.DOWN && enable.getOrDefault(iface, false) && facts.systemd(), expectedPeers(desired, iface))));

        List<ServiceStep> services = new ArrayList<>();
        for (String name : servicesToReload) {
            Optional<ServiceState> s = serviceOf(desired, name);
            if (s.isPresent()) {
                if (s.get().kind() == ServiceKind.SSHD) sshd.add(name);
                services.add(ServiceCommands.step(s.get().name(), s.get().kind(), facts.systemd(),
                        s.get().custom().flatMap(c -> c.validate()), s.get().custom().flatMap(c -> c.reload())));
            } else if (name.equals("sshd")) { // the binding was removed: sshd reloads without wgform's drop-in
                services.add(ServiceCommands.step("sshd", ServiceKind.SSHD, facts.systemd(), Optional.empty(), Optional.empty()));
                sshd.add("sshd");
            }
        }

        InstallRequest request = new InstallRequest(runId, writes, deletes, interfaces, services, firewall, manifestJson(rendered),
                facts.systemd(), psks, tighten);
        // the changes that can cut wgform off the host undo themselves unless a new session confirms them
        Optional<ConfirmWindow> window = ConfirmWindow.forStep(confirmSeconds, kindByPath, firewall, services, sshd);
        return window.isPresent() ? request.withConfirm(window.get()) : request;
    }

    /** One step per interface: the strongest of what the changes ask (down > restart > up > live sync). */
    private static void merge(Map<String, InterfaceAction> actions, String iface, InterfaceAction wanted) {
        actions.merge(iface, wanted, (a, b) -> strength(a) >= strength(b) ? a : b);
    }

    private static int strength(InterfaceAction a) {
        switch (a) {
            case DOWN: return 4;
            case RESTART: return 3;
            case UP: return 2;
            default: return 1;
        }
    }

    private static FirewallStep firewallStep(String backend, List<String> deletes) {
        if (backend.equals("firewalld")) return FirewallStep.firewalld();
        return deletes.contains(NFTABLES_FILE)
                ? FirewallStep.nftablesRemoved(NFTABLES_FILE, NFTABLES_TABLE)
                : FirewallStep.nftables(NFTABLES_FILE, NFTABLES_TABLE);
    }

    private static int expectedPeers(HostState desired, String iface) {
        for (WgInterface i : desired.interfaces()) if (i.name().equals(iface)) return i.peers().size();
        return 0;
    }

    private static Optional<ServiceState> serviceOf(HostState desired, String name) {
        return desired.services().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The manifest: every file wgform manages on the host, so a file dropped from the playbook is removed later. */
    static String manifestJson(List<RenderedFile> rendered) {
        List<Manifest.ManagedFile> files = new ArrayList<>();
        // the hash the fact script will report for the installed file, so drift shows straight from the manifest
        for (RenderedFile f : rendered) files.add(new Manifest.ManagedFile(f.path(), f.kind(), Planner.installedSha256(f)));
        return new Manifest(Manifest.CURRENT_VERSION, files).toJson();
    }
}
