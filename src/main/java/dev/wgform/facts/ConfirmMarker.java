package dev.wgform.facts;

import java.util.regex.Pattern;

/**
 * What a confirmed apply left on a host (/var/lib/wgform/confirm/): a run the host undid by itself because no new SSH
 * session confirmed it, or a run whose confirmation is still awaited. Plan and drift say so; the next successful
 * apply clears the undone ones.
 *
 * @param runId  the apply run (its backup directory's name)
 * @param state  undone or still waiting
 * @param detail for an undone run, "ok" or "incomplete STEP..." (the revert's own words); empty while waiting
 * @param epoch  when the host undid it (seconds since the epoch; 0 while waiting or when unknown)
 */
public record ConfirmMarker(String runId, State state, String detail, long epoch) {
    public enum State { REVERTED, WAITING }

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ConfirmMarker {
        if (runId == null || !RUN_ID.matcher(runId).matches()) throw new IllegalArgumentException("bad run id: " + runId);
        if (state == null || detail == null) throw new IllegalArgumentException("state and detail are required");
    }

    /**
     * From the fact script's {@code @@confirm FILE CONTENT} line: {@code RUN.reverted EPOCH ok|incomplete ...} or
     * {@code RUN.pid PID BOOT}.
     */
    static ConfirmMarker parse(String args) {
        String[] f = args.strip().split(" ", 2);
        String file = f[0];
        String content = f.length > 1 ? f[1].strip() : "";
        if (file.endsWith(".pid")) return new ConfirmMarker(file.substring(0, file.length() - 4), State.WAITING, "", 0L);
        if (!file.endsWith(".reverted")) throw new IllegalArgumentException("not a confirm marker: " + file);
        String[] c = content.split(" ", 2);
        long epoch;
        try {
            epoch = Long.parseLong(c[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a revert marker without its time: " + content);
        }
        return new ConfirmMarker(file.substring(0, file.length() - ".reverted".length()), State.REVERTED, c.length > 1 ? c[1].strip() : "", epoch);
    }
}
