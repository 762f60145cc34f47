package dev.wgform.planner;

import dev.wgform.facts.FileFact;
import dev.wgform.render.Placeholders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Puts rendered text into the form the fact script reports files in, so the two can be compared and diffed. */
final class Redaction {
    static final String KNOWN_AFTER_APPLY = "(known after apply)";
    private static final String WS = " \\t\\x0B\\f\\r";
    private static final String MARKER = Matcher.quoteReplacement(FileFact.SECRET_MARKER);
    private static final String PENDING = Matcher.quoteReplacement(KNOWN_AFTER_APPLY);

    /**
     * The fact script's redaction (FactScript.redactSedProgram) again, on the workstation: a host's file should
     * arrive redacted, and if some odd spelling slipped through, its value still never reaches a plan.
     */
    private static final Pattern SECRET_VALUE = Pattern.compile("(?m)^([#;" + WS + "]*(?i:" + spaced("privatekey") + "|"
            + spaced("presharedkey") + ")[" + WS + "]*=[" + WS + "]*).*$");

    private Redaction() {}

    /** A host file's content with any secret value left in it replaced by the marker (normally a no-op). */
    static String hostContent(String content) {
        Matcher m = SECRET_VALUE.matcher(content);
        while (m.find()) {
            if (!content.startsWith(FileFact.SECRET_MARKER, m.end(1)) || m.end() != m.end(1) + FileFact.SECRET_MARKER.length()) {
                return SECRET_VALUE.matcher(content).replaceAll("$1" + MARKER);
            }
        }
        return content;
    }

    private static String spaced(String word) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (out.length() > 0) out.append('[').append(WS).append("]*");
            out.append(c);
        }
        return out.toString();
    }

    /** Each {@code {{wgform-secret:/path}}} becomes the host's marker {@code {{wgform-secret}}}, as the fact script redacts. */
    static String redacted(String rendered) {
        if (rendered.indexOf("{{wgform-secret:") < 0) return rendered;
        return Placeholders.SECRET.matcher(rendered).replaceAll(MARKER);
    }

    /** The rendering holds public keys that exist only after apply has generated them. */
    static boolean hasPendingKeys(String rendered) {
        return rendered.contains("{{wgform-pubkey:") && Placeholders.PUBLIC_KEY.matcher(rendered).find();
    }

    /** For diffs: pending public keys read "(known after apply)". */
    static String forDisplay(String redacted) {
        if (redacted.indexOf("{{wgform-pubkey:") < 0) return redacted;
        return Placeholders.PUBLIC_KEY.matcher(redacted).replaceAll(PENDING);
    }
}
