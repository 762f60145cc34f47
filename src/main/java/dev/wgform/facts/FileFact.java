package dev.wgform.facts;

import java.util.Optional;

/**
 * A file on the host. {@code content} has PrivateKey/PresharedKey values replaced on the host by the marker
 * {@code {{wgform-secret}}}; {@code sha256} is of that redacted content. A big file may arrive as its digest only
 * ({@link #digestOnly}): its content is null until the run has it sent or finds it equal to a rendering.
 */
public record FileFact(String path, boolean exists, String content, int mode, String owner, String sha256) {
    /** What the fact script puts, on the host, where a PrivateKey or PresharedKey value was. */
    public static final String SECRET_MARKER = "{{wgform-secret}}";

    /**
     * Ends the content of a file the fact script could not read exactly (it changed while being read, or holds NUL
     * bytes): such content can never equal a rendering, so the plan rewrites the file, and its diff says why.
     */
    public static final String INEXACT_NOTE = "\n(wgform: this file changed while it was read, or holds bytes that cannot be shown)\n";

    public static FileFact absent(String path) {
        return new FileFact(path, false, "", 0, "", "");
    }

    /** A file the host sent as its mode, owner and the digest of its redacted content, the text held back. */
    public static FileFact digestOnly(String path, int mode, String owner, String sha256) {
        return new FileFact(path, true, null, mode, owner, sha256);
    }

    /** Whether only the digest of its content is known so far. */
    public boolean isDigestOnly() {
        return content == null;
    }

    /** This file with its content known: {@code text} (redacted, as the host holds it). */
    public FileFact withContent(String text, String sha256OfText) {
        return new FileFact(path, exists, text, mode, owner, sha256OfText);
    }

    public Optional<String> contentIfPresent() {
        return exists ? Optional.of(content) : Optional.empty();
    }
}
