package dev.wgform.apply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the INSTALL step reports.
 *
 * @param status    how it ended
 * @param phase     where it failed: stage, commit, effects, verify, finish (or lock); empty when ok or interrupted
 * @param message   why it failed; empty when ok
 * @param steps     every @@step line, in order, rollback steps included
 * @param pskHashes PSK path -> hash, for the PSK files this run wrote (before any rollback)
 */
public record InstallResult(Status status, Optional<String> phase, String message, List<StepResult> steps,
                            Map<String, String> pskHashes) {
    public enum Status {
        /** Everything applied and verified; the manifest is updated. */
        OK,
        /** A step failed and every change was put back. */
        ROLLED_BACK,
        /** A step failed and putting things back failed too: the host needs a look (the failed rollback steps say where). */
        ROLLBACK_INCOMPLETE,
        /** No result line: the connection dropped or the script was killed; the host may be half-applied. */
        INTERRUPTED
    }

    public InstallResult {
        steps = List.copyOf(steps);
        pskHashes = Collections.unmodifiableMap(new LinkedHashMap<>(pskHashes));
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** The steps that failed, rollback steps included. */
    public List<StepResult> failedSteps() {
        return steps.stream().filter(s -> !s.ok()).toList();
    }

    /**
     * Parses the script's stdout and exit code. Lines not starting with {@code @@} (a login profile's noise) are
     * ignored; a malformed {@code @@} line is an error, since the output can then not be trusted.
     *
     * @throws RemoteScriptException on a malformed line
     */
    public static InstallResult parse(String stdout, int exitCode) {
        List<StepResult> steps = new ArrayList<>();
        Map<String, String> psks = new LinkedHashMap<>();
        Status status = null;
        Optional<String> phase = Optional.empty();
        String message = "";
        for (String line : stdout.split("\n", -1)) {
            if (!line.startsWith("@@")) continue;
            String[] f = line.split(" ", 4);
            switch (f[0]) {
                case "@@step":
                    if (f.length < 3 || !(f[2].equals("ok") || f[2].equals("failed"))) throw malformed(line);
                    steps.add(new StepResult(f[1], f[2].equals("ok"), f.length == 4 ? f[3] : ""));
                    break;
                case "@@psk":
                    if (f.length != 3 || !f[2].matches("[0-9a-f]{64}")) throw malformed(line);
                    psks.put(f[1], f[2]);
                    break;
                case "@@result":
                    if (f.length < 2) throw malformed(line);
                    if (f[1].equals("ok")) {
                        status = Status.OK;
                    } else if (f[1].equals("rolled-back") || f[1].equals("rollback-incomplete")) {
                        if (f.length < 3) throw malformed(line);
                        status = f[1].equals("rolled-back") ? Status.ROLLED_BACK : Status.ROLLBACK_INCOMPLETE;
                        phase = Optional.of(f[2]);
                        message = f.length == 4 ? f[3] : "";
                    } else {
                        throw malformed(line);
                    }
                    break;
                default:
                    throw malformed(line);
            }
        }
        if (status == null) {
            return new InstallResult(Status.INTERRUPTED, Optional.empty(),
                    "the install script ended without a result (exit code " + exitCode + "): connection lost or script killed;"
                            + " files are each either old or new, effects may be half-applied: run plan again", steps, psks);
        }
        int expected = status == Status.OK ? 0 : status == Status.ROLLED_BACK ? 1 : 2;
        if (exitCode != expected) {
            return new InstallResult(Status.INTERRUPTED, phase, "the install script reported " + status.name().toLowerCase()
                    + " but exited with " + exitCode + ": run plan again to see the host's state", steps, psks);
        }
        return new InstallResult(status, phase, message, steps, psks);
    }

    private static RemoteScriptException malformed(String line) {
        return RemoteScriptException.malformed("install step", line);
    }
}
