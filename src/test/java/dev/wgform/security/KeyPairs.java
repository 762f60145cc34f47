package dev.wgform.security;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** SSH key pairs and OpenSSH private key files for the loopback hosts. */
final class KeyPairs {
    private KeyPairs() {}

    static KeyPair ed25519() {
        return generate(KeyPairProvider.SSH_ED25519, 256);
    }

    static KeyPair ecdsa() {
        return generate(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    }

    private static KeyPair generate(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(KeyPair key, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, out);
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
