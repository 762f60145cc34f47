package dev.wgform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class RenderCommandTest {
    /** A WireGuard key: 32 bytes in base64 (private, public and pre-shared keys all look like this). */
    private static final Pattern WG_KEY = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=");
    private static final Pattern SECRET_LINE = Pattern.compile("(?m)^\\s*(PrivateKey|PresharedKey)\\s*=\\s*(.*)$");

    @TempDir
    Path tmp;

    @Test
    void writesEveryHostsFilesUnderOutWithTheirModes() throws IOException {
        Path out = tmp.resolve("out");
        Run run = Run.of("render", "-i", Examples.inventory("four-plane"), Examples.playbook("four-plane"), "--out", out.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("db-1: 8 files in " + out.resolve("db-1"), "web-2: 9 files in " + out.resolve("web-2"))
                .contains("rendered 33 files for 4 hosts under " + out)
                .doesNotContain("saved new address allocations"); // the example's lock file already holds them

        assertThat(relativeFiles(out.resolve("db-1"))).containsExactlyInAnyOrder(
                "etc/wireguard/wg-mgmt.conf", "etc/wireguard/wg-data.conf", "etc/wireguard/wg-monitor.conf", "etc/wireguard/wg-app.conf",
                "etc/nftables.d/wgform.nft", "etc/ssh/sshd_config.d/wgform.conf",
                "etc/postgresql/15/main/conf.d/wgform.conf", "etc/default/prometheus-node-exporter");
        // web-2 is redhat: firewalld zones instead of an nftables file
        assertThat(relativeFiles(out.resolve("web-2"))).contains("etc/firewalld/zones/wgform-public.xml", "etc/nginx/wgform-listen.conf");

        Path mgmt = out.resolve("db-1/etc/wireguard/wg-mgmt.conf");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mgmt))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("db-1/etc/default/prometheus-node-exporter"))))
                .isEqualTo("rw-r--r--");
        String conf = Files.readString(mgmt);
        assertThat(conf).contains("Address = 10.200.0.10/24", "ListenPort = 51820");
        assertThat(conf.split("\\[Peer\\]", -1)).hasSize(4); // three peers
    }

    @ParameterizedTest
    @FieldSource("dev.wgform.cli.Examples#NAMES")
    void noRenderedFileHoldsAKeyOnlyPlaceholders(String name) throws IOException {
        Path out = tmp.resolve(name);
        Run run = Run.of("render", "-i", Examples.inventory(name), Examples.playbook(name), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Path> files = allFiles(out);
        assertThat(files).isNotEmpty();
        int secretLines = 0;
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(WG_KEY.matcher(text).find()).as("a key-shaped value in %s", f).isFalse();
            Matcher m = SECRET_LINE.matcher(text);
            while (m.find()) {
                secretLines++;
                assertThat(m.group(2)).as("%s in %s", m.group(1), f).startsWith("{{wgform-secret:");
            }
        }
        assertThat(secretLines).as("every interface has a PrivateKey line").isGreaterThan(0);
    }

    @Test
    void savesTheLockFileWhenItAllocatesAndSaysSo() throws IOException {
        Path[] files = Examples.copy("four-plane", tmp);
        Path out = tmp.resolve("out");
        Run first = Run.of("render", "-i", files[0].toString(), files[1].toString(), "--out", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path lock = tmp.resolve("four-plane.lock.yml");
        assertThat(first.out()).startsWith("saved new address allocations in " + lock + "\n");
        assertThat(Files.readString(lock)).contains("mon-1:");

        Run second = Run.of("render", "-i", files[0].toString(), files[1].toString(), "--out", out.toString());
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).doesNotContain("saved new address allocations");
    }

    @Test
    void refusesAnOutThatIsAFileAndWritesNothing() throws IOException {
        Path[] files = Examples.copy("four-plane", tmp);
        Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
        Run run = Run.of("render", "-i", files[0].toString(), files[1].toString(), "--out", notADir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(notADir + ": --out: is a file, not a directory").contains("nothing was changed");
        assertThat(tmp.resolve("four-plane.lock.yml")).doesNotExist();
        assertThat(Files.readString(notADir)).isEqualTo("x");
    }

    @Test
    void badInputWritesNothing() {
        Path out = tmp.resolve("out");
        Run run = Run.of("render", "-i", Examples.BAD_INVENTORY, Examples.BAD_PLAYBOOK, "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void aTemplatesDirectoryOverridesTheBuiltInTemplate() throws IOException {
        Path templates = Files.createDirectories(tmp.resolve("templates"));
        Files.writeString(templates.resolve("sshd.conf.ftl"), "# custom sshd drop-in\n");
        Path out = tmp.resolve("out");
        Run run = Run.of("render", "--templates", templates.toString(), "-i", Examples.inventory("four-plane"),
                Examples.playbook("four-plane"), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("db-1/etc/ssh/sshd_config.d/wgform.conf"))).isEqualTo("# custom sshd drop-in\n");
    }

    private static List<Path> allFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    private static List<String> relativeFiles(Path dir) throws IOException {
        return allFiles(dir).stream().map(p -> dir.relativize(p).toString()).collect(Collectors.toList());
    }
}
