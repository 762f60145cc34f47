package dev.wgform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wgform.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local lab as the integration tests see it: wgform run in-process, and the lab hosts reached the way an admin
 * would check them (OpenSSH's client, ping from inside a namespace). Hosts lab-N live in namespace wgl-N at
 * 198.51.100.N, with plane addresses 10.200.0.N (mgmt), 10.201.0.N (data), 10.202.0.N (monitor), 10.203.0.N (app).
 */
final class Lab {
    static final Path ROOT = Paths.get("").toAbsolutePath();
    static final Path INVENTORY = ROOT.resolve("inventories/lab.yml");
    static final Path KEY = ROOT.resolve(".wgform/lab/id_ed25519");
    static final Path KNOWN_HOSTS = ROOT.resolve(".wgform/lab/known_hosts");
    static final Path FOUR_PLANE = ROOT.resolve("playbooks/four-plane.yml");

    private Lab() {}

    /** Lab tests need root and network namespaces; elsewhere they are skipped, not failed. */
    static void assumeLabPossible() {
        assumeTrue("root".equals(System.getProperty("user.name")), "the lab needs root");
        assumeTrue(Files.isExecutable(Paths.get("/usr/sbin/ip")) || Files.isExecutable(Paths.get("/sbin/ip")), "the lab needs iproute2");
    }

    /** Runs wgform in-process, as the CLI would. */
    static Result wgform(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** wgform with the lab's known hosts file, as the README's quick start runs it. */
    static Result wgformLab(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--no-color", "--known-hosts", KNOWN_HOSTS.toString()));
        args.addAll(List.of(rest));
        return wgform(args.toArray(String[]::new));
    }

    /**
     * An inventory of lab hosts 1..n as the four-plane playbook expects them: lab-1 in db, lab-2 in monitoring, the
     * rest in web (all in core), host N at 10.20x.0.N on every plane.
     */
    static String inventory(int hosts) {
        StringBuilder y = new StringBuilder();
        y.append("all:\n  vars:\n    ansible_user: root\n    ansible_ssh_private_key_file: ").append(KEY).append('\n');
        y.append("    wg_public_interface: eth0\n  children:\n    core:\n      children:\n");
        String[] groups = {"db", "monitoring", "web"};
        for (int g = 0; g < groups.length; g++) {
            y.append("        ").append(groups[g]).append(":\n          hosts:\n");
            for (int n = 1; n <= hosts; n++) {
                if (Math.min(n, 3) - 1 != g) continue;
                y.append("            lab-").append(n).append(": { ansible_host: ").append(address(n))
                        .append(", wg_addresses: { mgmt: 10.200.0.").append(n).append(", data: 10.201.0.").append(n)
                        .append(", monitor: 10.202.0.").append(n).append(", app: 10.203.0.").append(n).append(" } }\n");
            }
        }
        return y.toString();
    }

    static String address(int n) {
        return "198.51.100." + n;
    }

    /** Runs a shell command on lab host n over SSH (strict host key checking against the lab's known hosts). */
    static Result ssh(int n, String command) {
        return exec(List.of("ssh", "-i", KEY.toString(), "-o", "UserKnownHostsFile=" + KNOWN_HOSTS, "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR", "root@" + address(n), command));
    }

    /** One ping from inside lab host {@code from}'s namespace: traffic that really crosses the tunnel. */
    static boolean ping(int from, String address) {
        return exec(List.of("ip", "netns", "exec", "wgl-" + from, "ping", "-c", "1", "-W", "2", address)).code() == 0;
    }

    /** Pings with a few retries: the first packet of a new tunnel waits for its handshake. */
    static boolean pingEventually(int from, String address) {
        for (int i = 0; i < 5; i++) if (ping(from, address)) return true;
        return false;
    }

    static Result exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(124, new String(out, StandardCharsets.UTF_8), "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted");
        }
    }

    record Result(int code, String out, String err) {
        Result assertOk() {
            assertThat(code).as("exit code; stdout:\n%s\nstderr:\n%s", out, err).isZero();
            return this;
        }

        String all() {
            return out + err;
        }
    }
}
