package dev.wgform.apply;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the INSTALL step does on one host, in one script.
 *
 * @param runId        names the backup directory /var/lib/wgform/backup/RUNID (A-Z a-z 0-9 _ . -)
 * @param writes       files to put in place
 * @param deletes      files to remove (backed up first)
 * @param interfaces   interface effects
 * @param services     services to validate and reload, in order
 * @param firewall     the firewall to load, when its files changed
 * @param manifestJson written last to /var/lib/wgform/manifest.json, only when everything succeeded
 * @param systemd      PID 1 is systemd: enable/disable wg-quick@IFACE at boot
 * @param psks         pre-shared keys to write with the files (backed up and rolled back with them, so a failed
 *                     install never leaves a PSK file that disagrees with the config in use)
 * @param tighten      key and PSK files whose mode goes back to 0600
 * @param confirm      the watchdog that undoes a firewall or sshd change unless confirmed ({@link ConfirmWindow})
 */
public record InstallRequest(String runId, List<FileWrite> writes, List<String> deletes, List<InterfaceStep> interfaces,
                             List<ServiceStep> services, Optional<FirewallStep> firewall, String manifestJson,
                             boolean systemd, List<PskPush> psks, List<String> tighten, Optional<ConfirmWindow> confirm) {
    public static final String MANIFEST_PATH = "/var/lib/wgform/manifest.json";

    public InstallRequest {
        Shell.checkRunId(runId);
        writes = List.copyOf(writes);
        deletes = List.copyOf(deletes);
        interfaces = List.copyOf(interfaces);
        services = List.copyOf(services);
        psks = List.copyOf(psks);
        tighten = List.copyOf(tighten);
        for (String t : tighten) Shell.checkPath(t, "key or PSK path");
        if (firewall == null || manifestJson == null) throw new IllegalArgumentException("firewall (Optional) and manifest are required");
        checkPaths(writes, deletes, psks);
        checkInterfaces(interfaces, writes, deletes);
        Set<String> names = new HashSet<>();
        for (ServiceStep s : services) {
            if (!names.add(s.name())) throw new IllegalArgumentException("service listed twice: " + s.name());
        }
        if (confirm == null) throw new IllegalArgumentException("confirm (Optional) is required");
        if (confirm.isPresent()) checkConfirm(confirm.get(), writes, deletes, firewall, names);
    }

    /** Without a confirm window. */
    public InstallRequest(String runId, List<FileWrite> writes, List<String> deletes, List<InterfaceStep> interfaces,
                          List<ServiceStep> services, Optional<FirewallStep> firewall, String manifestJson, boolean systemd,
                          List<PskPush> psks, List<String> tighten) {
        this(runId, writes, deletes, interfaces, services, firewall, manifestJson, systemd, psks, tighten, Optional.empty());
    }

    /** The same request with the watchdog armed before its firewall and sshd effects. */
    public InstallRequest withConfirm(ConfirmWindow window) {
        return new InstallRequest(runId, writes, deletes, interfaces, services, firewall, manifestJson, systemd, psks, tighten,
                Optional.of(window));
    }

    private static void checkConfirm(ConfirmWindow c, List<FileWrite> writes, List<String> deletes, Optional<FirewallStep> firewall,
                                     Set<String> services) {
        Set<String> touched = new HashSet<>(deletes);
        writes.forEach(w -> touched.add(w.path()));
        for (String p : c.paths()) {
            if (!touched.contains(p)) throw new IllegalArgumentException("confirm window guards " + p + ", which this step neither writes nor deletes");
        }
        if (c.firewall() && firewall.isEmpty()) throw new IllegalArgumentException("confirm window reloads a firewall the step does not load");
        for (String s : c.services()) {
            if (!services.contains(s)) throw new IllegalArgumentException("confirm window reloads " + s + ", which the step does not reload");
        }
    }

    /** Without files whose mode to put back. */
    public InstallRequest(String runId, List<FileWrite> writes, List<String> deletes, List<InterfaceStep> interfaces,
                          List<ServiceStep> services, Optional<FirewallStep> firewall, String manifestJson, boolean systemd,
                          List<PskPush> psks) {
        this(runId, writes, deletes, interfaces, services, firewall, manifestJson, systemd, psks, List.of());
    }

    /** Without PSKs. */
    public InstallRequest(String runId, List<FileWrite> writes, List<String> deletes, List<InterfaceStep> interfaces,
                          List<ServiceStep> services, Optional<FirewallStep> firewall, String manifestJson, boolean systemd) {
        this(runId, writes, deletes, interfaces, services, firewall, manifestJson, systemd, List.of());
    }

    private static void checkPaths(List<FileWrite> writes, List<String> deletes, List<PskPush> psks) {
        Set<String> seen = new HashSet<>();
        seen.add(MANIFEST_PATH);
        for (FileWrite w : writes) {
            if (!seen.add(w.path())) throw new IllegalArgumentException("path written twice (or the manifest): " + w.path());
        }
        for (PskPush p : psks) {
            if (!seen.add(p.path())) throw new IllegalArgumentException("path written twice (or the manifest): " + p.path());
        }
        for (String d : deletes) {
            Shell.checkPath(d, "deleted path");
            if (!seen.add(d)) throw new IllegalArgumentException("path both written and deleted (or the manifest): " + d);
        }
        Set<String> deleted = Set.copyOf(deletes);
        for (FileWrite w : writes) {
            for (String key : w.secretPaths()) {
                if (deleted.contains(key)) throw new IllegalArgumentException(w.path() + " needs " + key + ", which is being deleted");
            }
        }
    }

    private static void checkInterfaces(List<InterfaceStep> steps, List<FileWrite> writes, List<String> deletes) {
        Set<String> names = new HashSet<>();
        Set<String> written = new HashSet<>();
        writes.forEach(w -> written.add(w.path()));
        for (InterfaceStep s : steps) {
            if (!names.add(s.iface())) throw new IllegalArgumentException("interface listed twice: " + s.iface());
            boolean down = s.action() == InterfaceAction.DOWN;
            if (down && written.contains(s.configPath())) throw new IllegalArgumentException(s.iface() + " goes down but its config is written");
            if (!down && deletes.contains(s.configPath())) throw new IllegalArgumentException(s.iface() + " stays up but its config is deleted");
        }
    }
}
