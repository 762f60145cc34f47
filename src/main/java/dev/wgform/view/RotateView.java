package dev.wgform.view;

import dev.wgform.crypto.WgKeys;
import dev.wgform.rotate.HostRotation;
import dev.wgform.rotate.RotationJournal;
import dev.wgform.rotate.Stage;
import java.util.List;

/** A rotation for people: what it will do before it starts, and where each host ended. Public keys shown short. */
public final class RotateView {
    private RotateView() {}

    /** Shown before asking to go ahead. */
    public static String preview(RotationJournal j) {
        StringBuilder b = new StringBuilder();
        b.append("wgform will rotate the keys of plane ").append(j.plane()).append(" (").append(j.iface()).append(')');
        if (j.rotatePsk()) b.append(", and the pre-shared keys of each rotating host's pairs");
        b.append(":\n");
        for (int n : j.batches()) {
            List<String> hosts = j.batch(n).stream().map(HostRotation::host).toList();
            b.append("  batch ").append(n + 1).append(": ").append(String.join(", ", hosts)).append('\n');
        }
        b.append("Each batch: a new key made on the host, staged on its peers, switched live, verified by handshakes and pings,\n")
                .append("then the old key removed, or the old key put back if verification fails. No tunnel restarts.\n");
        return b.toString();
    }

    public static String render(RotationJournal j, String journalFile, boolean color) {
        StringBuilder b = new StringBuilder("\n");
        for (HostRotation h : j.hosts()) {
            b.append(h.host()).append(": ").append(status(h.stage(), color));
            if (h.oldKey().isPresent() && h.newKey().isPresent()) {
                b.append(" (").append(WgKeys.shortForm(h.oldKey().get())).append(" -> ").append(WgKeys.shortForm(h.newKey().get()));
                b.append(h.stage() == Stage.COMMITTED ? ", new key in use" : h.stage() == Stage.ROLLED_BACK || h.stage() == Stage.ABORTED
                        ? ", old key in use" : "").append(')');
            }
            if (!h.message().isEmpty()) b.append(": ").append(h.message());
            b.append('\n');
        }
        long done = j.hosts().stream().filter(h -> h.stage() == Stage.COMMITTED).count();
        String summary = j.succeeded()
                ? String.format("Rotation complete: %d host%s on new keys.", done, done == 1 ? "" : "s")
                : j.finished()
                ? String.format("Rotation finished with failures: %d of %d hosts on new keys; the others kept their old keys.", done, j.hosts().size())
                : "Rotation stopped part-way: run wgform rotate --resume to finish it.";
        b.append(j.succeeded() ? summary : Ansi.paint(summary, Ansi.RED, color)).append('\n');
        b.append("Journal: ").append(journalFile).append('\n');
        return b.toString();
    }

    private static String status(Stage s, boolean color) {
        switch (s) {
            case COMMITTED: return Ansi.paint("rotated", Ansi.GREEN, color);
            case ROLLED_BACK: return Ansi.paint("ROLLED BACK", Ansi.RED, color);
            case ABORTED: return Ansi.paint("ABORTED", Ansi.RED, color);
            case SKIPPED: return "skipped";
            default: return Ansi.paint("stopped at " + s.jsonName(), Ansi.RED, color);
        }
    }

}
