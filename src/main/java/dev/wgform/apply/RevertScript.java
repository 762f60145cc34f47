package dev.wgform.apply;

/**
 * The watchdog of a {@link ConfirmWindow}: a sh script the install step writes into its run's backup directory and
 * starts detached ({@code sh revert.sh INSTALL-PID}). It waits for the install step to end, then the window's
 * seconds; unless a confirm command renamed its pid file away by then, it restores the guarded files from the
 * backup (or removes them when there was none), loads the firewall again ({@link FirewallStep#rollbackCommand()})
 * and validates and reloads the services as the install step's own rollback does, and records that it reverted
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
        sh.append(ScriptLibrary.COMMON).append(ScriptLibrary.CONFIRM);
        sh.append("BK=\"$STATE/backup/$RUN\"\n");
        sh.append("wd_revert() {\n");
        for (String p : window.paths()) sh.append("  wd_restore ").append(Shell.quote(p)).append('\n');
        // the manifest says what wgform installed: after the revert, the old firewall and sshd files again
        if (window.manifestAfterRevert().isPresent()) {
            sh.append("  wd_manifest <<'").append(Shell.HEREDOC_END).append("'\n");
            sh.append(Shell.base64Body(window.manifestAfterRevert().get()));
        }
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
