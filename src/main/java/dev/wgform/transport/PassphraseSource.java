package dev.wgform.transport;

import java.io.Console;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the passphrase of an encrypted private key comes from. Asked at most once per key file and run. */
@FunctionalInterface
public interface PassphraseSource {

    /** The environment variable read by {@link #environmentThenConsole()}. */
    String ENVIRONMENT_VARIABLE = "WGFORM_SSH_PASSPHRASE";

    /** The passphrase for {@code keyFile}, or empty when there is none to give. */
    Optional<String> passphraseFor(Path keyFile);

    /** Never a passphrase: encrypted keys cannot be used. */
    static PassphraseSource none() {
        return keyFile -> Optional.empty();
    }

    /** The same passphrase for every key. */
    static PassphraseSource fixed(String passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        return keyFile -> Optional.of(passphrase);
    }

    /** {@value #ENVIRONMENT_VARIABLE} if set, else a prompt on the terminal if there is one, else none. */
    static PassphraseSource environmentThenConsole() {
        return keyFile -> {
            String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
            if (fromEnvironment != null) return Optional.of(fromEnvironment);
            Console console = System.console();
            if (console == null) return Optional.empty();
            char[] typed = console.readPassword("Enter passphrase for %s: ", keyFile);
            return typed == null ? Optional.empty() : Optional.of(new String(typed));
        };
    }
}
