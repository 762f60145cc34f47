package dev.wgform.apply;

import dev.wgform.crypto.WgKeys;
import dev.wgform.crypto.Secret;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One step of a rotation stage on one host, as a call into the rotation library (rotate.sh). Every op can run again
 * with the same result, so a killed rotation is resumed by repeating its stage. Ops name keys by their public half
 * and files by path; the one secret an op carries is a new PSK, which travels in a heredoc.
 */
public sealed interface RotationOp permits RotationOp.Prepare, RotationOp.PushNextPsk, RotationOp.Stage, RotationOp.Promote,
        RotationOp.Demote, RotationOp.Drop, RotationOp.LiveKey, RotationOp.LivePsk, RotationOp.Move, RotationOp.Restore,
        RotationOp.Unstage, RotationOp.AwaitHandshakes, RotationOp.Ping {

    /** host:port, [v6]:port; what wg set takes as an endpoint, checked so it can go on a command line. */
    Pattern ENDPOINT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):[0-9]{1,5}");
    Pattern ALLOWED_IPS = Pattern.compile("[0-9A-Fa-f:.]+/[0-9]{1,3}(,[0-9A-Fa-f:.]+/[0-9]{1,3})*");

    /** The script line(s) of this op. */
    String line();

    /** Makes {@code <key>.next} (a new one when {@code fresh}) and prints the current and next public keys. */
    record Prepare(String iface, String keyPath, boolean fresh) implements RotationOp {
        public Prepare {
            Shell.checkInterface(iface);
            Shell.checkPath(keyPath, "key path");
        }

        @Override
        public String line() {
            return "rot_prepare " + Shell.quote(iface) + " " + Shell.quote(keyPath) + " " + (fresh ? "1" : "0");
        }
    }

    /** Writes a pair's next PSK to {@code <path>.next}; prints its hash. */
    record PushNextPsk(String path, Secret psk) implements RotationOp {
        public PushNextPsk {
            Shell.checkPath(path, "PSK path");
            if (psk == null || psk.length() != Secret.KEY_LENGTH) throw new IllegalArgumentException("a PSK is 32 bytes");
        }

        @Override
        public String line() {
            return "write_psk " + Shell.quote(path + ".next") + " <<'" + Shell.HEREDOC_END + "'\n" + psk.base64ForTransfer() + "\n"
                    + Shell.HEREDOC_END;
        }

        @Override
        public String toString() {
            return "PushNextPsk[" + path + ", (sensitive)]";
        }
    }

    /** Adds a peer entry for a new public key with no AllowedIPs yet, so nothing routes to it before the swap. */
    record Stage(String iface, String publicKey, String endpoint, String pskPath) implements RotationOp {
        public Stage {
            Shell.checkInterface(iface);
            checkKey(publicKey);
            checkEndpoint(endpoint);
            if (!pskPath.isEmpty()) Shell.checkPath(pskPath, "PSK path");
        }

        @Override
        public String line() {
            return "rot_stage " + Shell.quote(iface) + " " + Shell.quote(publicKey) + " " + Shell.quote(endpoint) + " " + Shell.quote(pskPath);
        }
    }

    /** {@code <path>.next} over {@code path}, keeping {@code <path>.prev}. */
    record Promote(String path) implements RotationOp {
        public Promote {
            Shell.checkPath(path, "path");
        }

        @Override
        public String line() {
            return "rot_promote " + Shell.quote(path);
        }
    }

    /** {@code <path>.prev} back over {@code path}. */
    record Demote(String path) implements RotationOp {
        public Demote {
            Shell.checkPath(path, "path");
        }

        @Override
        public String line() {
            return "rot_demote " + Shell.quote(path);
        }
    }

    /** Removes rotation material: a {@code .next} or {@code .prev} file. */
    record Drop(String path) implements RotationOp {
        public Drop {
            Shell.checkPath(path, "path");
            if (!path.endsWith(".next") && !path.endsWith(".prev")) throw new IllegalArgumentException("only .next and .prev files are dropped: " + path);
        }

        @Override
        public String line() {
            return "rot_drop " + Shell.quote(path);
        }
    }

    /** The interface takes the private key in {@code keyPath}, live; prints the host's clock at the switch. */
    record LiveKey(String iface, String keyPath) implements RotationOp {
        public LiveKey {
            Shell.checkInterface(iface);
            Shell.checkPath(keyPath, "key path");
        }

        @Override
        public String line() {
            return "rot_live_key " + Shell.quote(iface) + " " + Shell.quote(keyPath);
        }
    }

    /** The peer entry {@code publicKey} takes the PSK in {@code pskPath}, live. */
    record LivePsk(String iface, String publicKey, String pskPath) implements RotationOp {
        public LivePsk {
            Shell.checkInterface(iface);
            checkKey(publicKey);
            Shell.checkPath(pskPath, "PSK path");
        }

        @Override
        public String line() {
            return "rot_live_psk " + Shell.quote(iface) + " " + Shell.quote(publicKey) + " " + Shell.quote(pskPath);
        }
    }

    /** AllowedIPs (and keepalive) from the old key's entry to the new one's, and the old entry removed: one wg set. */
    record Move(String iface, String newKey, String oldKey, List<String> allowedIps, int keepalive) implements RotationOp {
        public Move {
            Shell.checkInterface(iface);
            checkKey(newKey);
            checkKey(oldKey);
            allowedIps = List.copyOf(allowedIps);
            checkAllowedIps(allowedIps);
            checkKeepalive(keepalive);
        }

        @Override
        public String line() {
            return "rot_move " + Shell.quote(iface) + " " + Shell.quote(newKey) + " " + Shell.quote(oldKey) + " "
                    + Shell.quote(String.join(",", allowedIps)) + " " + keepalive;
        }
    }

    /** The old key's entry as the config has it, and the new key's entry removed: the rollback of a move. */
    record Restore(String iface, String oldKey, String newKey, List<String> allowedIps, String endpoint, int keepalive,
                   String pskPath) implements RotationOp {
        public Restore {
            Shell.checkInterface(iface);
            checkKey(oldKey);
            checkKey(newKey);
            allowedIps = List.copyOf(allowedIps);
            checkAllowedIps(allowedIps);
            checkEndpoint(endpoint);
            checkKeepalive(keepalive);
            if (!pskPath.isEmpty()) Shell.checkPath(pskPath, "PSK path");
        }

        @Override
        public String line() {
            return "rot_restore " + Shell.quote(iface) + " " + Shell.quote(oldKey) + " " + Shell.quote(newKey) + " "
                    + Shell.quote(String.join(",", allowedIps)) + " " + Shell.quote(endpoint) + " " + keepalive + " " + Shell.quote(pskPath);
        }
    }

    /** Removes a staged entry (an aborted rotation). */
    record Unstage(String iface, String publicKey) implements RotationOp {
        public Unstage {
            Shell.checkInterface(iface);
            checkKey(publicKey);
        }

        @Override
        public String line() {
            return "rot_unstage " + Shell.quote(iface) + " " + Shell.quote(publicKey);
        }
    }

    /** Waits for a handshake newer than {@code since} (host clock) with each peer, pinging them meanwhile. */
    record AwaitHandshakes(String iface, long since, int timeoutSeconds, List<Probe> peers) implements RotationOp {
        public AwaitHandshakes {
            Shell.checkInterface(iface);
            if (since < 0 || timeoutSeconds < 0) throw new IllegalArgumentException("since and timeout must not be negative");
            peers = List.copyOf(peers);
        }

        @Override
        public String line() {
            StringBuilder sh = new StringBuilder("rot_await ").append(Shell.quote(iface)).append(' ').append(since).append(' ')
                    .append(timeoutSeconds).append(" <<'").append(Shell.HEREDOC_END).append("'\n");
            for (Probe p : peers) sh.append(p.publicKey()).append(' ').append(p.address()).append('\n');
            return sh.append(Shell.HEREDOC_END).toString();
        }
    }

    /** A peer to hear from: its public key on this host, and its plane address to ping. */
    record Probe(String publicKey, String address) {
        public Probe {
            checkKey(publicKey);
            if (!address.matches("[0-9A-Fa-f:.]+")) throw new IllegalArgumentException("not an address: " + address);
        }
    }

    /** Pings a plane address until it answers or the timeout passes. */
    record Ping(String address, int timeoutSeconds) implements RotationOp {
        public Ping {
            if (!address.matches("[0-9A-Fa-f:.]+")) throw new IllegalArgumentException("not an address: " + address);
            if (timeoutSeconds < 0) throw new IllegalArgumentException("timeout must not be negative");
        }

        @Override
        public String line() {
            return "rot_ping " + Shell.quote(address) + " " + timeoutSeconds;
        }
    }

    private static void checkKey(String key) {
        if (!WgKeys.isValidKeyText(key)) throw new IllegalArgumentException("not a WireGuard public key: " + key);
    }

    private static void checkEndpoint(String endpoint) {
        if (!endpoint.isEmpty() && !ENDPOINT.matcher(endpoint).matches()) throw new IllegalArgumentException("not an endpoint: " + endpoint);
    }

    private static void checkAllowedIps(List<String> ips) {
        if (ips.isEmpty() || !ALLOWED_IPS.matcher(String.join(",", ips)).matches()) {
            throw new IllegalArgumentException("not a list of CIDRs: " + ips);
        }
    }

    private static void checkKeepalive(int keepalive) {
        if (keepalive < 0 || keepalive > 65535) throw new IllegalArgumentException("keepalive out of range: " + keepalive);
    }
}
