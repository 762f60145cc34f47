package dev.wgform.apply;

import dev.wgform.crypto.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A pre-shared key to write on a host. The file holds the key as base64 plus a newline, as {@code wg genpsk}
 * prints it, so wg-quick's {@code PresharedKey =} line can take it verbatim.
 *
 * @param iface interface the key belongs to
 * @param peer  the other host of the pair
 * @param path  /etc/wireguard/keys/wg-mgmt/node-b.psk
 * @param psk   the value; toString() never shows it
 */
public record PskPush(String iface, String peer, String path, Secret psk) {
    public PskPush {
        Shell.checkInterface(iface);
        Shell.checkOneLine(peer, "peer");
        Shell.checkPath(path, "PSK path");
        if (psk == null || psk.length() != Secret.KEY_LENGTH) throw new IllegalArgumentException("a PSK is 32 bytes");
    }

    /** The PSK file's exact content. */
    String fileContent() {
        return psk.base64ForTransfer() + "\n";
    }

    /** The hash the host will report for this PSK's file: sha256 of the file's bytes, hex. */
    public String expectedHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(fileContent().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
