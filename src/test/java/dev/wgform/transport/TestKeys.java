package dev.wgform.transport;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/** Key pairs and OpenSSH private key files for tests (the transport tests and the security tests). */
public final class TestKeys {
    private TestKeys() {
    }

    public static KeyPair ed25519() {
        return generate(KeyPairProvider.SSH_ED25519, 256);
    }

    public static KeyPair ecdsa() {
        return generate(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    }

    private static KeyPair generate(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code key} as an OpenSSH private key file, encrypted when a passphrase is given. */
    public static Path write(KeyPair key, Path file, String passphrase) {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyEncryptionContext encryption = null;
            if (passphrase != null) {
                encryption = new OpenSSHKeyEncryptionContext();
                encryption.setPassword(passphrase);
                encryption.setCipherName("AES");
                encryption.setCipherMode("CTR");
                encryption.setCipherType("256");
                encryption.setKdfRounds(2); // bcrypt rounds: keep the test fast
            }
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path write(KeyPair key, Path file) {
        return write(key, file, null);
    }
}
