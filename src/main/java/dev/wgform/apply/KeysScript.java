package dev.wgform.apply;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The KEYS step: a script that makes sure each interface's private key exists on the host (generated there with
 * {@code wg genkey}, never read back) and writes the pre-shared keys handed in. It prints only public keys, key
 * mtimes and PSK hashes; see {@link KeysResult}.
 */
public final class KeysScript {
    private KeysScript() {}

    public static String build(List<KeyRequest> keys, List<PskPush> psks) {
        checkDistinct(keys, psks);
        StringBuilder sh = new StringBuilder(4096);
        sh.append("#!/bin/sh\n# wgform keys step: prints public keys and PSK hashes, never a secret\n");
        sh.append(ScriptLibrary.COMMON).append(ScriptLibrary.KEYS);
        lockAndClean(sh, keys, psks);
        for (KeyRequest k : keys) {
            sh.append("ensure_key ").append(Shell.quote(k.iface())).append(' ').append(Shell.quote(k.path())).append('\n');
        }
        for (PskPush p : psks) {
            // The PSK (base64 text, as wg genpsk prints it) is the heredoc body: it never appears on a command line.
            sh.append("write_psk ").append(Shell.quote(p.path())).append(" <<'").append(Shell.HEREDOC_END).append("'\n");
            sh.append(p.fileContent()).append(Shell.HEREDOC_END).append('\n');
        }
        sh.append("say \"@@end\"\n");
        return sh.toString();
    }

    /** The line a fact script followed by {@link #onAnswer} prints once its facts are out, to ask for its answer. */
    public static final String ASK = "@@keys?";
    /** The answer that makes the keys; any other answer, or none (end of input), makes nothing. */
    public static final String MAKE = "make";

    /**
     * The keys step as an answer, appended to apply's fact script: one command reads the host and, once the
     * workstation has planned every host and the run was approved, makes the host's missing private keys. It prints
     * {@link #ASK} and reads one line: {@link #MAKE} runs the keys step for each key still missing (its output as
     * {@link #build}'s, after that line); anything else, or the end of input when the run goes no further (a plan
     * refused, not approved, or bad input found), ends it having changed nothing. The whole block is one compound
     * command, so the shell has parsed all of it before it asks: the answer cannot be taken for script text.
     */
    public static String onAnswer(List<KeyRequest> keys) {
        checkDistinct(keys, List.of());
        StringBuilder sh = new StringBuilder(8192);
        sh.append("{\necho '").append(ASK).append("'\n");
        sh.append("if IFS= read -r WGF_ANSWER && [ \"$WGF_ANSWER\" = ").append(MAKE).append(" ]; then (\n");
        sh.append(ScriptLibrary.COMMON).append(ScriptLibrary.KEYS);
        lockAndClean(sh, keys, List.of());
        for (KeyRequest k : keys) {
            sh.append("[ -s \"$R\"").append(Shell.quote(k.path())).append(" ] || ensure_key ").append(Shell.quote(k.iface())).append(' ')
                    .append(Shell.quote(k.path())).append('\n');
        }
        sh.append("say \"@@end\"\n) fi\n}\n");
        return sh.toString();
    }

    private static void lockAndClean(StringBuilder sh, List<KeyRequest> keys, List<PskPush> psks) {
        sh.append("take_lock ").append(Shell.quote(LockHolder.current()))
                .append(" || fail \"another wgform run is in progress on this host: $LOCK_HOLDER (lock /var/lib/wgform/lock)\"\n");
        Set<String> dirs = new LinkedHashSet<>();
        keys.forEach(k -> dirs.add(Shell.parent(k.path())));
        psks.forEach(p -> dirs.add(Shell.parent(p.path())));
        dirs.add("/var/lib/wgform");
        for (String dir : dirs) sh.append("clean_stale \"$R\"").append(Shell.quote(dir)).append('\n');
        sh.append("new_temp \"$STATE\" || fail \"cannot create a temp file in /var/lib/wgform\"\nOUT=$NT\n");
    }

    private static void checkDistinct(List<KeyRequest> keys, List<PskPush> psks) {
        Set<String> ifaces = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        for (KeyRequest k : keys) {
            if (!ifaces.add(k.iface())) throw new IllegalArgumentException("interface listed twice: " + k.iface());
            if (!paths.add(k.path())) throw new IllegalArgumentException("path listed twice: " + k.path());
        }
        for (PskPush p : psks) {
            if (!paths.add(p.path())) throw new IllegalArgumentException("path listed twice: " + p.path());
        }
    }
}
