package dev.wgform.render;

import dev.wgform.desired.FirewallState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.ServiceState;
import dev.wgform.desired.WgInterface;
import dev.wgform.model.FirewallSettings;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.ServiceKind;
import dev.wgform.model.SourceRef;
import freemarker.template.TemplateHashModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a host's desired state into the files wgform manages on it, from FreeMarker templates: the built-in
 * ones in the jar, each overridable by a file of the same name in a user directory ({@code --templates DIR}).
 * Thread-safe: one renderer can render many hosts in parallel.
 */
public final class Renderer {
    static final int PRIVATE = 0600;
    static final int READABLE = 0644;

    private final TemplateEngine engine;
    private final PeerModels peerModels = new PeerModels();

    /** @param templatesDir a directory whose templates replace built-in ones of the same name, file by file */
    public Renderer(Optional<Path> templatesDir) {
        this.engine = new TemplateEngine(templatesDir);
    }

    /**
     * The host's files: one wg-quick config per plane interface, the firewall, then the service drop-ins.
     *
     * @throws InvalidInputException a template is missing or broken (file and line named), or a value cannot be
     *                               written safely into its file
     */
    public List<RenderedFile> render(HostState state) throws InvalidInputException {
        List<RenderedFile> out = new ArrayList<>();
        for (Job j : jobs(state)) {
            String content = engine.render(j.template, j.model, j.path + " for " + state.host().name());
            out.add(RenderedFile.of(j.path, content, j.mode, j.kind));
        }
        return out;
    }

    /**
     * The paths {@link #render} would write, in the same order, with the same checks of the values, without running
     * the templates: what to read from a host is known before its keys are, and a big mesh's files are big.
     */
    public List<String> paths(HostState state) throws InvalidInputException {
        return jobs(state).stream().map(j -> j.path).toList();
    }

    private List<Job> jobs(HostState state) throws InvalidInputException {
        engine.checkSetup();
        ValueChecks checks = new ValueChecks();
        TemplateData data = new TemplateData(state, checks, peerModels);
        List<Job> jobs = new ArrayList<>();
        for (WgInterface i : state.interfaces()) {
            jobs.add(new Job("/etc/wireguard/" + i.name() + ".conf", PRIVATE, "wg", "wg-quick.conf.ftl",
                    data.forInterface(i)));
        }
        addFirewall(state.firewall(), data, jobs);
        for (ServiceState s : state.services()) {
            jobs.add(new Job(s.destination(), s.kind() == ServiceKind.SSHD ? PRIVATE : READABLE, "service:" + s.name(),
                    template(s), data.forService(s)));
        }
        checkDistinctPaths(state, jobs, checks);
        checks.throwIfAny();
        return jobs;
    }

    /**
     * Loads every template these hosts need before any host is contacted: a missing or broken template is a problem
     * with the input like any other, so plan and apply stop there (rendering itself runs while hosts connect). A
     * custom service's missing template is reported where the playbook names it.
     */
    public void checkTemplates(List<HostState> states) throws InvalidInputException {
        engine.checkSetup();
        Map<String, Optional<ServiceState>> needed = new java.util.LinkedHashMap<>();
        for (HostState state : states) {
            if (!state.interfaces().isEmpty()) needed.putIfAbsent("wg-quick.conf.ftl", Optional.empty());
            if (state.firewall().backend() == FirewallSettings.Backend.NFTABLES) needed.putIfAbsent("nftables.nft.ftl", Optional.empty());
            if (state.firewall().backend() == FirewallSettings.Backend.FIREWALLD) needed.putIfAbsent("firewalld-zone.xml.ftl", Optional.empty());
            for (ServiceState s : state.services()) needed.putIfAbsent(template(s), Optional.of(s));
        }
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, Optional<ServiceState>> e : needed.entrySet()) {
            try {
                engine.preload(e.getKey());
            } catch (InvalidInputException x) {
                Optional<ServiceState> custom = e.getValue().filter(s -> s.kind() == ServiceKind.CUSTOM);
                if (custom.isPresent() && x.problems().get(0).message().contains(" not found")) {
                    problems.add(new Problem(custom.get().source(), "services." + custom.get().name() + ".template",
                            x.problems().get(0).message().replace(" (rendering a check before any host is contacted)", "")));
                } else {
                    problems.addAll(x.problems());
                }
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    private static void addFirewall(FirewallState f, TemplateData data, List<Job> jobs) {
        switch (f.backend()) {
            case NFTABLES:
                jobs.add(new Job("/etc/nftables.d/wgform.nft", PRIVATE, "firewall", "nftables.nft.ftl", data.forNftables(f)));
                break;
            case FIREWALLD:
                jobs.add(new Job("/etc/firewalld/zones/wgform-public.xml", READABLE, "firewall", "firewalld-zone.xml.ftl",
                        data.forPublicZone(f)));
                jobs.add(new Job("/etc/firewalld/zones/wgform-planes.xml", READABLE, "firewall", "firewalld-zone.xml.ftl",
                        data.forPlanesZone(f)));
                break;
            case NONE:
                break;
            default:
                throw new IllegalStateException("unresolved firewall backend " + f.backend());
        }
    }

    private static String template(ServiceState s) {
        switch (s.kind()) {
            case SSHD: return "sshd.conf.ftl";
            case POSTGRESQL: return "postgresql.conf.ftl";
            case PROMETHEUS: return "prometheus.default.ftl";
            case NODE_EXPORTER: return "node_exporter.default.ftl";
            case NGINX: return "nginx-listen.conf.ftl";
            case CUSTOM: return s.custom().orElseThrow().template();
            default: throw new IllegalStateException("unknown service kind " + s.kind());
        }
    }

    /** Two bindings writing one file would silently overwrite each other. */
    private static void checkDistinctPaths(HostState state, List<Job> jobs, ValueChecks checks) {
        Map<String, String> owners = new HashMap<>();
        for (Job j : jobs) {
            String previous = owners.putIfAbsent(j.path, j.kind);
            if (previous == null) continue;
            SourceRef where = state.services().stream().filter(s -> s.destination().equals(j.path)).map(ServiceState::source)
                    .reduce((a, b) -> b).orElse(state.host().source());
            checks.add(new Problem(where, "destination", previous + " and " + j.kind + " both write " + j.path
                    + " on " + state.host().name()));
        }
    }

    private static final class Job {
        final String path;
        final int mode;
        final String kind;
        final String template;
        final TemplateHashModel model;

        Job(String path, int mode, String kind, String template, TemplateHashModel model) {
            this.path = path;
            this.mode = mode;
            this.kind = kind;
            this.template = template;
            this.model = model;
        }
    }
}
