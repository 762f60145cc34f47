package dev.wgform.facts;

import dev.wgform.model.NftablesTable;
import dev.wgform.model.ServiceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the one read-only POSIX sh script that gathers a host's facts in one round trip. It is run as
 * {@code sh -s} with the script on stdin; {@code WGFORM_ROOT} prefixes every file it reads, so tests can run it
 * against a temp dir. {@link FactParser} reads its output. Secret values are redacted by the script, on the host.
 */
public final class FactScript {
    /** The output format the script announces on its first line ({@code @@wgform-facts 2}). */
    public static final int FORMAT = 2;

    private static final String TEMPLATE = load("facts.sh");
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_=+.-]{1,15}");
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    /** /proc/PID/comm holds at most this many characters of a process name. */
    private static final int COMM_LENGTH = 15;

    private FactScript() {}

    /**
     * Content as the script prints it (what {@link FactParser} reads back): each line after a ':', then a '\\' line
     * when the last one has no newline. For stand-in hosts that answer the script without running it.
     */
    public static String contentLines(String text) {
        StringBuilder o = new StringBuilder(text.length() + text.length() / 16 + 4);
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) return o.append(':').append(text, start, text.length()).append("\n\\\n").toString();
            o.append(':').append(text, start, nl).append('\n');
            start = nl + 1;
        }
        return o.toString();
    }

    /** The line a script built with digests prints once its facts are out, to ask which texts to send. */
    public static final String TEXTS_ASK = "@@texts?";
    /** The line that ends the texts sent on request. */
    public static final String TEXTS_END = "@@texts-end";
    /**
     * Asks which of the files that went as digests to send after all (see facts.sh, wgf_texts): goes after a script
     * built with digests, inside the one compound command that holds every question of the reading command.
     */
    public static final String TEXTS_ON_ANSWER = "wgf_texts\n";

    /** The script for {@code req}. Paths must be absolute, without control characters or ".." segments. */
    public static String build(FactRequest req) {
        return build(req, 0);
    }

    /**
     * The script for {@code req}, files of {@code digestOver} bytes or more sent as the digest of their redacted
     * content, not their text (0: none). Such a script must be followed by {@link #TEXTS_ON_ANSWER}.
     */
    public static String build(FactRequest req, int digestOver) {
        if (digestOver < 0) throw new IllegalArgumentException("digestOver must not be negative");
        StringBuilder files = new StringBuilder();
        for (String path : new LinkedHashSet<>(req.paths())) files.append("wgf_file ").append(quote(checkPath(path))).append('\n');

        StringBuilder keys = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(req.keys()).entrySet()) {
            keys.append("wgf_key ").append(quote(checkInterface(e.getKey()))).append(' ').append(quote(checkPath(e.getValue()))).append('\n');
        }

        StringBuilder psks = new StringBuilder();
        for (String path : new LinkedHashSet<>(req.pskPaths())) psks.append("wgf_psk ").append(quote(checkPath(path))).append('\n');

        StringBuilder services = new StringBuilder();
        for (String name : new LinkedHashSet<>(req.services())) {
            services.append("wgf_service ").append(quote(checkService(name)));
            ServiceCheck check = ServiceCheck.of(name);
            services.append(' ').append(quote(check.processPattern));
            for (String unit : check.units) services.append(' ').append(quote(unit));
            services.append('\n');
        }

        StringBuilder live = new StringBuilder();
        req.nftTable().ifPresent(t -> live.append("WGF_NFT=").append(quote(NftablesTable.check(t))).append('\n'));
        if (req.listening()) live.append("WGF_LISTEN=1\n");

        return fill(fill(fill(fill(fill(fill(TEMPLATE,
                "#@files", files.toString()),
                "#@keys", keys.toString()),
                "#@psks", psks.toString()),
                "#@services", services.toString()),
                "#@live", live.toString()),
                "#@digest", digestOver == 0 ? "" : "WGF_DIGEST_OVER=" + digestOver + "\n");
    }

    /** How to tell whether a service runs: its process name (ERE over /proc/PID/comm) or any of its systemd units. */
    private static final class ServiceCheck {
        final String processPattern;
        final List<String> units;

        private ServiceCheck(String processPattern, List<String> units) {
            this.processPattern = processPattern;
            this.units = units;
        }

        static ServiceCheck of(String name) {
            Optional<ServiceKind> kind = ServiceKind.fromYaml(name);
            if (kind.isPresent()) {
                switch (kind.get()) {
                    case SSHD: return new ServiceCheck("sshd", List.of("ssh", "sshd"));
                    case POSTGRESQL: return new ServiceCheck("postgres|postmaster", List.of("postgresql"));
                    case PROMETHEUS: return new ServiceCheck("prometheus", List.of("prometheus"));
                    // Debian's binary is prometheus-node-exporter, which comm truncates to 15 characters.
                    case NODE_EXPORTER: return new ServiceCheck("prometheus-node|node_exporter",
                            List.of("prometheus-node-exporter", "node_exporter"));
                    case NGINX: return new ServiceCheck("nginx", List.of("nginx"));
                    default: break;
                }
            }
            String comm = name.length() > COMM_LENGTH ? name.substring(0, COMM_LENGTH) : name;
            return new ServiceCheck(comm.replace(".", "\\."), List.of(name));
        }
    }

    static String checkPath(String path) {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("fact paths must be absolute: " + path);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) throw new IllegalArgumentException("control character in fact path: " + path.replace("\n", "\\n"));
        }
        if (path.contains("/../") || path.endsWith("/..")) throw new IllegalArgumentException("'..' in fact path: " + path);
        return path;
    }

    private static String checkInterface(String name) {
        if (name == null || !INTERFACE_NAME.matcher(name).matches()) throw new IllegalArgumentException("not an interface name: " + name);
        return name;
    }

    private static String checkService(String name) {
        if (name == null || !SERVICE_NAME.matcher(name).matches()) throw new IllegalArgumentException("not a service name: " + name);
        return name;
    }

    /** {@code s} as one sh word: single-quoted, with embedded quotes as '\''. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String fill(String template, String marker, String lines) {
        String line = marker + "\n";
        int at = template.indexOf(line);
        if (at < 0 || template.indexOf(line, at + 1) >= 0) throw new IllegalStateException("facts.sh must have one " + marker + " line");
        return template.substring(0, at) + lines + template.substring(at + line.length());
    }

    private static String load(String name) {
        try (InputStream in = FactScript.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource dev/wgform/facts/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
