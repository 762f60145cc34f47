package dev.wgform.facts;

import dev.wgform.crypto.WgKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the output of {@link FactScript} into {@link HostFacts}. Pure: no I/O, the same text always gives the
 * same facts. Output that is truncated (no {@code @@end}), malformed, or that reports something wgform must not
 * act on (an unreadable managed file, a corrupt key) is a {@link FactsException} naming the host.
 */
public final class FactParser {
    private static final Set<String> TOOLS = Set.of("wg", "wg-quick", "wireguard-go", "nft", "firewall-cmd", "sshd",
            "systemctl", "sudo", "ss", "ip", "pgrep");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final String MANIFEST_PATH = "/var/lib/wgform/manifest.json";

    private final String host;
    private OsInfo os = new OsInfo("", List.of(), "");
    private String pid1 = "";
    private final Map<String, String> tools = new LinkedHashMap<>();
    private final Map<String, FileFact> files = new LinkedHashMap<>();
    private Optional<Manifest> manifest = Optional.empty();
    private Map<String, LiveInterface> interfaces = Map.of();
    private final Map<String, KeyFact> keys = new LinkedHashMap<>();
    private final Map<String, PskFact> psks = new LinkedHashMap<>();
    private final Map<String, Boolean> services = new LinkedHashMap<>();
    private long hostTime;
    private boolean nftAsked;
    private String nftRecorded = "";
    private Optional<String> nftListing = Optional.empty();
    private Optional<List<ListeningSocket>> listening = Optional.empty();
    private final List<ConfirmMarker> confirms = new ArrayList<>();

    private FactParser(String host) {
        this.host = host;
    }

    public static HostFacts parse(String host, String stdout) throws FactsException {
        return new FactParser(host).read(stdout);
    }

    /** One "@@name args" line and the payload lines under it. */
    private record Section(String name, String args, List<String> payload, int line) {}

    private HostFacts read(String stdout) throws FactsException {
        List<Section> sections = sections(stdout);
        Set<String> seen = new java.util.HashSet<>();
        for (Section s : sections) {
            try {
                seen.add(s.name);
                section(s);
            } catch (IllegalArgumentException e) {
                throw new FactsException(host, "fact output line " + s.line + " (@@" + s.name + "): " + e.getMessage());
            }
        }
        for (String required : List.of("os", "pid1", "tools", "time")) {
            if (!seen.contains(required)) throw new FactsException(host, "fact output has no @@" + required + " section");
        }
        if (!seen.contains("wg")) throw new FactsException(host, "fact output has no @@wg section");
        if (!seen.contains("manifest") && !seen.contains("nomanifest")) throw new FactsException(host, "fact output has no @@manifest section");
        Optional<NftTable> nftables = nftListing.map(text -> new NftTable(true, nftHash(text), nftRecorded))
                .or(() -> nftAsked ? Optional.of(new NftTable(false, "", nftRecorded)) : Optional.empty());
        return new HostFacts(os, pid1.equals("systemd"), tools, files, manifest, interfaces, keys, psks, services, hostTime,
                nftables, listening, confirms);
    }

    private List<Section> sections(String stdout) throws FactsException {
        String[] lines = stdout.split("\n", -1);
        String header = "@@wgform-facts ";
        int start = 0;
        // Anything a login shell prints before the script starts is not ours: skip to the header.
        while (start < lines.length && !lines[start].startsWith(header)) start++;
        if (start == lines.length) {
            String first = stdout.strip().lines().findFirst().orElse("");
            if (first.isEmpty()) throw new FactsException(host, "no fact output (the remote command printed nothing)");
            throw new FactsException(host, "no fact output (expected @@wgform-facts, got \"" + abbreviate(first) + "\")");
        }
        String version = lines[start].substring(header.length());
        if (!version.equals(String.valueOf(FactScript.FORMAT))) {
            throw new FactsException(host, "fact output format " + abbreviate(version) + ", this wgform reads format " + FactScript.FORMAT);
        }
        List<Section> out = new ArrayList<>();
        if (split(host, lines, start + 1, "fact output", out)) return out;
        throw new FactsException(host, "fact output truncated (no @@end); the connection dropped or the script was "
                + "stopped on the host" + (out.isEmpty() ? "" : " after @@" + out.get(out.size() - 1).name) + ". Run again.");
    }

    /**
     * Adds to {@code out} the sections of {@code lines} from {@code from}: each "@@name args" line and the payload
     * lines under it, up to an "@@end" line.
     *
     * @return whether "@@end" was reached
     */
    private static boolean split(String host, String[] lines, int from, String what, List<Section> out) throws FactsException {
        Section current = null;
        for (int i = from; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("@@")) {
                int space = line.indexOf(' ');
                String name = space < 0 ? line.substring(2) : line.substring(2, space);
                String args = space < 0 ? "" : line.substring(space + 1);
                if (name.equals("end")) return true;
                current = new Section(name, args, new ArrayList<>(), i + 1);
                out.add(current);
            } else if (!line.isEmpty()) {
                if (current == null) throw new FactsException(host, what + " line " + (i + 1) + ": payload before any section");
                current.payload.add(line);
            }
        }
        return false;
    }

    private void section(Section s) {
        switch (s.name) {
            case "os": os = osInfo(s.payload); break;
            case "pid1": pid1 = s.args; break;
            case "tools": tools(s.payload); break;
            case "manifest": manifest = Optional.of(manifest(s)); break;
            case "nomanifest": break;
            case "file": file(s); break;
            case "digest": digest(s); break;
            case "nofile": putFile(FileFact.absent(FactScript.checkPath(s.args))); break;
            case "notfile": throw new IllegalArgumentException(s.args + " exists but is not a regular file; move it away");
            case "unreadable": throw new IllegalArgumentException("cannot read " + s.args
                    + "; connect as root or set ansible_become: true");
            case "wg": wg(s); break;
            case "key": key(s); break;
            case "nokey": break;
            case "psk": psk(s); break;
            case "nopsk": break;
            case "service": service(s); break;
            case "time": hostTime = number(s.args, "time"); break;
            case "nftrecorded": nftAsked = true; nftRecorded = s.args.matches("[0-9a-f]{64}") ? s.args : ""; break;
            case "nftables": nftables(s); break;
            case "listen": listen(s); break;
            case "confirm": confirms.add(ConfirmMarker.parse(s.args)); break;
            default: throw new IllegalArgumentException("unknown section (is the host's wgform output from another version?)");
        }
    }

    private static OsInfo osInfo(List<String> payload) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : payload) {
            int eq = line.indexOf('=');
            if (eq > 0) values.putIfAbsent(line.substring(0, eq), unquote(line.substring(eq + 1)));
        }
        String idLike = values.getOrDefault("ID_LIKE", "").strip();
        return new OsInfo(values.getOrDefault("ID", ""), idLike.isEmpty() ? List.of() : Arrays.asList(idLike.split("\\s+")),
                values.getOrDefault("VERSION_ID", ""));
    }

    /** os-release values are shell-like: "double quoted" with backslash escapes, 'single quoted', or bare. */
    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) return v.substring(1, v.length() - 1);
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) c = v.charAt(++i);
                out.append(c);
            }
            return out.toString();
        }
        return v;
    }

    private void tools(List<String> payload) {
        for (String path : payload) {
            if (!path.startsWith("/")) continue; // a builtin or function of the same name: not a tool
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (TOOLS.contains(name)) tools.putIfAbsent(name, path);
        }
    }

    private Manifest manifest(Section s) {
        String json = content(s.payload, MANIFEST_PATH).text();
        Manifest m;
        try {
            m = Manifest.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MANIFEST_PATH + " is not a wgform manifest: " + e.getMessage()
                    + "; repair or remove it (wgform then forgets which files it installed)", e);
        }
        if (m.version() > Manifest.CURRENT_VERSION) {
            throw new IllegalArgumentException(MANIFEST_PATH + " has version " + m.version()
                    + ", written by a newer wgform (this one reads " + Manifest.CURRENT_VERSION + ")");
        }
        return m;
    }

    private void file(Section s) {
        String path = FactScript.checkPath(s.args);
        if (s.payload.isEmpty()) throw new IllegalArgumentException("no mode and owner for " + path);
        String[] meta = s.payload.get(0).split(" ", 2);
        if (meta.length != 2 || !meta[0].matches("[0-7]{1,4}")) throw new IllegalArgumentException("could not stat " + path);
        Content c = content(s.payload.subList(1, s.payload.size()), path);
        String text = c.exact() ? c.text() : c.text() + FileFact.INEXACT_NOTE;
        putFile(new FileFact(path, true, text, Integer.parseInt(meta[0], 8), meta[1], sha256(text.getBytes(StandardCharsets.UTF_8))));
    }

    private void digest(Section s) {
        String path = FactScript.checkPath(s.args);
        if (s.payload.size() != 2) throw new IllegalArgumentException("a digest of " + path + " is its mode and owner, then its sha256");
        String[] meta = s.payload.get(0).split(" ", 2);
        if (meta.length != 2 || !meta[0].matches("[0-7]{1,4}")) throw new IllegalArgumentException("could not stat " + path);
        String sum = s.payload.get(1);
        String hash = sum.length() >= 64 ? sum.substring(0, 64) : sum;
        if (!HEX64.matcher(hash).matches()) throw new IllegalArgumentException("no sha256 for " + path);
        putFile(FileFact.digestOnly(path, Integer.parseInt(meta[0], 8), meta[1], hash));
    }

    /**
     * The texts a reading command sent on request ({@link FactScript#TEXTS_ASK}): what it printed after that line,
     * to its closing line. Each file as its digest's fact with the content filled in (or absent, when it went away
     * meanwhile); a path not asked for, or asked for and missing, is an error.
     *
     * @param digested the host's facts for the paths asked for
     */
    public static Map<String, FileFact> texts(String host, String stdout, Map<String, FileFact> digested) throws FactsException {
        List<Section> sections = new ArrayList<>();
        split(host, stdout.split("\n", -1), 0, "texts", sections);
        Map<String, FileFact> out = new LinkedHashMap<>();
        for (Section s : sections) {
            try {
                String path = FactScript.checkPath(s.args);
                FileFact was = digested.get(path);
                if (was == null) throw new IllegalArgumentException("not asked for: " + path);
                if (s.name.equals("nofile")) {
                    out.put(path, FileFact.absent(path));
                } else if (s.name.equals("text")) {
                    Content c = content(s.payload, path);
                    String text = c.exact() ? c.text() : c.text() + FileFact.INEXACT_NOTE;
                    out.put(path, was.withContent(text, sha256(text.getBytes(StandardCharsets.UTF_8))));
                } else {
                    throw new IllegalArgumentException("unexpected @@" + s.name);
                }
            } catch (IllegalArgumentException e) {
                throw new FactsException(host, "texts line " + s.line + " (@@" + s.name + "): " + e.getMessage());
            }
        }
        for (String path : digested.keySet()) {
            if (!out.containsKey(path)) throw new FactsException(host, "the text of " + path + " was asked for and not sent");
        }
        return out;
    }

    private void putFile(FileFact f) {
        files.putIfAbsent(f.path(), f);
    }

    private void wg(Section s) {
        if (s.args.equals("missing")) return;
        List<String> lines = new ArrayList<>(Arrays.asList(content(s.payload, "wg show all dump").text().split("\n")));
        lines.removeIf(String::isEmpty);
        String last = lines.isEmpty() ? "" : lines.remove(lines.size() - 1);
        if (!last.startsWith("wgform-exit ")) throw new IllegalArgumentException("wg show output has no exit status");
        // wg failing (no kernel module, no permission) reads as "no interface is up", which the plan then shows.
        interfaces = last.equals("wgform-exit 0") ? WgDump.parse(lines) : Map.of();
    }

    /** The live table's listing, when nft listed it (exit 0); a failed listing means there is no such table. */
    private void nftables(Section s) {
        nftAsked = true;
        if (s.args.equals("missing")) {
            nftAsked = false; // no nft on the host: nothing known either way
            return;
        }
        List<String> lines = new ArrayList<>(Arrays.asList(content(s.payload, "nft list table").text().split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        String last = lines.isEmpty() ? "" : lines.remove(lines.size() - 1);
        if (!last.startsWith("wgform-exit ")) throw new IllegalArgumentException("nft output has no exit status");
        if (last.equals("wgform-exit 0")) nftListing = Optional.of(String.join("\n", lines));
    }

    /** sha256 of the listing as the host's shell computes it: {@code printf '%s\n' "$(nft -s list table ...)"}. */
    static String nftHash(String listing) {
        String text = listing;
        while (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        return sha256((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void listen(Section s) {
        if (s.args.equals("missing")) return;
        List<ListeningSocket> out = new ArrayList<>();
        for (String line : content(s.payload, "ss -ltnu").text().split("\n")) {
            if (line.isEmpty() || line.startsWith("wgform-exit ")) continue;
            String[] f = line.split(" ", 2);
            if (f.length != 2) throw new IllegalArgumentException("expected PROTOCOL ADDRESS:PORT, got " + abbreviate(line));
            out.add(ListeningSocket.parse(f[0], f[1]));
        }
        listening = Optional.of(out);
    }

    private void key(Section s) {
        int space = s.args.indexOf(' ');
        if (space < 0) throw new IllegalArgumentException("expected an interface and a path");
        String iface = s.args.substring(0, space);
        String path = FactScript.checkPath(s.args.substring(space + 1));
        if (s.payload.size() != 2) throw new IllegalArgumentException("expected mtime and public key for " + path);
        String pub = s.payload.get(1);
        if (pub.equals("invalid")) {
            throw new IllegalArgumentException(path + " is not a valid WireGuard private key (wg pubkey refused it); "
                    + "remove it and wgform will generate a new one (peers then need the new public key)");
        }
        if (pub.equals("nowg")) pub = "";
        else if (!WgKeys.isValidKeyText(pub)) throw new IllegalArgumentException("not a public key for " + path);
        keys.put(iface, new KeyFact(iface, path, pub, mtime(s.payload.get(0)), mode(s.payload.get(0))));
    }

    private void psk(Section s) {
        String path = FactScript.checkPath(s.args);
        if (s.payload.size() != 2) throw new IllegalArgumentException("expected mtime and hash for " + path);
        String hash = s.payload.get(1).split(" ", 2)[0];
        if (!HEX64.matcher(hash).matches()) throw new IllegalArgumentException("not a sha256 for " + path);
        psks.put(path, new PskFact(path, hash, mtime(s.payload.get(0)), mode(s.payload.get(0))));
    }

    private void service(Section s) {
        String[] f = s.args.split(" ");
        if (f.length != 2 || !(f[1].equals("running") || f[1].equals("stopped"))) throw new IllegalArgumentException("expected NAME running|stopped");
        services.put(f[0], f[1].equals("running"));
    }

    /** "MTIME [MODE]"; "?" when stat failed (the file vanished meanwhile): 0, which no real file has. */
    private static long mtime(String line) {
        String field = line.split(" ", 2)[0];
        return field.equals("?") ? 0 : number(field, "mtime");
    }

    /** The octal mode after the mtime, or KeyFact.UNKNOWN_MODE. */
    private static int mode(String line) {
        String[] f = line.split(" ", 2);
        return f.length == 2 && f[1].matches("[0-7]{1,4}") ? Integer.parseInt(f[1], 8) : KeyFact.UNKNOWN_MODE;
    }

    private static long number(String field, String what) {
        if (!DIGITS.matcher(field).matches()) throw new IllegalArgumentException(what + " is not a number: " + abbreviate(field));
        return Long.parseLong(field);
    }

    /** Arbitrary content as the script prints it; {@code exact} is false when the script saw it change as it read. */
    private record Content(String text, boolean exact) {}

    /** Lines of ':' + a content line; then '\\' if the last one had no newline; '!' first if the bytes are not exact. */
    private static Content content(List<String> lines, String what) {
        StringBuilder text = new StringBuilder();
        boolean exact = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(":")) {
                text.append(line, 1, line.length()).append('\n');
            } else if (line.equals("\\") && i == lines.size() - 1 && text.length() > 0) {
                text.setLength(text.length() - 1);
            } else if (line.equals("!") && i == 0) {
                exact = false;
            } else {
                throw new IllegalArgumentException("content of " + what + " has a line that is not content: " + abbreviate(line));
            }
        }
        return new Content(text.toString(), exact);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
