package dev.wgform.view;

import dev.wgform.drift.DriftItem;
import dev.wgform.drift.DriftReport;
import dev.wgform.drift.HostStatus;
import dev.wgform.drift.KeyAge;
import dev.wgform.drift.PeerHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report as one self-contained HTML page, to publish or mail: a header with the time and counts, unreachable
 * hosts, the drift with its diffs, and per plane a handshake heat map ({@code <table class="heatmap"
 * id="heatmap-PLANE">}, hosts down, peers across, green fresh to yellow old to red stale or never) with the key ages.
 * Inline CSS only: no scripts, no external assets, no URLs at all. Every text from the report is escaped, and the
 * page is well-formed XML too (void elements self-closed), so tests and tools can read it with an XML parser.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; background: #fff; }
            h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
            h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #ddd; }
            h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
            .meta, .legend { color: #555; }
            .summary { font-weight: bold; }
            .summary.drift, .unreachable { color: #a40000; }
            ul.items { list-style: none; padding-left: 1rem; }
            ul.items > li { margin: .4rem 0; }
            .kind { display: inline-block; min-width: 6em; font-weight: bold; color: #8a5a00; }
            code { font-family: ui-monospace, monospace; }
            pre.diff { background: #f6f8fa; border: 1px solid #ddd; padding: .5rem; overflow-x: auto; margin: .25rem 0; }
            pre.diff .add { color: #116329; background: #dafbe1; }
            pre.diff .del { color: #82071e; background: #ffebe9; }
            pre.diff .hunk { color: #0550ae; }
            table { border-collapse: collapse; margin: .25rem 0; }
            th, td { border: 1px solid #ccc; padding: .25rem .6rem; }
            th { background: #f3f3f3; font-weight: 600; }
            table.heatmap td { text-align: right; font-family: ui-monospace, monospace; min-width: 3.5em; }
            table.heatmap td.none { color: #999; text-align: center; background: #fafafa; }
            table.heatmap td.stale { color: #fff; font-weight: bold; }
            .swatch { display: inline-block; width: 1em; height: 1em; vertical-align: middle; border: 1px solid #ccc; }
            """;

    private final DriftReport r;
    private final StringBuilder out = new StringBuilder();

    private HtmlReport(DriftReport r) {
        this.r = r;
    }

    /** The whole page, ending with a newline. */
    public static String render(DriftReport r) {
        return new HtmlReport(r).page();
    }

    private String page() {
        String time = Instant.ofEpochSecond(r.timestampEpoch()).toString();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<title>wgform drift report ").append(esc(time)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(time);
        unreachable();
        drift();
        planes();
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private void header(String time) {
        int reached = 0;
        for (HostStatus h : r.hosts()) if (h.reachable()) reached++;
        int unreachable = r.hosts().size() - reached;
        int stale = 0;
        for (PeerHealth p : r.peers()) if (p.stale()) stale++;
        out.append("<header>\n<h1>wgform drift report</h1>\n")
                .append("<p class=\"meta\">Run at <time datetime=\"").append(esc(time)).append("\">").append(esc(time))
                .append("</time>; kept-alive peers are stale after ").append(esc(StatusAge.compact(r.staleAfterSeconds())))
                .append(".</p>\n<ul class=\"counts\">\n")
                .append("<li id=\"count-hosts\">").append(plural(r.hosts().size(), "host")).append(": ").append(reached)
                .append(" reached, ").append(unreachable).append(" unreachable</li>\n")
                .append("<li id=\"count-drift\">").append(plural(r.items().size(), "drifted resource")).append("</li>\n")
                .append("<li id=\"count-stale\">").append(plural(stale, "stale peer")).append("</li>\n</ul>\n")
                .append("<p class=\"summary").append(r.hasDrift() ? " drift" : "").append("\">")
                .append(esc(DriftView.summary(r))).append("</p>\n</header>\n");
    }

    private void unreachable() {
        List<HostStatus> down = new ArrayList<>();
        for (HostStatus h : r.hosts()) if (!h.reachable()) down.add(h);
        if (down.isEmpty()) return;
        out.append("<section id=\"unreachable\">\n<h2>Unreachable hosts</h2>\n<ul>\n");
        for (HostStatus h : down) {
            out.append("<li class=\"unreachable\"><strong>").append(esc(h.host())).append("</strong>");
            if (!h.failure().isEmpty()) out.append(": ").append(esc(h.failure()));
            out.append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private void drift() {
        out.append("<section id=\"drift\">\n<h2>Drift</h2>\n");
        if (!r.hasDrift()) out.append("<p>None: every reachable host matches the playbook.</p>\n");
        Map<String, List<DriftItem>> byHost = new LinkedHashMap<>();
        for (DriftItem item : r.items()) byHost.computeIfAbsent(item.host(), h -> new ArrayList<>()).add(item);
        for (Map.Entry<String, List<DriftItem>> e : byHost.entrySet()) {
            out.append("<h3>").append(esc(e.getKey())).append("</h3>\n<ul class=\"items\">\n");
            for (DriftItem item : e.getValue()) item(item);
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private void item(DriftItem item) {
        out.append("<li><span class=\"kind\">").append(esc(item.kind().jsonName())).append("</span> ");
        if (!item.resource().isEmpty()) out.append("<code>").append(esc(item.resource())).append("</code>: ");
        out.append(esc(item.summary()));
        if (!item.details().isEmpty()) {
            out.append("\n<ul class=\"details\">\n");
            for (String d : item.details()) out.append("<li>").append(esc(d)).append("</li>\n");
            out.append("</ul>");
        }
        item.diff().filter(d -> !d.isEmpty()).ifPresent(this::diff);
        out.append("</li>\n");
    }

    private void diff(String diff) {
        out.append("\n<pre class=\"diff\">");
        String[] lines = diff.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) break;
            String cls = line.startsWith("+++ ") || line.startsWith("--- ") ? null
                    : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : null;
            if (cls == null) out.append(esc(line));
            else out.append("<span class=\"").append(cls).append("\">").append(esc(line)).append("</span>");
            out.append('\n');
        }
        out.append("</pre>");
    }

    private void planes() {
        List<StatusGrid> grids = StatusGrid.of(r);
        out.append("<section id=\"planes\">\n<h2>Handshakes</h2>\n")
                .append("<p class=\"legend\">Latest handshake with each peer (across) as each host (down) sees it: ")
                .append(swatch(StatusHeat.FRESH, 0)).append(" fresh, ")
                .append(swatch(StatusHeat.OLD, r.staleAfterSeconds() * 2)).append(" older than ")
                .append(esc(StatusAge.compact(r.staleAfterSeconds()))).append(" but not kept alive, ")
                .append(swatch(StatusHeat.STALE, 0)).append(" stale or never.</p>\n");
        if (grids.isEmpty()) out.append("<p>No planes.</p>\n");
        for (StatusGrid grid : grids) plane(grid);
        out.append("</section>\n");
    }

    private void plane(StatusGrid grid) {
        out.append("<h3>Plane ").append(esc(grid.plane())).append("</h3>\n");
        if (grid.hosts().isEmpty()) {
            out.append("<p>No running interfaces.</p>\n");
        } else {
            heatmap(grid);
        }
        if (!grid.keyAges().isEmpty()) {
            out.append("<table class=\"keys\" id=\"keys-").append(esc(grid.plane())).append("\">\n")
                    .append("<caption>Private key ages</caption>\n<tr><th scope=\"col\">host</th><th scope=\"col\">age</th></tr>\n");
            for (KeyAge k : grid.keyAges()) {
                out.append("<tr><th scope=\"row\">").append(esc(k.host())).append("</th><td title=\"")
                        .append(k.ageSeconds()).append(" s\">").append(esc(StatusAge.compact(k.ageSeconds()))).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
    }

    private void heatmap(StatusGrid grid) {
        out.append("<table class=\"heatmap\" id=\"heatmap-").append(esc(grid.plane())).append("\">\n")
                .append("<caption>Handshake age, plane ").append(esc(grid.plane())).append("</caption>\n")
                .append("<thead><tr><th scope=\"col\">host \\ peer</th>");
        for (String peer : grid.peers()) out.append("<th scope=\"col\">").append(esc(peer)).append("</th>");
        out.append("</tr></thead>\n<tbody>\n");
        for (String host : grid.hosts()) {
            out.append("<tr><th scope=\"row\">").append(esc(host)).append("</th>");
            for (String peer : grid.peers()) cell(host, peer, grid.cell(host, peer));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private void cell(String host, String peer, Optional<PeerHealth> cell) {
        if (cell.isEmpty()) {
            out.append("<td class=\"none\" title=\"").append(esc(host + " has no peer " + peer)).append("\">-</td>");
            return;
        }
        PeerHealth p = cell.get();
        StatusHeat heat = StatusHeat.of(p, r.staleAfterSeconds());
        long age = p.handshakeAgeSeconds().orElse(0);
        out.append("<td class=\"").append(heat.cssName()).append(p.handshakeAgeSeconds().isEmpty() ? " never" : "")
                .append("\" style=\"background-color: ").append(colour(heat, age)).append("\" title=\"")
                .append(esc(title(host, peer, p))).append("\">").append(esc(StatusAge.compact(p.handshakeAgeSeconds())))
                .append("</td>");
    }

    private String title(String host, String peer, PeerHealth p) {
        StringBuilder t = new StringBuilder(host).append(" -> ").append(peer).append(": ");
        if (p.handshakeAgeSeconds().isPresent()) t.append("latest handshake ").append(p.handshakeAgeSeconds().getAsLong()).append(" s ago");
        else t.append("no handshake ever");
        p.endpoint().ifPresent(e -> t.append("; endpoint ").append(e));
        t.append("; received ").append(p.rxBytes()).append(" B, sent ").append(p.txBytes()).append(" B");
        t.append(p.keepalive() ? "; kept alive" : "; not kept alive");
        if (p.stale()) t.append("; STALE");
        return t.toString();
    }

    /**
     * Green while fresh (shading towards yellow-green as stale_after nears), yellow to amber when old but not kept
     * alive, red when stale or never.
     */
    private String colour(StatusHeat heat, long age) {
        double limit = Math.max(1, r.staleAfterSeconds());
        double hue;
        switch (heat) {
            case FRESH:
                hue = 120 - 45 * Math.min(1, age / limit);
                break;
            case OLD:
                hue = 55 - 15 * Math.min(1, age / limit - 1);
                break;
            default:
                return "hsl(0, 75%, 45%)";
        }
        return String.format(Locale.ROOT, "hsl(%.0f, 70%%, 72%%)", hue);
    }

    private String swatch(StatusHeat heat, long age) {
        return "<span class=\"swatch\" style=\"background-color: " + colour(heat, age) + "\"></span>";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Text and attribute values alike. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                // As references, line breaks and tabs survive in attribute values (XML parsers turn them into spaces).
                case '\n': b.append("&#10;"); break;
                case '\r': b.append("&#13;"); break;
                case '\t': b.append("&#9;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
