package dev.wgform.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rendered file's part of a change. Never holds a secret: contents keep their placeholders
 * ({@code {{wgform-secret:PATH}}}, {@code {{wgform-pubkey:HOST/PLANE}}}), diffs compare redacted texts.
 *
 * @param path       absolute path on the host
 * @param mode       permission bits, e.g. {@code 0600}
 * @param kind       {@code wg}, {@code firewall} or {@code service:<name>}
 * @param oldSha256  SHA-256 of the host's file as the fact script reported it (secrets redacted); empty when absent
 * @param newSha256  SHA-256 of the file as the fact script will report it after apply (the rendered content with its
 *                   secrets redacted to {@code {{wgform-secret}}}), which is what the manifest records; empty when
 *                   deleting, or while public keys it contains are known only after apply
 * @param newContent what to install, placeholders and all; empty for NOOP and DELETE (nothing to write)
 * @param diff       unified diff from the host's redacted file to the redacted rendering, pending public keys shown
 *                   as "(known after apply)"; empty when nothing changes in the text
 */
public record FileChange(String path, int mode, String kind, Optional<String> oldSha256, Optional<String> newSha256,
                         String newContent, String diff) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public FileChange {
        Checks.path(path);
        Checks.name(kind, "kind");
        if (mode < 0 || mode > 07777) throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        if (oldSha256.isPresent() && !HEX64.matcher(oldSha256.get()).matches()) throw new IllegalArgumentException("old sha256 must be 64 hex digits");
        if (newSha256.isPresent() && !HEX64.matcher(newSha256.get()).matches()) throw new IllegalArgumentException("new sha256 must be 64 hex digits");
        if (newContent == null || diff == null) throw new IllegalArgumentException("content and diff are required (may be empty)");
        Checks.noSecret(newContent, path);
        Checks.noSecret(diff, "the diff of " + path);
    }

    /** The mode as ls-style octal text: 0600. */
    public String modeOctal() {
        return String.format("%04o", mode);
    }
}
