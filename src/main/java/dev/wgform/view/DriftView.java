package dev.wgform.view;

import dev.wgform.drift.DriftItem;
import dev.wgform.drift.DriftKind;
import dev.wgform.drift.DriftReport;
import dev.wgform.drift.HostStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wgform drift} for people, laid out like the plan: per host with drift a header, each difference as
 * {@code ! kind resource: summary} with its details and diff indented beneath; unreachable hosts with their reason;
 * then a summary line. Hosts that match the playbook are only counted. ANSI colours only when asked for.
 */
public final class DriftView {
    private static final String INDENT = "      ";

    private final boolean color;
    private final StringBuilder out = new StringBuilder();

    private DriftView(boolean color) {
        this.color = color;
    }

    /** The whole report, ending with the summary line and a newline. */
    public static String render(DriftReport r, boolean color) {
        return new DriftView(color).report(r);
    }

    private String report(DriftReport r) {
        Map<String, List<DriftItem>> byHost = itemsByHost(r);
        if (r.hasDrift()) out.append("wgform found these differences from the playbook (").append(paint("!", Ansi.YELLOW)).append(" drifted):\n");
        for (Map.Entry<String, List<DriftItem>> e : byHost.entrySet()) {
            HostStatus status = statusOf(r, e.getKey());
            if (status != null && !status.reachable()) {
                unreachableHost(status, e.getValue());
            } else if (!e.getValue().isEmpty()) {
                out.append('\n').append(paint("# " + e.getKey(), Ansi.BOLD)).append('\n');
                for (DriftItem item : e.getValue()) item(item);
            }
        }
        out.append('\n').append(summary(r)).append('\n');
        return out.toString();
    }

    /** Hosts in inventory order, each with its items; hosts the items name but the host list lacks come last. */
    private static Map<String, List<DriftItem>> itemsByHost(DriftReport r) {
        Map<String, List<DriftItem>> byHost = new LinkedHashMap<>();
        for (HostStatus h : r.hosts()) byHost.put(h.host(), new ArrayList<>());
        for (DriftItem item : r.items()) byHost.computeIfAbsent(item.host(), h -> new ArrayList<>()).add(item);
        return byHost;
    }

    private static HostStatus statusOf(DriftReport r, String host) {
        for (HostStatus h : r.hosts()) if (h.host().equals(host)) return h;
        return null;
    }

    /** The reason goes in the header; an UNREACHABLE item that only repeats it adds just its details. */
    private void unreachableHost(HostStatus status, List<DriftItem> items) {
        String reason = status.failure();
        if (reason.isEmpty()) {
            for (DriftItem item : items) if (item.kind() == DriftKind.UNREACHABLE) reason = item.summary();
        }
        String header = "# " + status.host() + ": unreachable" + (reason.isEmpty() ? "" : ": " + reason);
        out.append('\n').append(paint(header, Ansi.RED)).append('\n');
        for (DriftItem item : items) {
            if (item.kind() == DriftKind.UNREACHABLE && item.summary().equals(reason)) {
                for (String d : item.details()) out.append(INDENT).append(d).append('\n');
            } else {
                item(item);
            }
        }
    }

    private void item(DriftItem item) {
        out.append("  ").append(paint("!", Ansi.YELLOW)).append(' ').append(item.kind().jsonName());
        if (!item.resource().isEmpty()) out.append(' ').append(item.resource());
        out.append(": ").append(item.summary()).append('\n');
        for (String d : item.details()) out.append(INDENT).append(d).append('\n');
        item.diff().ifPresent(this::diff);
    }

    /** The hunks of a unified diff; a ---/+++ header only repeats the path. */
    private void diff(String diff) {
        DiffLines.append(out, diff, INDENT, color);
    }

    /**
     * "Drift: 3 resources on 2 hosts (file 1, peers 1, unreachable 1)." or "No drift. 8 hosts match the playbook."
     * (An unreachable host comes with an UNREACHABLE item; should one come without, "No drift" is not claimed.)
     */
    static String summary(DriftReport r) {
        if (!r.hasDrift()) {
            int hosts = r.hosts().size();
            long unreachable = r.hosts().stream().filter(h -> !h.reachable()).count();
            if (unreachable > 0) {
                return "No drift on the reachable hosts; " + unreachable + (unreachable == 1 ? " host" : " hosts")
                        + " could not be read.";
            }
            return "No drift. " + hosts + (hosts == 1 ? " host matches" : " hosts match") + " the playbook.";
        }
        Map<DriftKind, Integer> byKind = new EnumMap<>(DriftKind.class);
        List<String> hosts = new ArrayList<>();
        for (DriftItem item : r.items()) {
            byKind.merge(item.kind(), 1, Integer::sum);
            if (!hosts.contains(item.host())) hosts.add(item.host());
        }
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<DriftKind, Integer> e : byKind.entrySet()) kinds.add(e.getKey().jsonName() + " " + e.getValue());
        int resources = r.items().size();
        return "Drift: " + resources + (resources == 1 ? " resource" : " resources") + " on " + hosts.size()
                + (hosts.size() == 1 ? " host" : " hosts") + " (" + String.join(", ", kinds) + ").";
    }

    private String paint(String text, String code) {
        return Ansi.paint(text, code, color);
    }
}
