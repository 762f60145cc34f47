package dev.wgform.desired;

/** Where a host keeps its WireGuard secrets; they are generated or pushed there and never read back. */
public final class KeyPaths {
    public static final String KEY_DIR = "/etc/wireguard/keys";

    private KeyPaths() {}

    /** The interface's private key, generated on the host. */
    public static String privateKey(String interfaceName) {
        return KEY_DIR + "/" + interfaceName + ".key";
    }

    /** The pre-shared key this host shares with {@code peerHost} on the interface; named after the other peer. */
    public static String presharedKey(String interfaceName, String peerHost) {
        return KEY_DIR + "/" + interfaceName + "/" + peerHost + ".psk";
    }
}
