package dev.wgform.view;

import dev.wgform.drift.DriftReport;
import dev.wgform.drift.HostStatus;
import dev.wgform.drift.KeyAge;
import dev.wgform.drift.PeerHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code wgform status} for people: per plane a table of handshake ages, hosts down the side and their peers across
 * ("-" where a host has no such peer), green within stale_after, yellow older but not kept alive, red stale or
 * never; then a line per stale peer and the key ages; unreachable hosts and a summary line last. ANSI colours only
 * when asked for; columns line up either way.
 */
public final class StatusView {
    private static final String GAP = "  ";

    private final boolean color;
    private final StringBuilder out = new StringBuilder();

    private StatusView(boolean color) {
        this.color = color;
    }

    /** The whole status, ending with the summary line and a newline. */
    public static String render(DriftReport r, boolean color) {
        return new StatusView(color).report(r);
    }

    private String report(DriftReport r) {
        out.append("Latest handshake with each peer (across) as each host (down) sees it; kept-alive peers are stale after ")
                .append(StatusAge.compact(r.staleAfterSeconds())).append(".\n");
        for (StatusGrid grid : StatusGrid.of(r)) plane(grid, r.staleAfterSeconds());
        List<HostStatus> unreachable = new ArrayList<>();
        for (HostStatus h : r.hosts()) if (!h.reachable()) unreachable.add(h);
        if (!unreachable.isEmpty()) out.append('\n');
        for (HostStatus h : unreachable) {
            out.append(paint("unreachable: " + h.host() + (h.failure().isEmpty() ? "" : ": " + h.failure()), Ansi.RED)).append('\n');
        }
        out.append('\n').append(summary(r, unreachable.size())).append('\n');
        return out.toString();
    }

    private void plane(StatusGrid grid, long staleAfter) {
        out.append('\n').append(paint("plane " + grid.plane(), Ansi.BOLD)).append('\n');
        if (grid.hosts().isEmpty()) {
            out.append(GAP).append("no running interfaces\n");
        } else {
            table(grid, staleAfter);
            staleLines(grid);
        }
        if (!grid.keyAges().isEmpty()) {
            List<String> ages = new ArrayList<>();
            for (KeyAge k : grid.keyAges()) ages.add(k.host() + " " + StatusAge.compact(k.ageSeconds()));
            out.append(GAP).append("keys: ").append(String.join(", ", ages)).append('\n');
        }
    }

    private void table(StatusGrid grid, long staleAfter) {
        int labelWidth = 0;
        for (String host : grid.hosts()) labelWidth = Math.max(labelWidth, host.length());
        int[] widths = new int[grid.peers().size()];
        for (int c = 0; c < widths.length; c++) {
            String peer = grid.peers().get(c);
            widths[c] = peer.length();
            for (String host : grid.hosts()) widths[c] = Math.max(widths[c], cellText(grid.cell(host, peer)).length());
        }
        StringBuilder header = new StringBuilder(GAP).append(" ".repeat(labelWidth));
        for (int c = 0; c < widths.length; c++) header.append(GAP).append(padLeft(grid.peers().get(c), widths[c]));
        out.append(header.toString().stripTrailing()).append('\n');
        for (String host : grid.hosts()) {
            out.append(GAP).append(padRight(host, labelWidth));
            for (int c = 0; c < widths.length; c++) {
                Optional<PeerHealth> cell = grid.cell(host, grid.peers().get(c));
                String text = padLeft(cellText(cell), widths[c]);
                out.append(GAP).append(cell.isPresent() ? paint(text, colorOf(StatusHeat.of(cell.get(), staleAfter))) : text);
            }
            out.append('\n');
        }
    }

    private void staleLines(StatusGrid grid) {
        for (String host : grid.hosts()) {
            for (String peer : grid.peers()) {
                Optional<PeerHealth> cell = grid.cell(host, peer);
                if (cell.isEmpty() || !cell.get().stale()) continue;
                PeerHealth p = cell.get();
                String when = p.handshakeAgeSeconds().isPresent()
                        ? "last handshake " + StatusAge.compact(p.handshakeAgeSeconds().getAsLong()) + " ago"
                        : "no handshake ever";
                String endpoint = p.endpoint().map(e -> " (endpoint " + e + ")").orElse("");
                out.append(GAP).append(paint("stale: " + host + " -> " + peer + ": " + when + endpoint, Ansi.RED)).append('\n');
            }
        }
    }

    private static String cellText(Optional<PeerHealth> cell) {
        return cell.map(p -> StatusAge.compact(p.handshakeAgeSeconds())).orElse("-");
    }

    private static String colorOf(StatusHeat heat) {
        switch (heat) {
            case FRESH: return Ansi.GREEN;
            case OLD: return Ansi.YELLOW;
            default: return Ansi.RED;
        }
    }

    private static String summary(DriftReport r, int unreachable) {
        int stale = 0;
        for (PeerHealth p : r.peers()) if (p.stale()) stale++;
        int peers = r.peers().size();
        String text = "Status: " + peers + (peers == 1 ? " peer" : " peers") + " seen, " + (stale == 0 ? "none" : stale) + " stale";
        if (unreachable > 0) text += "; " + unreachable + (unreachable == 1 ? " host" : " hosts") + " unreachable";
        return text + ".";
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private String paint(String text, String code) {
        return Ansi.paint(text, code, color);
    }
}
