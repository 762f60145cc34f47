package dev.wgform.apply;

/**
 * The two small commands wgform runs about a {@link ConfirmWindow} after the install step, each over a NEW SSH
 * session: {@link #confirm} (the change kept the host reachable: stop the watchdog) and, when that could not be done,
 * {@link #status} after the deadline (did the host revert by itself?).
 */
public final class ConfirmCommands {
    private ConfirmCommands() {}

    /** What {@link #confirm} found. */
    public enum Confirmed {
        /** The watchdog was stopped before it fired: the change stays. */
        OK,
        /** Too late: the watchdog already fired (or is firing), the old files are back. */
        REVERTED,
        /** No watchdog for this run (it died: a reboot), so nothing will be reverted. */
        MISSING,
        /** {@link #confirmWhenEnded} only: the install step still runs; ask again. */
        RUNNING
    }

    /** What {@link #status} found after the deadline. */
    public enum Reverted {
        /** Restored and reloaded everything. */
        DONE,
        /** Restored, but a step of the revert failed: the detail names it. */
        INCOMPLETE,
        /** The watchdog has not fired yet. */
        PENDING,
        /** No revert and no watchdog: the change was confirmed after all, or its watchdog died. */
        NONE
    }

    public record Status(Reverted reverted, String detail) {}

    public static String confirm(String runId) {
        return script(runId, "confirm_run");
    }

    /** As {@link #confirm}, but only once the run's install step has ended (after its own session broke). */
    public static String confirmWhenEnded(String runId) {
        return script(runId, "confirm_when_ended");
    }

    public static String status(String runId) {
        return script(runId, "confirm_status");
    }

    private static String script(String runId, String call) {
        return "#!/bin/sh\nRUN=" + Shell.quote(Shell.checkRunId(runId)) + "\n" + ScriptLibrary.COMMON + ScriptLibrary.CONFIRM + call + "\n";
    }

    /** @throws RemoteScriptException when the output has no answer line */
    public static Confirmed parseConfirm(String stdout) {
        for (String line : stdout.split("\n", -1)) {
            if (!line.startsWith("@@confirm ")) continue;
            switch (line.substring("@@confirm ".length()).strip()) {
                case "ok": return Confirmed.OK;
                case "reverted": return Confirmed.REVERTED;
                case "missing": return Confirmed.MISSING;
                case "running": return Confirmed.RUNNING;
                default: throw RemoteScriptException.malformed("confirm command", line);
            }
        }
        throw new RemoteScriptException("the confirm command gave no answer");
    }

    /** @throws RemoteScriptException when the output has no answer line */
    public static Status parseStatus(String stdout) {
        for (String line : stdout.split("\n", -1)) {
            if (!line.startsWith("@@revert ")) continue;
            String[] f = line.substring("@@revert ".length()).strip().split(" ", 2);
            switch (f[0]) {
                case "pending": return new Status(Reverted.PENDING, "");
                case "none": return new Status(Reverted.NONE, "");
                case "done":
                    if (f.length == 2 && f[1].equals("ok")) return new Status(Reverted.DONE, "");
                    if (f.length == 2 && f[1].startsWith("incomplete")) {
                        return new Status(Reverted.INCOMPLETE, "failed: " + f[1].substring("incomplete".length()).strip());
                    }
                    throw RemoteScriptException.malformed("revert status", line);
                default: throw RemoteScriptException.malformed("revert status", line);
            }
        }
        throw new RemoteScriptException("the revert status command gave no answer");
    }
}
