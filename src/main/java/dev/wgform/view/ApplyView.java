package dev.wgform.view;

import dev.wgform.app.ApplyReport;

/** What apply did, one line per host, then a summary line; red for failures when colour is on. */
public final class ApplyView {

    private ApplyView() {}

    public static String render(ApplyReport report, boolean color) {
        if (!report.applied()) {
            return report.plan().hasChanges() ? "\nApply cancelled; nothing was changed.\n" : "";
        }
        StringBuilder b = new StringBuilder("\n");
        int changed = 0;
        int unchanged = 0;
        int failed = 0;
        for (ApplyReport.HostOutcome h : report.hosts()) {
            String status;
            switch (h.status()) {
                case OK: status = paint("changed", Ansi.GREEN, color); changed++; break;
                case UNCHANGED: status = "unchanged"; unchanged++; break;
                case FAILED: status = paint("FAILED", Ansi.RED, color); failed++; break;
                case UNREACHABLE: status = paint("UNREACHABLE", Ansi.RED, color); failed++; break;
                default: status = "skipped"; break;
            }
            b.append(h.host()).append(": ").append(status);
            if (!h.detail().isEmpty() && h.status() != ApplyReport.Status.UNCHANGED) b.append(" (").append(h.detail()).append(')');
            b.append('\n');
        }
        String summary = String.format("Apply %s: %d host%s changed, %d unchanged, %d failed.", failed == 0 ? "complete" : "finished with failures",
                changed, changed == 1 ? "" : "s", unchanged, failed);
        return b.append(failed == 0 ? summary : paint(summary, Ansi.RED, color)).append('\n').toString();
    }

    private static String paint(String text, String colour, boolean color) {
        return Ansi.paint(text, colour, color);
    }
}
