package dev.wgform.apply;

/**
 * The watchdog of a {@link ConfirmWindow}: a sh script the install step writes into its run's backup directory and
 * starts detached ({@code sh revert.sh INSTALL-PID}). It waits for the install step to end, then the window's
 * seconds; unless a confirm command renamed its pid file away by then, it undoes the whole run with the install
 * step's own rollback function and the flags that step saved when it finished (files, firewall, interfaces,
 * services, and the manifest from the backup), so the host is back on its old state, never half-way. Where the
 * step never finished (killed), there are no flags: it restores the guarded firewall and sshd files only and reloads
 * them (the manifest, written last, is still the old one). Either way it records that it reverted
 * ({@code /var/lib/wgform/confirm/RUN.reverted} and a line in {@code /var/lib/wgform/confirm/log}).
 */
public final class RevertScript {
    private RevertScript() {}

    /** @throws IllegalArgumentException when the request has no confirm window */
    public static String build(InstallRequest req) {
        ConfirmWindow window = req.confirm().orElseThrow(() -> new IllegalArgumentException("the request has no confirm window"));
        StringBuilder sh = new StringBuilder(8192);
        sh.append("#!/bin/sh\n# wgform confirm watchdog: restores the ").append(window.what())
                .append(" of this run unless a new SSH session confirms it in time\n");
        sh.append("RUN=").append(Shell.quote(req.runId())).append('\n');
        sh.append("SYSTEMD=").append(req.systemd() ? 1 : 0).append('\n');
        sh.append(ScriptLibrary.COMMON).append(ScriptLibrary.INSTALL).append(ScriptLibrary.CONFIRM);
        // the install library rolls back on TERM; a confirmation stops the watchdog with TERM: that must do nothing
        sh.append("trap - HUP INT TERM\n");
        sh.append("rb_ok() { :; }\nrb_failed() { ROLLBACK_FAILED=1; wd_failed \"$1\"; }\n");
        sh.append(InstallScript.rollbackFunction(req));
        sh.append("wd_revert() {\n");
        // the install step finished and saved how far it got: undo the whole run, so the host is on its old state
        sh.append("  if [ -f \"$BK/flags\" ]; then\n");
        sh.append("    . \"$BK/flags\"\n");
        sh.append("    rollback\n");
        sh.append("    if [ -e \"$BK").append(InstallRequest.MANIFEST_PATH).append("\" ]; then restore_file ")
                .append(Shell.quote(InstallRequest.MANIFEST_PATH)).append(" || wd_failed restore:manifest; else rm -f \"$R\"")
                .append(Shell.quote(InstallRequest.MANIFEST_PATH)).append(" || wd_failed remove:manifest; fi\n");
        sh.append("    return 0\n  fi\n");
        // cut short before it finished (killed): only the files that can lock wgform out; the manifest, written
        // after the flags, is still the old one
        for (String p : window.paths()) sh.append("  wd_restore ").append(Shell.quote(p)).append('\n');
        if (window.firewall()) {
            FirewallStep f = req.firewall().orElseThrow();
            sh.append("  if ! ").append(guarded(f.rollbackCommand())).append("; then wd_failed ").append(Shell.quote(f.stepName())).append("; fi\n");
        }
        for (String name : window.services()) {
            ServiceStep s = req.services().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            String check = s.validateCommand().map(v -> guarded(v) + " && ").orElse("");
            sh.append("  if ! { ").append(check).append(guarded(s.reloadCommand())).append("; }; then wd_failed ")
                    .append(Shell.quote(s.stepName())).append("; fi\n");
        }
        sh.append("  return 0\n}\n");
        sh.append("wd_main \"$1\" ").append(window.seconds()).append('\n');
        return sh.toString();
    }

    private static String guarded(String command) {
        return "( " + command + " ) </dev/null >\"$OUT\" 2>&1";
    }
}
