package dev.wgform.apply;

/**
 * An interface's private key file that must exist on the host: generated there when missing, never read back.
 *
 * @param iface interface name (wg-mgmt)
 * @param path  key file, e.g. /etc/wireguard/keys/wg-mgmt.key
 */
public record KeyRequest(String iface, String path) {
    public KeyRequest {
        Shell.checkInterface(iface);
        Shell.checkPath(path, "key path");
    }
}
