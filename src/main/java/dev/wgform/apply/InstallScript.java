package dev.wgform.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The INSTALL step as one POSIX sh script. Phases: (1) stage every file as a temp file next to its target, secrets
 * filled in on the host; (2) back up what is replaced or deleted under /var/lib/wgform/backup/RUN, then rename
 * each temp over its target; (3) effects in a safe order: interfaces down, deleted files removed, firewall
 * (validated first), interfaces up / restarted / live-synced, services (validated first); (4) verify the
 * interfaces. Any failure restores the backups and re-runs the effects for the restored files; see
 * {@link InstallResult} for the output. The whole body is one function called on the last line, so a script cut
 * short in transit does nothing at all.
 */
public final class InstallScript {
    private InstallScript() {}

    public static String build(InstallRequest req) {
        return new InstallScript.Writer(req).write();
    }

    /**
     * The request's {@code rollback} sh function alone, for the confirm watchdog: run after the install step ended,
     * with the flags that step saved ({@code $BK/flags}), it undoes the whole run as a failed step would have.
     */
    static String rollbackFunction(InstallRequest req) {
        Writer w = new Writer(req);
        w.rollback();
        return w.sh.toString();
    }

    /** Generates one request's script; a variable per file and interface tracks what happened, for rollback. */
    private static final class Writer {
        private final InstallRequest req;
        private final StringBuilder sh = new StringBuilder(8192);
        private final List<Staged> staged = new ArrayList<>(); // PSKs first: files are filled from them
        private final Map<String, String> stagedPsk = new HashMap<>(); // psk path -> its temp variable

        /** A file this run puts in place; {@code v} is its variable suffix: t$v temp, o$v had an old file, c$v committed. */
        private record Staged(String path, String step, String v) {}

        Writer(InstallRequest req) {
            this.req = req;
            for (int i = 0; i < req.psks().size(); i++) {
                String p = req.psks().get(i).path();
                staged.add(new Staged(p, "psk:" + p, "p" + i));
                stagedPsk.put(p, "tp" + i);
            }
            for (int i = 0; i < req.writes().size(); i++) {
                String p = req.writes().get(i).path();
                staged.add(new Staged(p, "write:" + p, "w" + i));
            }
        }

        String write() {
            sh.append("#!/bin/sh\n# wgform install step: stage, commit, effects, verify; rolls back on failure; prints no secret\n");
            sh.append("RUN=").append(Shell.quote(req.runId())).append('\n');
            sh.append("SYSTEMD=").append(req.systemd() ? 1 : 0).append('\n');
            sh.append(ScriptLibrary.COMMON).append(ScriptLibrary.INSTALL).append(ScriptLibrary.CONFIRM);
            rollback();
            sh.append("main() {\n");
            flags();
            line("take_lock " + Shell.quote(LockHolder.current())
                    + " || fail lock \"another wgform run is in progress on this host: $LOCK_HOLDER (lock /var/lib/wgform/lock)\"");
            line("confirm_pending || fail lock \"$CONFIRM_MSG\"");
            for (String dir : touchedDirs()) line("clean_stale " + root(dir));
            line("new_temp \"$STATE\" || fail lock 'cannot create a temp file in /var/lib/wgform'");
            line("OUT=$NT");
            tighten();
            stage();
            commit();
            effects();
            verify();
            finish();
            sh.append("}\nmain\n");
            return sh.toString();
        }

        /** Key and PSK files loosened by hand go back to 0600 and root first; nothing to roll back there. */
        private void tighten() {
            for (String path : req.tighten()) {
                String step = "tighten:" + path;
                line("{ chmod 600 " + root(path) + " && own_root " + root(path) + "; } && step_ok " + Shell.quote(step)
                        + " || fail " + Shell.quote(step) + " 'cannot set mode 0600 and owner root'");
            }
        }

        private void flags() {
            StringBuilder f = new StringBuilder();
            for (String name : flagNames()) f.append(f.length() == 0 ? "" : " ").append(name).append("=0");
            line(f.toString());
        }

        /** The variables that say how far the run got, which {@link #rollback} reads. */
        private List<String> flagNames() {
            List<String> names = new ArrayList<>(List.of("fw"));
            for (Staged s : staged) names.addAll(List.of("o" + s.v(), "c" + s.v()));
            for (int j = 0; j < req.deletes().size(); j++) names.addAll(List.of("od" + j, "rd" + j));
            for (int k = 0; k < req.interfaces().size(); k++) {
                names.addAll(List.of("up" + k, "en" + k, "tk" + k, "sy" + k, "ene" + k, "dis" + k));
            }
            for (int s = 0; s < req.services().size(); s++) names.add("sv" + s);
            return names;
        }

        private Set<String> touchedDirs() {
            Set<String> dirs = new LinkedHashSet<>();
            staged.forEach(s -> dirs.add(Shell.parent(s.path())));
            req.deletes().forEach(d -> dirs.add(Shell.parent(d)));
            if (!req.interfaces().isEmpty()) dirs.add("/etc/wireguard");
            dirs.add("/var/lib/wgform");
            return dirs;
        }

        // Phase 1: nothing outside temp files changes here.
        private void stage() {
            line("PHASE=stage");
            Set<String> dirs = new LinkedHashSet<>();
            staged.forEach(s -> dirs.add(Shell.parent(s.path())));
            for (String dir : dirs) {
                line("ensure_dir " + root(dir) + " " + (Shell.isSecretDir(dir) ? 1 : 0)
                        + " || fail " + Shell.quote("dir:" + dir) + " " + Shell.quote("cannot create " + dir));
            }
            for (int i = 0; i < req.psks().size(); i++) {
                PskPush p = req.psks().get(i);
                Staged s = staged.get(i);
                tempFor(s);
                // The PSK is the heredoc body (base64 text, as wg genpsk prints it), never a command-line word.
                line("put_psk \"$t" + s.v() + "\" <<'" + Shell.HEREDOC_END + "' || fail " + Shell.quote(s.step())
                        + " \"cannot write the PSK (empty, or $(detail))\"");
                sh.append(p.fileContent()).append(Shell.HEREDOC_END).append('\n');
            }
            for (int i = 0; i < req.writes().size(); i++) {
                FileWrite w = req.writes().get(i);
                Staged s = staged.get(req.psks().size() + i);
                tempFor(s);
                // base64's own words (a full disk, a read-only file system) go into the failure message
                line("base64 -d >\"$t" + s.v() + "\" 2>\"$OUT\" <<'" + Shell.HEREDOC_END + "' || fail " + Shell.quote(s.step())
                        + " \"cannot write the new file: $(detail)\"");
                sh.append(Shell.base64Body(w.content()));
                int newline = w.content().endsWith("\n") ? 1 : 0;
                if (!w.secretPaths().isEmpty()) {
                    StringBuilder pairs = new StringBuilder();
                    for (String key : w.secretPaths()) {
                        String source = stagedPsk.containsKey(key) ? "\"$" + stagedPsk.get(key) + "\"" : root(key);
                        pairs.append(' ').append(Shell.quote(key)).append(' ').append(source);
                    }
                    line("fill_secrets \"$t" + s.v() + "\" " + Shell.quote(s.step()) + " " + newline + pairs);
                }
            }
            seal();
        }

        /**
         * Last checks on every staged file, a few processes for all of them (each one a process per file was most of
         * a first apply's staging): no secret placeholder left, then each file's mode and owner, one chmod per mode.
         */
        private void seal() {
            if (staged.isEmpty()) return;
            StringBuilder all = new StringBuilder();
            for (Staged s : staged) all.append(" \"$t").append(s.v()).append('"');
            line("left=$(placeholders_left" + all + ")");
            for (Staged s : staged) {
                line("is_listed \"$left\" \"$t" + s.v() + "\" && fail " + Shell.quote(s.step()) + " 'a secret placeholder is left in the file'");
            }
            Map<String, List<Staged>> byMode = new LinkedHashMap<>();
            for (int i = 0; i < staged.size(); i++) {
                String mode = i < req.psks().size() ? "0600" : req.writes().get(i - req.psks().size()).modeOctal();
                byMode.computeIfAbsent(mode, m -> new ArrayList<>()).add(staged.get(i));
            }
            byMode.forEach((mode, files) -> {
                StringBuilder list = new StringBuilder();
                for (Staged s : files) list.append(" \"$t").append(s.v()).append('"');
                line("seal_files " + mode + " " + Shell.quote(files.get(0).step()) + list);
            });
        }

        private void tempFor(Staged s) {
            line("new_temp " + root(Shell.parent(s.path())) + " || fail " + Shell.quote(s.step())
                    + " " + Shell.quote("cannot create a temp file in " + Shell.parent(s.path())));
            line("t" + s.v() + "=$NT");
            line("track \"$t" + s.v() + "\"");
        }

        // Phase 2: every backup is taken before the first rename, so a crash between renames leaves each file old
        // or new and every old one saved.
        private void commit() {
            line("PHASE=commit");
            for (Staged s : staged) line("if backup " + Shell.quote(s.path()) + "; then o" + s.v() + "=1; fi");
            for (int j = 0; j < req.deletes().size(); j++) line("if backup " + Shell.quote(req.deletes().get(j)) + "; then od" + j + "=1; fi");
            for (int i = 0; i < staged.size(); i++) {
                Staged s = staged.get(i);
                line("c" + s.v() + "=1");
                line("mv -f \"$t" + s.v() + "\" " + root(s.path()) + " || fail " + Shell.quote(s.step()) + " 'cannot rename the new file into place'");
                line("step_ok " + Shell.quote(s.step()));
            }
            if (!req.psks().isEmpty()) {
                StringBuilder paths = new StringBuilder();
                for (int i = 0; i < req.psks().size(); i++) paths.append(' ').append(Shell.quote(staged.get(i).path()));
                line("report_psks" + paths);
            }
        }

        // Phase 3. Interfaces go down first (their files still in place for wg-quick down), then deleted files go,
        // then the firewall, then interfaces come up, then services that may listen on their addresses.
        private void effects() {
            line("PHASE=effects");
            req.confirm().ifPresent(this::arm);
            List<InterfaceStep> ifs = req.interfaces();
            for (int k = 0; k < ifs.size(); k++) {
                String i = Shell.quote(ifs.get(k).iface());
                line("if is_up " + i + "; then up" + k + "=1; fi");
                line("if unit_enabled " + i + "; then en" + k + "=1; fi");
            }
            for (int k = 0; k < ifs.size(); k++) if (ifs.get(k).action() == InterfaceAction.DOWN) down(k, ifs.get(k));
            for (int j = 0; j < req.deletes().size(); j++) {
                String d = req.deletes().get(j);
                String step = Shell.quote("delete:" + d);
                line("if [ \"$od" + j + "\" = 1 ]; then rd" + j + "=1; rm -f " + root(d) + " || fail " + step + " 'cannot remove the file'; fi");
                line("step_ok " + step);
            }
            req.firewall().ifPresent(this::firewall);
            for (int k = 0; k < ifs.size(); k++) {
                InterfaceStep s = ifs.get(k);
                switch (s.action()) {
                    case UP: case RESTART: upOrRestart(k, s); break;
                    case LIVE_SYNC: liveSync(k, s); break;
                    default: break;
                }
            }
            for (int n = 0; n < req.services().size(); n++) service(n, req.services().get(n));
        }

        /**
         * Every backup exists by now: the watchdog script goes into this run's backup directory and starts, so a
         * change that cuts wgform off is undone by the host itself. No watchdog, no change: failing here rolls back.
         */
        private void arm(ConfirmWindow window) {
            String step = Shell.quote("confirm:arm");
            line("mkdir -p \"$BK\" || fail " + step + " 'cannot create the backup directory'");
            // the manifest as it was, for a revert of the whole run (this run writes a new one last)
            line("if backup " + Shell.quote(InstallRequest.MANIFEST_PATH) + "; then :; fi");
            line("base64 -d >\"$BK/revert.sh\" 2>\"$OUT\" <<'" + Shell.HEREDOC_END + "' || fail " + step
                    + " \"cannot write the watchdog script: $(detail)\"");
            sh.append(Shell.base64Body(RevertScript.build(req)));
            line("confirm_arm " + window.seconds() + " || fail " + step + " "
                    + Shell.quote("cannot start the watchdog that restores the " + window.what() + " unless confirmed"));
            line("step_ok " + step);
        }

        private void down(int k, InterfaceStep s) {
            String step = Shell.quote(s.stepName());
            line("tk" + k + "=1");
            line("wg_down " + Shell.quote(s.iface()) + " " + root(s.configPath()) + " || fail " + step + " 'wg-quick down failed: '\"$(detail)\"");
            if (req.systemd()) {
                line("if [ \"$en" + k + "\" = 1 ]; then dis" + k + "=1; run systemctl disable " + Shell.quote("wg-quick@" + s.iface())
                        + " || fail " + step + " 'cannot disable it at boot: '\"$(detail)\"; fi");
            }
            line("step_ok " + step);
        }

        private void upOrRestart(int k, InterfaceStep s) {
            String step = Shell.quote(s.stepName());
            String iface = Shell.quote(s.iface());
            line("tk" + k + "=1");
            // Already up (a restart, or up found it running): down with the config it runs, then up with the new one.
            line("if [ \"$up" + k + "\" = 1 ]; then wg_down " + iface + " \"$(old_conf " + Shell.quote(s.configPath()) + ")\" || fail "
                    + step + " 'wg-quick down failed: '\"$(detail)\"; fi");
            line("wg_up " + iface + " " + root(s.configPath()) + " || fail " + step + " 'cannot bring it up: '\"$(detail)\"");
            enable(k, s);
            line("step_ok " + step);
        }

        private void liveSync(int k, InterfaceStep s) {
            String step = Shell.quote(s.stepName());
            String iface = Shell.quote(s.iface());
            line("tk" + k + "=1");
            // sy: syncconf itself ran (not just strip), so rollback must sync the old file back
            line("if [ \"$up" + k + "\" = 1 ]; then SYNC_RAN=0; live_sync " + iface + " " + root(s.configPath()) + "; rc=$?; sy" + k
                    + "=$SYNC_RAN; [ \"$rc\" = 0 ] || fail " + step + " \"$SYNC_MSG\"");
            line("else wg_up " + iface + " " + root(s.configPath()) + " || fail " + step + " 'it was down and cannot be brought up: '\"$(detail)\"; fi");
            enable(k, s);
            line("step_ok " + step);
        }

        private void enable(int k, InterfaceStep s) {
            if (!req.systemd() || !s.enableAtBoot()) return;
            line("if [ \"$en" + k + "\" = 0 ]; then ene" + k + "=1; run systemctl enable " + Shell.quote("wg-quick@" + s.iface())
                    + " || fail " + Shell.quote(s.stepName()) + " 'cannot enable it at boot: '\"$(detail)\"; fi");
        }

        private void firewall(FirewallStep f) {
            String step = Shell.quote(f.stepName());
            f.validateCommand().ifPresent(v -> line("if ! " + guarded(v) + "; then fail " + step + " "
                    + Shell.quote(f.name() + " validation failed, nothing loaded: ") + "\"$(detail)\"; fi"));
            line("fw=1");
            line("if ! " + guarded(f.loadCommand()) + "; then fail " + step + " " + Shell.quote(f.name() + " loading failed: ") + "\"$(detail)\"; fi");
            line("step_ok " + step);
        }

        private void service(int n, ServiceStep s) {
            String step = Shell.quote(s.stepName());
            s.validateCommand().ifPresent(v -> line("if ! " + guarded(v) + "; then fail " + step + " "
                    + Shell.quote("validation failed (" + v + "), not reloaded: ") + "\"$(detail)\"; fi"));
            line("sv" + n + "=1");
            line("if ! " + guarded(s.reloadCommand()) + "; then fail " + step + " "
                    + Shell.quote("reload failed (" + s.reloadCommand() + "): ") + "\"$(detail)\"; fi");
            line("step_ok " + step);
        }

        private void verify() {
            line("PHASE=verify");
            line("verify_read");
            for (InterfaceStep s : req.interfaces()) {
                if (s.action() == InterfaceAction.DOWN) line("verify_down " + Shell.quote(s.iface()));
                else line("verify_up " + Shell.quote(s.iface()) + " " + s.expectedPeers());
            }
        }

        private void finish() {
            line("PHASE=finish");
            if (req.confirm().isPresent()) {
                // how far the run got (all the way): the watchdog's revert undoes it as a failed step's rollback would
                StringBuilder save = new StringBuilder("printf '%s\\n'");
                for (String name : flagNames()) save.append(" \"").append(name).append("=$").append(name).append('"');
                line(save + " >\"$BK/flags\" || fail confirm:flags 'cannot save the run flags for the watchdog'");
            }
            line("write_manifest <<'" + Shell.HEREDOC_END + "'");
            sh.append(Shell.base64Body(req.manifestJson()));
            line("prune_backups");
            line("confirm_settle");
            line("say '@@result ok'");
            line("exit 0");
        }

        /**
         * Put back what this run changed, each item only if it got that far: first take down interfaces running a
         * config this run brought up (while that config is still there), restore the files, reload the firewall,
         * bring interfaces back as they were, reload services with their old configs.
         */
        private void rollback() {
            sh.append("rollback() {\n");
            List<InterfaceStep> ifs = req.interfaces();
            for (int k = 0; k < ifs.size(); k++) {
                InterfaceStep s = ifs.get(k);
                if (s.action() == InterfaceAction.DOWN) continue;
                String iface = Shell.quote(s.iface());
                String cond = s.action() == InterfaceAction.LIVE_SYNC ? "[ \"$tk" + k + "\" = 1 ] && [ \"$up" + k + "\" = 0 ]" : "[ \"$tk" + k + "\" = 1 ]";
                line(cond + " && is_up " + iface + " && { if wg_down " + iface + " " + root(s.configPath()) + "; then rb_ok "
                        + Shell.quote("down:" + s.iface()) + "; else rb_failed " + Shell.quote("down:" + s.iface()) + " \"$(detail)\"; fi; }");
            }
            for (Staged s : staged) {
                String p = Shell.quote(s.path());
                line("if [ \"$c" + s.v() + "\" = 1 ]; then");
                line("  if [ \"$o" + s.v() + "\" = 1 ]; then if restore_file " + p + "; then rb_ok " + Shell.quote("restore:" + s.path())
                        + "; else rb_failed " + Shell.quote("restore:" + s.path()) + " 'cannot restore the backup'; fi");
                line("  else if rm -f " + root(s.path()) + "; then rb_ok " + Shell.quote("remove:" + s.path()) + "; else rb_failed "
                        + Shell.quote("remove:" + s.path()) + " 'cannot remove the new file'; fi; fi");
                line("fi");
            }
            for (int j = 0; j < req.deletes().size(); j++) {
                String d = req.deletes().get(j);
                line("if [ \"$rd" + j + "\" = 1 ]; then if restore_file " + Shell.quote(d) + "; then rb_ok " + Shell.quote("restore:" + d)
                        + "; else rb_failed " + Shell.quote("restore:" + d) + " 'cannot restore the backup'; fi; fi");
            }
            req.firewall().ifPresent(f -> line("if [ \"$fw\" = 1 ]; then if " + guarded(f.rollbackCommand()) + "; then rb_ok "
                    + Shell.quote(f.stepName()) + "; else rb_failed " + Shell.quote(f.stepName()) + " \"$(detail)\"; fi; fi"));
            for (int k = 0; k < ifs.size(); k++) restoreInterface(k, ifs.get(k));
            for (int n = 0; n < req.services().size(); n++) {
                ServiceStep s = req.services().get(n);
                String check = s.validateCommand().map(v -> guarded(v) + " && ").orElse("");
                line("if [ \"$sv" + n + "\" = 1 ]; then if " + check + guarded(s.reloadCommand()) + "; then rb_ok " + Shell.quote(s.stepName())
                        + "; else rb_failed " + Shell.quote(s.stepName()) + " \"$(detail)\"; fi; fi");
            }
            sh.append("  return 0\n}\n");
        }

        private void restoreInterface(int k, InterfaceStep s) {
            String iface = Shell.quote(s.iface());
            String conf = root(s.configPath());
            String up = Shell.quote("up:" + s.iface());
            if (s.action() == InterfaceAction.LIVE_SYNC) {
                String sync = Shell.quote("live-sync:" + s.iface());
                line("if [ \"$sy" + k + "\" = 1 ]; then if live_sync " + iface + " " + conf + "; then rb_ok " + sync + "; else rb_failed "
                        + sync + " \"$SYNC_MSG\"; fi; fi");
            } else {
                line("if [ \"$tk" + k + "\" = 1 ] && [ \"$up" + k + "\" = 1 ] && ! is_up " + iface + "; then if wg_up " + iface + " " + conf
                        + "; then rb_ok " + up + "; else rb_failed " + up + " \"$(detail)\"; fi; fi");
            }
            if (req.systemd()) {
                String unit = Shell.quote("wg-quick@" + s.iface());
                line("if [ \"$ene" + k + "\" = 1 ]; then run systemctl disable " + unit + " || rb_failed " + Shell.quote("disable:" + s.iface()) + " \"$(detail)\"; fi");
                line("if [ \"$dis" + k + "\" = 1 ]; then run systemctl enable " + unit + " || rb_failed " + Shell.quote("enable:" + s.iface()) + " \"$(detail)\"; fi");
            }
        }

        /** A caller's command in a subshell (its exit or cd cannot touch us), stdin closed, output kept for detail. */
        private static String guarded(String command) {
            return "( " + command + " ) </dev/null >\"$OUT\" 2>&1 9>&-";
        }

        private static String root(String path) {
            return "\"$R\"" + Shell.quote(path);
        }

        private void line(String text) {
            sh.append("  ").append(text).append('\n');
        }
    }
}
