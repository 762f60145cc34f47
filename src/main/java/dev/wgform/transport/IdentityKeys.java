package dev.wgform.transport;

import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Private keys read from files, each read (and its passphrase asked) once per run however many hosts use it.
 * Keys are read before connecting so that a missing, unreadable or locked key is reported as such, not as a
 * failed login.
 */
final class IdentityKeys {

    /** Keys to offer to one host, and why any other candidate key was left out. */
    record Offer(List<Path> files, List<KeyPair> keys, List<String> skipped) {
        Offer {
            files = List.copyOf(files);
            keys = List.copyOf(keys);
            skipped = List.copyOf(skipped);
        }
    }

    private final PassphraseSource passphrases;
    private final Map<Path, List<KeyPair>> loaded = new HashMap<>();

    IdentityKeys(PassphraseSource passphrases) {
        this.passphrases = passphrases;
    }

    /**
     * The keys of {@code hop}. A key named for the host (inventory or ssh config) must load; of the default keys,
     * those that do not load are skipped as long as one does, as OpenSSH does.
     */
    Offer offerFor(Hop hop) throws ConnectFailure {
        if (hop.identities().isEmpty()) {
            throw new ConnectFailure("no private key to log in with: none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa exists; "
                    + "set ansible_ssh_private_key_file or IdentityFile in the ssh config");
        }
        List<Path> files = new ArrayList<>();
        List<KeyPair> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : hop.identities()) {
            try {
                keys.addAll(load(file));
                files.add(file);
            } catch (ConnectFailure e) {
                if (hop.named()) throw e;
                skipped.add(e.getMessage());
            }
        }
        if (keys.isEmpty()) throw new ConnectFailure(String.join("; ", skipped));
        return new Offer(files, keys, skipped);
    }

    /** Serialised: one passphrase prompt at a time, and each file read once. */
    synchronized List<KeyPair> load(Path file) throws ConnectFailure {
        List<KeyPair> known = loaded.get(file);
        if (known != null) return known;
        if (!Files.isRegularFile(file)) throw new ConnectFailure("private key " + file + " does not exist");
        if (!Files.isReadable(file)) throw new ConnectFailure("private key " + file + " is not readable (permissions)");
        AtomicReference<Optional<Boolean>> passphraseGiven = new AtomicReference<>(Optional.empty());
        FilePasswordProvider asking = (session, resource, retry) -> {
            Optional<String> passphrase = passphrases.passphraseFor(file);
            passphraseGiven.set(Optional.of(passphrase.isPresent()));
            return passphrase.orElse(null);
        };
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> read = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, asking);
            if (read != null) read.forEach(keys::add);
        } catch (Exception e) {
            throw new ConnectFailure(passphraseGiven.get()
                    .map(given -> given
                            ? "cannot decrypt private key " + file + ": wrong passphrase?"
                            : "private key " + file + " is encrypted: set " + PassphraseSource.ENVIRONMENT_VARIABLE
                                    + " or run wgform from a terminal to be asked for its passphrase")
                    .orElse("cannot read private key " + file + ": " + Messages.reason(e)), e);
        }
        if (keys.isEmpty()) throw new ConnectFailure("no private key found in " + file);
        loaded.put(file, List.copyOf(keys));
        return loaded.get(file);
    }
}
