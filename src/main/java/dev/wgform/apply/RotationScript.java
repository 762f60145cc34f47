package dev.wgform.apply;

import java.util.List;

/**
 * The one command a rotation stage runs on a host: its ops in order, under the host's wgform lock. It prints public
 * keys, epochs, PSK hashes and outcomes, never a secret; see {@link RotationResult}.
 */
public final class RotationScript {
    private RotationScript() {}

    public static String build(List<RotationOp> ops) {
        if (ops.isEmpty()) throw new IllegalArgumentException("a rotation step needs at least one op");
        StringBuilder sh = new StringBuilder(8192);
        sh.append("#!/bin/sh\n# wgform rotation step: prints public keys, epochs and PSK hashes, never a secret\n");
        sh.append(ScriptLibrary.COMMON).append(ScriptLibrary.KEYS).append(ScriptLibrary.ROTATE);
        sh.append("take_lock ").append(Shell.quote(LockHolder.current()))
                .append(" || fail \"another wgform run is in progress on this host: $LOCK_HOLDER (lock /var/lib/wgform/lock)\"\n");
        sh.append("clean_stale \"$R\"/etc/wireguard/keys\n");
        sh.append("new_temp \"$STATE\" || fail \"cannot create a temp file in /var/lib/wgform\"\nOUT=$NT\n");
        for (RotationOp op : ops) sh.append(op.line()).append('\n');
        sh.append("say \"@@end\"\n");
        return sh.toString();
    }
}
