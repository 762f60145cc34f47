package dev.wgform.render;

import java.util.regex.Pattern;

/**
 * The markers rendered files carry instead of secrets and not-yet-known keys. The install step on the host
 * replaces secret markers with the contents of the named key file; the fact script redacts them again before
 * anything leaves the host. This syntax is a contract: install, facts and plan code match these patterns.
 */
public final class Placeholders {
    /** {@code {{wgform-secret:/etc/wireguard/keys/wg-mgmt.key}}}; group 1 is the key file on the host. */
    public static final Pattern SECRET = Pattern.compile("\\{\\{wgform-secret:(/[^{}\\s]+)}}");
    /** {@code {{wgform-pubkey:node-b/mgmt}}}; group 1 is the host, group 2 the plane. */
    public static final Pattern PUBLIC_KEY = Pattern.compile("\\{\\{wgform-pubkey:([^/{}\\s]+)/([^/{}\\s]+)}}");

    private Placeholders() {}

    /** Stands for the contents of the key file at {@code path} on the host. */
    public static String secret(String path) {
        return "{{wgform-secret:" + path + "}}";
    }

    /** Stands for the public key of {@code host}'s interface on {@code plane}, unknown until the host has one. */
    public static String publicKey(String host, String plane) {
        return "{{wgform-pubkey:" + host + "/" + plane + "}}";
    }
}
