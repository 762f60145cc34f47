package dev.wgform.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fact script cannot change a host: checked on the script text, command by command. */
class FactScriptTest {
    /** The only commands the script may run: readers, wg show/pubkey, systemctl is-active, and shell builtins. */
    private static final Set<String> ALLOWED = Set.of(
            "stat", "awk", "sha256sum", "wg", "systemctl", "nft", "ss",
            "command", "[", "test", "echo", "printf", "read", "set", "shift", "return", "export",
            "fi", "for", "done", "case", "esac",
            "wgf_want", "wgf_stat", "wgf_mtime", "wgf_file", "wgf_key", "wgf_psk", "wgf_service", "wgf_services",
            "wgf_files", "wgf_keys", "wgf_psks", "wgf_pubkey", "wgf_texts");

    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "do", "while", "until", "!");

    private static final FactRequest REQUEST = new FactRequest(
            List.of("/etc/wireguard/wg-mgmt.conf", "/etc/nginx/wgform listen.conf", "/etc/wireguard/wg-mgmt.conf"),
            Map.of("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key", "wg-app", "/etc/wireguard/keys/wg-app.key"),
            List.of("/etc/wireguard/keys/wg-mgmt/node-b.psk"),
            List.of("sshd", "postgresql", "prometheus", "node_exporter", "nginx", "my.app"), Optional.of("inet wgform"), true);

    private final String script = FactScript.build(REQUEST);

    @Test
    void writesNothingButToDevNull() {
        Matcher m = Pattern.compile(">").matcher(script);
        while (m.find()) {
            String after = script.substring(m.end(), Math.min(script.length(), m.end() + 9));
            assertThat(after.startsWith("/dev/null") || after.startsWith("&1")).as("redirect at offset %d: >%s", m.start(), after).isTrue();
        }
        assertThat(script).doesNotContain(">>").doesNotContain("<<").doesNotContain("<(").doesNotContain("eval ").doesNotContain("exec ");
    }

    @Test
    void runsOnlyReadOnlyCommands() {
        List<List<String>> simpleCommands = simpleCommands(script);
        List<String> commands = simpleCommands.stream().map(c -> c.get(0)).toList();
        assertThat(commands).isNotEmpty().allSatisfy(c -> assertThat(ALLOWED).as("command %s", c).contains(c));
        assertThat(commands).contains("stat", "awk", "sha256sum", "wg", "systemctl");
        // one stat and one sha256sum call for every file, whatever the request; another only for a file that
        // appears meanwhile; one awk for all content, whichever branch runs
        assertThat(commands).filteredOn("stat"::equals).hasSize(2);
        assertThat(commands).filteredOn("sha256sum"::equals).hasSize(2);
        assertThat(simpleCommands).filteredOn(c -> c.get(0).equals("awk")).extracting(c -> c.get(1)).containsOnly("Q");
        assertThat(script).containsPattern("(?m)^} \\| WGF_DIGEST_OVER=\\$WGF_DIGEST_OVER awk \"\\$WGF_AWK\" \\$WGF_READ p \"\\$@\"$");
        // and one more only when asked for the texts of files that went as digests
        assertThat(script).containsPattern("(?m)^        WGF_TEXTS=\"\\$TAB\\$WGF_TEXTS\\$TAB\" awk \"\\$WGF_AWK\" \\$WGF_READ$");

        String code = withoutComments(script);
        assertThat(code).doesNotContainPattern("\\b(rm|mv|cp|tee|mkdir|touch|chmod|chown|ln|dd|truncate|install|mktemp|kill|sudo -)\\b")
                .doesNotContainPattern("\\bwg (set|setconf|syncconf|addconf|genkey|genpsk)\\b")
                .doesNotContainPattern("wg-quick (up|down|save|strip)")
                .doesNotContainPattern("\\bip (link|addr|address|route)\\b")
                .doesNotContainPattern("systemctl (start|stop|restart|reload|enable|disable|daemon-reload)")
                .doesNotContainPattern("\\bnft -f|firewall-cmd -")
                .doesNotContainPattern("sed[^\\n]* -i");
        // wg and systemctl only in their read forms
        assertThat(simpleCommands).filteredOn(c -> c.get(0).equals("wg")).extracting(c -> String.join(" ", c.subList(0, 2)))
                .containsExactlyInAnyOrder("wg show", "wg pubkey");
        assertThat(code).contains("WGF_DUMP=$(wg show all dump 2>/dev/null)");
        assertThat(simpleCommands).filteredOn(c -> c.get(0).equals("systemctl")).extracting(c -> c.get(1)).containsOnly("is-active");
        // nft and ss only list
        assertThat(simpleCommands).filteredOn(c -> c.get(0).equals("nft")).extracting(c -> String.join(" ", c))
                .containsExactly("nft -s list table $WGF_NFT 2>/dev/null");
        assertThat(simpleCommands).filteredOn(c -> c.get(0).equals("ss")).extracting(c -> String.join(" ", c))
                .containsExactly("ss -ltnuH 2>/dev/null");
    }

    @Test
    void theAwkProgramOnlyReadsFilesAndPrints() {
        List<String> programs = occurrences(script, "(?s)\\bWGF_AWK='([^']*)'");
        assertThat(programs).hasSize(1);
        String awk = programs.get(0);
        // no output redirection, no system(), and one pipe only: a big file's redacted text into sha256sum, whose
        // digest goes out instead of the text (|| is a logical or); no "cmd | getline" either: it can only print
        assertThat(occurrences(awk.replace("||", ""), "\\| *([a-z]+)")).containsExactly("sum");
        assertThat(awk).contains("sum = \"sha256sum\"");
        assertThat(awk.replace("||", "").replaceAll("\\| *sum\\b", "")).doesNotContain(">", "|", "system");
        // and read: every getline reads a named file into a variable
        assertThat(occurrences(awk, "(getline[^)]*)")).isNotEmpty()
                .allSatisfy(g -> assertThat(g).matches("getline [a-z]+ < (p|\"/dev/stdin\"|ARGV\\[j])"));
    }

    @Test
    void embedsEachRequestOnceAndQuoted() {
        assertThat(occurrences(script, "(?m)^wgf_file (.*)$")).containsExactly("'/etc/wireguard/wg-mgmt.conf'", "'/etc/nginx/wgform listen.conf'");
        assertThat(occurrences(script, "(?m)^wgf_key (.*)$"))
                .containsExactly("'wg-app' '/etc/wireguard/keys/wg-app.key'", "'wg-mgmt' '/etc/wireguard/keys/wg-mgmt.key'");
        assertThat(occurrences(script, "(?m)^wgf_psk (.*)$")).containsExactly("'/etc/wireguard/keys/wg-mgmt/node-b.psk'");
        assertThat(occurrences(script, "(?m)^wgf_service (.*)$")).containsExactly(
                "'sshd' 'sshd' 'ssh' 'sshd'",
                "'postgresql' 'postgres|postmaster' 'postgresql'",
                "'prometheus' 'prometheus' 'prometheus'",
                "'node_exporter' 'prometheus-node|node_exporter' 'prometheus-node-exporter' 'node_exporter'",
                "'nginx' 'nginx' 'nginx'",
                "'my.app' 'my\\.app' 'my.app'");
        assertThat(script).doesNotContain("#@").startsWith("# wgform fact script").contains("\necho '@@end'\n");
        // after it, only the question a script with digests asks when told to (FactScript.TEXTS_ON_ANSWER)
        assertThat(withoutComments(script.substring(script.indexOf("\necho '@@end'\n") + 14)).strip()).startsWith("wgf_texts() {").endsWith("}");
        assertThat(script).doesNotContain("WGF_DIGEST_OVER=8192");
        assertThat(FactScript.build(REQUEST, 8192)).contains("\nWGF_DIGEST_OVER=8192\n");
        assertThat(FactScript.quote("/etc/it's")).isEqualTo("'/etc/it'\\''s'");
    }

    @Test
    void refusesPathsAndNamesItCannotEmbedSafely() {
        assertThatThrownBy(() -> FactScript.build(new FactRequest(List.of("etc/x"), Map.of(), List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fact paths must be absolute: etc/x");
        assertThatThrownBy(() -> FactScript.build(new FactRequest(List.of("/etc/x\n@@end"), Map.of(), List.of(), List.of())))
                .hasMessage("control character in fact path: /etc/x\\n@@end");
        assertThatThrownBy(() -> FactScript.build(new FactRequest(List.of(), Map.of(), List.of("/etc/wireguard/../shadow"), List.of())))
                .hasMessage("'..' in fact path: /etc/wireguard/../shadow");
        assertThatThrownBy(() -> FactScript.build(new FactRequest(List.of(), Map.of("wg mgmt", "/k"), List.of(), List.of())))
                .hasMessage("not an interface name: wg mgmt");
        assertThatThrownBy(() -> FactScript.build(new FactRequest(List.of(), Map.of("wg-a-very-long-name", "/k"), List.of(), List.of())))
                .hasMessage("not an interface name: wg-a-very-long-name");
        assertThatThrownBy(() -> FactScript.build(new FactRequest(List.of(), Map.of(), List.of(), List.of("a;reboot"))))
                .hasMessage("not a service name: a;reboot");
    }

    private static List<String> occurrences(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static String withoutComments(String sh) {
        return sh.replaceAll("(?m)^\\s*#.*$", "");
    }

    /**
     * Every simple command's words, from the one in command position on: quoted strings (as Q) and case patterns
     * removed first, then split at ; | && || ( ) { } and newlines; leading keywords (if, then, !, ...),
     * assignments and redirections skipped.
     */
    static List<List<String>> simpleCommands(String sh) {
        String code = withoutQuotes(withoutComments(sh));
        code = code.replaceAll("(\\bin|;;)\\s+[^\\s()]+\\)", "$1 ");
        List<List<String>> out = new ArrayList<>();
        for (String piece : code.split("\\n|;;|;|&&|\\|\\||\\||\\$\\(|\\(|\\)|\\{|\\}")) {
            List<String> words = new ArrayList<>(List.of(piece.trim().split("\\s+")));
            while (!words.isEmpty() && (words.get(0).isEmpty() || KEYWORDS.contains(words.get(0))
                    || words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*") || words.get(0).matches("[0-9]*[<>].*"))) {
                words.remove(0);
            }
            if (!words.isEmpty()) out.add(words);
        }
        return out;
    }

    /** Replaces every '...' and "..." string with Q. */
    private static String withoutQuotes(String sh) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sh.length(); i++) {
            char c = sh.charAt(i);
            if (c == '\'') {
                i = sh.indexOf('\'', i + 1);
                if (i < 0) throw new AssertionError("unbalanced single quote in the script");
                out.append('Q');
            } else if (c == '"') {
                i++;
                while (sh.charAt(i) != '"') i += sh.charAt(i) == '\\' ? 2 : 1;
                out.append('Q');
            } else if (c == '\\') {
                out.append(sh.charAt(++i) == '\n' ? ' ' : 'Q');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
