package dev.wgform.view;

import dev.wgform.app.RenderReport;

/** What {@code render} wrote: the lock file if it changed, one line per host, a total. */
public final class RenderView {
    private RenderView() {}

    public static String text(RenderReport r) {
        StringBuilder out = new StringBuilder();
        if (r.lockSaved()) out.append("saved new address allocations in ").append(r.lockPath()).append('\n');
        for (RenderReport.HostOutput h : r.hosts()) {
            out.append(h.host()).append(": ").append(ValidationView.count(h.files().size(), "file")).append(" in ")
                    .append(h.dir()).append('\n');
        }
        if (!r.idleHosts().isEmpty()) {
            out.append("in no plane, nothing rendered: ").append(String.join(", ", r.idleHosts())).append('\n');
        }
        out.append("rendered ").append(ValidationView.count(r.fileCount(), "file")).append(" for ")
                .append(ValidationView.count(r.hosts().size(), "host")).append(" under ").append(r.outDir())
                .append(" (placeholders where secrets go; no host was contacted)\n");
        return out.toString();
    }
}
