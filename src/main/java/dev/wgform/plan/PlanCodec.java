package dev.wgform.plan;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan as a tree of maps, lists, strings, numbers and booleans, and back: the one structure behind
 * {@code --json} and plan files. The schema is documented on {@code dev.wgform.view.PlanJson}.
 */
public final class PlanCodec {
    private PlanCodec() {}

    public static Map<String, Object> toTree(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", plan.formatVersion());
        root.put("created_at", plan.createdAt().toString());
        root.put("inventory", plan.inventory());
        root.put("playbook", plan.playbook());
        Plan.Summary s = plan.summary();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("add", s.add());
        summary.put("change", s.change());
        summary.put("destroy", s.destroy());
        summary.put("unreachable", plan.unreachable().size());
        summary.put("refused", plan.refused().size());
        root.put("summary", summary);
        root.put("has_changes", plan.hasChanges());
        List<Object> hosts = new ArrayList<>();
        for (HostPlan h : plan.hosts()) hosts.add(host(h));
        root.put("hosts", hosts);
        return root;
    }

    private static Map<String, Object> host(HostPlan h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", h.host());
        out.put("unreachable", h.unreachable());
        out.put("facts_fingerprint", h.factsFingerprint());
        out.put("notes", h.notes());
        out.put("refusals", h.refusals());
        List<Object> changes = new ArrayList<>();
        for (Change c : h.changes()) changes.add(change(c));
        out.put("changes", changes);
        return out;
    }

    private static Map<String, Object> change(Change c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", c.type().jsonName());
        out.put("name", c.name());
        out.put("action", c.action().jsonName());
        List<Object> effects = new ArrayList<>();
        for (Effect e : c.effects()) effects.add(EffectCodec.toTree(e));
        out.put("effects", effects);
        out.put("details", c.details());
        out.put("file", c.file().map(PlanCodec::file));
        return out;
    }

    private static Map<String, Object> file(FileChange f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", f.path());
        out.put("mode", f.modeOctal());
        out.put("kind", f.kind());
        out.put("old_sha256", f.oldSha256());
        out.put("new_sha256", f.newSha256());
        out.put("new_content", f.newContent());
        out.put("diff", f.diff());
        return out;
    }

    /**
     * Reads a tree written by {@link #toTree}.
     *
     * @throws PlanFormatException naming the JSON path of what is missing, mistyped or invalid (a format version
     *                             other than {@link Plan#FORMAT_VERSION} included)
     */
    public static Plan fromTree(Object tree) throws PlanFormatException {
        Node root = new Node("", tree).object();
        String version = root.field("format_version").string();
        if (!Plan.FORMAT_VERSION.equals(version)) {
            throw new PlanFormatException("format_version", "plan format " + version + " is not supported (this wgform reads format "
                    + Plan.FORMAT_VERSION + "): make the plan again with this wgform");
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(root.field("created_at").string());
        } catch (DateTimeParseException e) {
            throw new PlanFormatException("created_at", "not an ISO-8601 instant");
        }
        List<HostPlan> hosts = new ArrayList<>();
        for (Node h : root.field("hosts").list()) hosts.add(host(h.object()));
        return root.build(() -> Plan.of(createdAt, root.field("inventory").string(), root.field("playbook").string(), hosts));
    }

    private static HostPlan host(Node h) throws PlanFormatException {
        Optional<String> unreachable = h.field("unreachable").optionalString();
        List<String> notes = h.field("notes").strings();
        // plans saved before the SSH path guard have no refusals: read them as none (the fresh plan has its own)
        List<String> refusals = h.has("refusals") ? h.field("refusals").strings() : List.of();
        List<Change> changes = new ArrayList<>();
        for (Node c : h.field("changes").list()) changes.add(change(c.object()));
        return h.build(() -> new HostPlan(h.field("host").string(), unreachable, changes, h.field("facts_fingerprint").string(), notes,
                refusals));
    }

    private static Change change(Node c) throws PlanFormatException {
        Node typeNode = c.field("type");
        ResourceType type = ResourceType.fromJson(typeNode.string()).orElseThrow(() -> typeNode.invalid("unknown resource type"));
        Node actionNode = c.field("action");
        Action action = Action.fromJson(actionNode.string()).orElseThrow(() -> actionNode.invalid("unknown action"));
        List<Effect> effects = new ArrayList<>();
        for (Node e : c.field("effects").list()) effects.add(EffectCodec.fromTree(e.object()));
        Node fileNode = c.field("file");
        Optional<FileChange> file = fileNode.isNull() ? Optional.empty() : Optional.of(file(fileNode.object()));
        List<String> details = c.field("details").strings();
        return c.build(() -> new Change(type, c.field("name").string(), action, file, effects, details));
    }

    private static FileChange file(Node f) throws PlanFormatException {
        int mode;
        String modeText = f.field("mode").string();
        if (!modeText.matches("0[0-7]{3,4}")) throw f.field("mode").invalid("expected an octal mode like \"0600\"");
        mode = Integer.parseInt(modeText, 8);
        return f.build(() -> new FileChange(f.field("path").string(), mode, f.field("kind").string(),
                f.field("old_sha256").optionalString(), f.field("new_sha256").optionalString(),
                f.field("new_content").string(), f.field("diff").string()));
    }
}
