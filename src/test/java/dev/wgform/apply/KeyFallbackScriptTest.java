package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wgform.crypto.Secret;
import dev.wgform.crypto.WgKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * keys.sh's genkey_to on a host without wg: 32 bytes of /dev/urandom, clamped in sh, written as base64. The keys
 * made here are throwaway test keys, so the test may read them.
 */
class KeyFallbackScriptTest {
    static final String KEY = "/etc/wireguard/keys/wg-mgmt.key";
    static final int RUNS = 20;

    private final FakeHost host = new FakeHost();

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash --posix", "busybox sh"})
    void withoutWgKeysAreClampedBase64In0600Files(String shell) {
        for (Path key : fallbackKeys(shell)) {
            String text = read(key);
            assertThat(text).matches("[A-Za-z0-9+/]{43}=\n");
            assertThat(WgKeys.isValidKeyText(text.strip())).isTrue();
            byte[] b = Base64.getDecoder().decode(text.strip());
            assertThat(b).hasSize(32);
            assertThat(b[0] & 7).isZero();
            assertThat(b[31] & 128).isZero();
            assertThat(b[31] & 64).isEqualTo(64);
            assertThat(mode(key)).isEqualTo("rw-------");
        }
    }

    @Test
    void wgAndWgKeysGiveTheSamePublicKeyForFallbackKeys() {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/wg")), "wg is not installed here");
        List<String> seen = new ArrayList<>();
        for (Path key : fallbackKeys("/bin/sh")) {
            String text = read(key);
            String fromWg = FakeHost.realWg("pubkey", text);
            assertThat(WgKeys.publicKeyOf(Secret.ofBytes(Base64.getDecoder().decode(text.strip())))).isEqualTo(fromWg);
            seen.add(text);
        }
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void ensureKeyWithoutWgMakesTheKeyButAsksForWireguardToolsForItsPublicKey() {
        FakeHost.Run run = host.run(KeysScript.build(List.of(new KeyRequest("wg-mgmt", KEY)), List.of()),
                Map.of("PATH", toolsWithoutWg().toString()), List.of("/bin/sh"));

        assertThat(run.exit()).isEqualTo(1);
        assertThatThrownBy(() -> KeysResult.parse(run.stdout())).isInstanceOf(RemoteScriptException.class)
                .hasMessageContaining("wg is not installed on this host, so the public key of wg-mgmt cannot be derived")
                .hasMessageContaining("install wireguard-tools");
        String key = host.read(KEY);
        assertThat(key).matches("[A-Za-z0-9+/]{43}=\n");
        assertThat(host.mode(KEY)).isEqualTo("rw-------");
        assertThat(run.stdout()).contains("@@keycreated wg-mgmt").doesNotContain(key.strip());
        assertThat(run.stderr()).doesNotContain(key.strip());
        assertThat(host.tempFiles()).isEmpty();
    }

    /** RUNS keys made by genkey_to in one run of {@code shell}, with no wg on PATH. */
    private List<Path> fallbackKeys(String shell) {
        String script = "#!/bin/sh\n" + ScriptLibrary.COMMON + ScriptLibrary.KEYS + """
                ensure_dir "$STATE" 1 || fail "no state dir"
                new_temp "$STATE" || fail "no temp file"
                OUT=$NT
                command -v wg >/dev/null 2>&1 && fail "wg is on PATH"
                i=0
                while [ "$i" -lt %d ]; do
                  i=$((i + 1))
                  new_temp "$R" || fail "no temp file"
                  t=$NT
                  genkey_to "$t" || fail "genkey_to failed: $(detail)"
                  mv -f "$t" "$R/key$i" || fail "cannot move"
                done
                say "@@end"
                """.formatted(RUNS);
        FakeHost.Run run = host.run(script, Map.of("PATH", toolsWithoutWg().toString()), List.of(shell.split(" ")));
        assertThat(run.stdout()).as(run.stderr()).isEqualTo("@@end\n");
        assertThat(run.exit()).isZero();
        List<Path> keys = new ArrayList<>();
        for (int i = 1; i <= RUNS; i++) keys.add(host.root.resolve("key" + i));
        return keys;
    }

    /** A PATH with the tools keys.sh uses on a minimal Debian or RHEL host, and no wg. */
    private Path toolsWithoutWg() {
        Path dir = host.dir.resolve("no-wg");
        if (Files.isDirectory(dir)) return dir;
        try {
            Files.createDirectories(dir);
            for (String tool : List.of("id", "mkdir", "chmod", "chown", "mktemp", "mv", "rm", "cat", "stat", "sha256sum", "cut",
                    "flock", "tail", "tr", "sed", "od", "base64")) {
                for (String d : List.of("/usr/bin", "/bin", "/usr/sbin")) {
                    Path real = Paths.get(d, tool);
                    if (Files.isExecutable(real)) {
                        Files.createSymbolicLink(dir.resolve(tool), real);
                        break;
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mode(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
