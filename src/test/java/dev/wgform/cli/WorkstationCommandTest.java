package dev.wgform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wgform workstation} in-process against a temp inventory whose hosts refuse connections (a closed loopback
 * port), so their keys come only from the file written last time.
 */
class WorkstationCommandTest {
    static final String KEY_A = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";

    @TempDir
    Path dir;
    Path inventory;
    Path playbook;
    Path keys;

    @BeforeEach
    void files() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        inventory = dir.resolve("inv.yml");
        playbook = dir.resolve("pb.yml");
        keys = dir.resolve("keys");
        Files.writeString(inventory, """
                all:
                  vars: { ansible_port: PORT, wg_endpoint: 203.0.113.9 }
                  children:
                    core:
                      hosts:
                        a: { ansible_host: 127.0.0.1 }
                        b: { ansible_host: 127.0.0.1 }
                """.replace("PORT", Integer.toString(closed)));
        Files.writeString(playbook, "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }\n");
    }

    private Run run(String... extra) {
        String[] base = {"workstation", "--known-hosts", dir.resolve("known_hosts").toString(), "-i", inventory.toString(),
                playbook.toString(), "--plane", "mgmt", "--name", "alice", "--dir", keys.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Run.of(args);
    }

    @Test
    void enrolsThenWritesTheConfigOnceAKeyIsKnownAndNeverShowsThePrivateKey() throws Exception {
        Run first = run();

        assertThat(first.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(first.out()).contains("enrolled alice in plane mgmt as 10.200.0.254")
                .contains("apply the playbook, then run this again");
        Path keyFile = keys.resolve("wgf-mgmt.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String privateKey = Files.readString(keyFile).strip();
        assertThat(Files.readString(dir.resolve("inv.lock.yml"))).contains("alice:").doesNotContain(privateKey);

        // a file from an earlier run remembers a's key while the hosts cannot be reached
        Files.writeString(keys.resolve("wgf-mgmt.conf"), "[Peer]\n# a\nPublicKey = " + KEY_A + "\n");
        Run second = run();

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("alice is enrolled in plane mgmt as 10.200.0.254")
                .contains("wrote " + keys.resolve("wgf-mgmt.conf") + ": peers a")
                .contains("left out (public key not known yet; apply the playbook, then run this again): b")
                .contains("--up");
        String conf = Files.readString(keys.resolve("wgf-mgmt.conf"));
        assertThat(conf).contains("Address = 10.200.0.254/24", "PublicKey = " + KEY_A, "Endpoint = 203.0.113.9:51820")
                .doesNotContain(privateKey);
        for (Run r : new Run[] {first, second}) assertThat(r.out() + r.err()).doesNotContain(privateKey);
        assertThat(Files.readString(keyFile).strip()).isEqualTo(privateKey);
    }

    @Test
    void removeDropsTheEnrolment() throws Exception {
        run();
        Run removed = run("--remove");

        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).contains("removed alice's enrolment in plane mgmt");
        assertThat(Files.readString(dir.resolve("inv.lock.yml"))).doesNotContain("alice");
    }

    @Test
    void upAndDownAreExclusiveAndAnUnknownPlaneIsAProblem() {
        Run both = run("--up", "--down");
        assertThat(both.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(both.err()).contains("mutually exclusive");

        Run unknown = Run.of("workstation", "-i", inventory.toString(), playbook.toString(), "--plane", "mgnt", "--dir", keys.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(unknown.err()).contains("the playbook has no plane 'mgnt'; did you mean 'mgmt'?");
    }
}
