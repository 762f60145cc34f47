package dev.wgform.apply;

import dev.wgform.render.Placeholders;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * A file the install step puts in place.
 *
 * @param path    absolute path on the host
 * @param content rendered text; {@code {{wgform-secret:PATH}}} placeholders stay, the host fills them from PATH.
 *                Public-key placeholders must already be resolved.
 * @param mode    permission bits, e.g. 0600
 * @param kind    {@code wg}, {@code firewall}, {@code service:<name>}, ... (recorded, not interpreted)
 */
public record FileWrite(String path, String content, int mode, String kind) {
    public FileWrite {
        Shell.checkPath(path, "file path");
        if (content == null) throw new IllegalArgumentException("content is required");
        if (mode < 0 || mode > 07777) throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        Shell.checkOneLine(kind, "kind");
        if (Placeholders.PUBLIC_KEY.matcher(content).find()) {
            throw new IllegalArgumentException(path + " still has a public-key placeholder: render it again after the keys step");
        }
        Set<String> secrets = secretPaths(content);
        for (String key : secrets) Shell.checkPath(key, "secret placeholder in " + path);
        if (!secrets.isEmpty() && (mode & 077) != 0) {
            throw new IllegalArgumentException(path + " will hold secrets: mode " + String.format("%04o", mode) + " must not give group or others any access");
        }
    }

    /** Key files named by the content's secret placeholders, in order of first use. */
    public List<String> secretPaths() {
        return List.copyOf(secretPaths(content));
    }

    private static Set<String> secretPaths(String content) {
        Set<String> paths = new LinkedHashSet<>();
        Matcher m = Placeholders.SECRET.matcher(content);
        while (m.find()) paths.add(m.group(1));
        return paths;
    }

    /** The mode as ls-style octal: 0600. */
    public String modeOctal() {
        return String.format("%04o", mode);
    }

    @Override
    public String toString() {
        return "FileWrite[" + path + " " + modeOctal() + " " + kind + ", " + content.length() + " chars]";
    }
}
