package dev.wgform.planner;

import dev.wgform.facts.FileFact;
import dev.wgform.render.Placeholders;
import java.util.regex.Matcher;

/** Puts rendered text into the form the fact script reports files in, so the two can be compared and diffed. */
final class Redaction {
    static final String KNOWN_AFTER_APPLY = "(known after apply)";
    private static final String PENDING = Matcher.quoteReplacement(KNOWN_AFTER_APPLY);

    private Redaction() {}

    /**
     * A host file's content with any secret value left in it replaced by the marker: the fact script's redaction
     * (FactScript.redactSedProgram) again, on the workstation. A host's file should arrive redacted; if some odd
     * spelling slipped through, its value still never reaches a plan. Same rule as the script: a line that is, after
     * any '#', ';' and blanks, "private key" or "preshared key" in any case and spacing, then '='.
     */
    static String hostContent(String content) {
        StringBuilder out = null;
        int lineStart = 0;
        int n = content.length();
        while (lineStart < n) {
            int nl = content.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? n : nl;
            int valueStart = secretValueStart(content, lineStart, lineEnd);
            boolean leaks = valueStart >= 0 && !(lineEnd - valueStart == FileFact.SECRET_MARKER.length()
                    && content.startsWith(FileFact.SECRET_MARKER, valueStart));
            if (leaks && out == null) out = new StringBuilder(n).append(content, 0, lineStart);
            if (leaks) {
                out.append(content, lineStart, valueStart).append(FileFact.SECRET_MARKER); // the rest of the line, as sed's .*
            } else if (out != null) {
                out.append(content, lineStart, lineEnd);
            }
            if (out != null && nl >= 0) out.append('\n');
            lineStart = lineEnd + 1;
        }
        return out == null ? content : out.toString();
    }

    private static final String PRIVATE_KEY = "privatekey";
    private static final String PRESHARED_KEY = "presharedkey";

    /** Where the value of a PrivateKey/PresharedKey line starts (after '=' and blanks), or -1 for other lines. */
    private static int secretValueStart(String s, int from, int to) {
        int i = from;
        while (i < to && (s.charAt(i) == '#' || s.charAt(i) == ';' || isBlank(s.charAt(i)))) i++;
        // match both words at once, letter by letter, ignoring case and blanks
        int privateAt = 0;
        int presharedAt = 0;
        for (; i < to && s.charAt(i) != '='; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (isBlank(c)) continue;
            privateAt = privateAt >= 0 && privateAt < PRIVATE_KEY.length() && PRIVATE_KEY.charAt(privateAt) == c ? privateAt + 1 : -1;
            presharedAt = presharedAt >= 0 && presharedAt < PRESHARED_KEY.length() && PRESHARED_KEY.charAt(presharedAt) == c ? presharedAt + 1 : -1;
            if (privateAt < 0 && presharedAt < 0) return -1;
        }
        if (i == to || (privateAt != PRIVATE_KEY.length() && presharedAt != PRESHARED_KEY.length())) return -1;
        i++; // '='
        while (i < to && isBlank(s.charAt(i))) i++;
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** Each {@code {{wgform-secret:/path}}} becomes the host's marker {@code {{wgform-secret}}}, as the fact script redacts. */
    static String redacted(String rendered) {
        int at = rendered.indexOf(SECRET_START);
        if (at < 0) return rendered;
        // Placeholders.SECRET by hand: "{{wgform-secret:" '/' then no brace or blank, then "}}" (a mesh's configs
        // are 200 MB, and a regex replacement took a tenth of a plan's render time)
        StringBuilder out = new StringBuilder(rendered.length());
        int copied = 0;
        for (; at >= 0; at = rendered.indexOf(SECRET_START, at + 1)) {
            int end = placeholderEnd(rendered, at + SECRET_START.length());
            if (end < 0) continue;
            out.append(rendered, copied, at).append(FileFact.SECRET_MARKER);
            copied = end;
            at = end - 1;
        }
        return copied == 0 ? rendered : out.append(rendered, copied, rendered.length()).toString();
    }

    private static final String SECRET_START = "{{wgform-secret:";

    /** Where a placeholder whose path starts at {@code from} ends (after its "}}"), or -1 if it is not one. */
    private static int placeholderEnd(String s, int from) {
        if (from >= s.length() || s.charAt(from) != '/') return -1;
        int i = from + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '}') break;
            if (c == '{' || c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r') return -1; // regex \s
            i++;
        }
        return i > from + 1 && i + 1 < s.length() && s.charAt(i + 1) == '}' ? i + 2 : -1;
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
