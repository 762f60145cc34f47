package dev.wgform.apply;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Building blocks for generated POSIX sh: quoting, checked names and paths, base64 heredocs. */
final class Shell {
    /** Paths we put in scripts: absolute, plain characters, no empty, "." or ".." segments. */
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_@+=:,.-]+)+");
    /** wg-quick's own rule for interface names. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_=+.-]{1,15}");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Heredoc terminator; base64 text (A-Z a-z 0-9 + / =) can never contain the underscore, so it never collides. */
    static final String HEREDOC_END = "WGFORM_DATA_END";

    private Shell() {}

    /** Single-quoted sh word for any text. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String checkPath(String path, String what) {
        if (path == null || !SAFE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException(what + " must be an absolute path of plain characters: " + path);
        }
        for (String segment : path.substring(1).split("/")) {
            if (segment.equals(".") || segment.equals("..")) throw new IllegalArgumentException(what + " must not contain . or ..: " + path);
        }
        return path;
    }

    static String checkInterface(String name) {
        if (name == null || !INTERFACE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a WireGuard interface name (1-15 of A-Z a-z 0-9 _ = + . -): " + name);
        }
        return name;
    }

    static String checkRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 1-64 of A-Z a-z 0-9 _ . - : " + runId);
        }
        return runId;
    }

    /** A command or message must stay on one line: it is either a script line or part of an @@ line. */
    static String checkOneLine(String text, String what) {
        if (text == null || text.isBlank() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must be one non-empty line: " + text);
        }
        return text;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** Secrets' directories: WireGuard's own tree stays 0700. */
    static boolean isSecretDir(String dir) {
        return dir.equals("/etc/wireguard") || dir.startsWith("/etc/wireguard/");
    }

    /** Heredoc body lines (76 columns) plus the terminator, each line ending in a newline. */
    static String base64Body(String text) {
        return base64Body(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64Body(byte[] bytes) {
        String b64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes);
        return (b64.isEmpty() ? "" : b64 + "\n") + HEREDOC_END + "\n";
    }
}
