package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * common.sh's new_temp, which makes temp files in the shell instead of with mktemp: each is new (made exclusively,
 * never an existing file or a FIFO planted under the next name), empty, 0600, named as clean_stale expects, and a
 * directory that cannot take one fails cleanly. In every shell a host may run the scripts with.
 */
class NewTempShellTest {
    private final FakeHost host = new FakeHost();

    @AfterEach
    void cleanUp() {
        host.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/sh", "bash --posix", "busybox sh"})
    void tempFilesAreNewEmptyPrivateAndNamedForCleanStale(String shell) throws IOException {
        Path dir = Files.createDirectories(host.root.resolve("etc/wireguard"));
        Files.writeString(dir.resolve("taken"), "someone's\n");
        String script = "#!/bin/sh\n" + ScriptLibrary.COMMON + """
                d="$R/etc/wireguard"
                new_temp "$d" || fail "first"
                a=$NT
                # the next two names are taken: a regular file, and a FIFO (noclobber would open that one)
                n=$((NT_N + 1)); f="000000$$$n"; cp "$d/taken" "$d/.wgform.${f#"${f%??????}"}"
                n=$((NT_N + 2)); f="000000$$$n"; mkfifo "$d/.wgform.${f#"${f%??????}"}"
                new_temp "$d" || fail "second"
                b=$NT
                printf 'a=%s\\nb=%s\\n' "${a#"$d/"}" "${b#"$d/"}"
                if new_temp "$R/no/such/dir"; then echo "made one in a missing directory"; else echo "missing dir: [$NT]"; fi
                for f in "$d"/.wgform.??????; do printf 'match %s\\n' "${f#"$d/"}"; done
                """;
        FakeHost.Run run = host.run(script, Map.of(), List.of(shell.split(" ")));

        assertThat(run.exit()).as(run.stderr()).isZero();
        List<String> out = run.stdout().lines().toList();
        String a = out.get(0).substring(2);
        String b = out.get(1).substring(2);
        assertThat(a).matches("\\.wgform\\.[0-9]{6}");
        assertThat(b).matches("\\.wgform\\.[0-9]{6}").isNotEqualTo(a);
        assertThat(out.get(2)).isEqualTo("missing dir: []");
        // the two planted names are left as they were, and the glob clean_stale uses sees all four
        assertThat(out.subList(3, out.size())).hasSize(4).contains("match " + a, "match " + b);
        for (String made : List.of(a, b)) {
            Path p = dir.resolve(made);
            assertThat(Files.size(p)).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        }
        assertThat(out.subList(3, out.size()).stream().map(l -> l.substring(6)).filter(n -> !n.equals(a) && !n.equals(b)))
                .allSatisfy(n -> assertThat(Files.isRegularFile(dir.resolve(n)) ? Files.readString(dir.resolve(n)) : "fifo")
                        .isIn("someone's\n", "fifo"));
    }
}
