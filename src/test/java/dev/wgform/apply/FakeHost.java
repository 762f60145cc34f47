package dev.wgform.apply;

import dev.wgform.facts.ScriptRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pretend host in a temp dir: generated scripts run with {@code sh -s} and WGFORM_ROOT pointing at
 * {@link #root}, with fake wg, wg-quick, nft, sshd, systemctl, ip and firewall-cmd first on PATH (they record
 * their calls and keep a little state under {@link #state}). Nothing here touches the real system.
 */
final class FakeHost implements AutoCloseable {
    static final String REAL_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Path FAKEBIN = Paths.get("src/test/resources/apply/fakebin");
    /** Wrappers around real mv and base64 that can kill the script at their Nth call: for crash tests only (slower). */
    private static final Path CRASHBIN = Paths.get("src/test/resources/apply/crashbin");

    final Path dir;
    final Path root;
    final Path state;
    final Path bin;
    final Path log;
    final Map<String, String> env = new HashMap<>();

    record Run(String stdout, String stderr, int exit) {}

    FakeHost() {
        try {
            dir = Files.createTempDirectory("wgform-apply-");
            root = Files.createDirectories(dir.resolve("root"));
            state = Files.createDirectories(dir.resolve("state"));
            Files.createDirectories(state.resolve("up"));
            Files.createDirectories(state.resolve("enabled"));
            Files.createDirectories(state.resolve("active"));
            bin = Files.createDirectories(dir.resolve("bin"));
            log = dir.resolve("calls.log");
            Files.writeString(log, "");
            copyTools(FAKEBIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("PATH", bin + ":" + REAL_PATH);
        env.put("FAKE_BIN", bin.toString());
    }

    /** Also wrap mv and base64, so FAKE_KILL=mv:N or base64:N can kill the script between two renames. */
    FakeHost withCrashWrappers() {
        try {
            copyTools(CRASHBIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void copyTools(Path from) throws IOException {
        try (Stream<Path> tools = Files.list(from)) {
            for (Path t : tools.toList()) {
                Path copy = bin.resolve(t.getFileName().toString());
                Files.copy(t, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    Run run(String script) {
        return run(script, Map.of());
    }

    Run run(String script, Map<String, String> extraEnv) {
        return run(script, extraEnv, List.of("sh"));
    }

    /** Runs with another shell: {@code List.of("bash", "--posix")} is what RHEL's sh is. */
    Run run(String script, Map<String, String> extraEnv, List<String> shell) {
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            Process p = shell(shell, extraEnv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var stdin = p.getOutputStream()) {
                stdin.write(script.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the script may be killed before it has read everything: that is what the crash tests do
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("script did not finish in 30 s");
            }
            return new Run(Files.readString(out), Files.readString(err), p.exitValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code SHELL -s} with this host's environment (its root, the fake tools' log and state) and {@code extraEnv}. */
    private ProcessBuilder shell(List<String> shell, Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>(shell);
        command.add("-s");
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.clear();
        e.put("HOME", dir.toString());
        e.put("LANG", "C");
        e.put("WGFORM_ROOT", root.toString());
        e.put("FAKE_LOG", log.toString());
        e.put("FAKE_STATE", state.toString());
        e.put("FAKE_REAL_PATH", REAL_PATH);
        e.putAll(env);
        e.putAll(extraEnv);
        return pb;
    }

    /**
     * Runs a script that asks for an answer as apply's reading command does: the script first, then, once the script
     * printed {@code ask} as a line, {@code answer} (null: end of input unanswered), as the workstation sends them.
     */
    Run runAnswering(String script, String ask, String answer, List<String> shell) {
        try {
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            Process p = shell(shell, Map.of()).redirectError(err.toFile()).start();
            ScriptRunner.Result r = ScriptRunner.exchange(p, script, ask, answer);
            return new Run(r.stdout(), Files.readString(err), r.exit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String hostPath) {
        return root.resolve(hostPath.substring(1));
    }

    void write(String hostPath, String content, String mode) {
        try {
            Path p = path(hostPath);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String hostPath) {
        try {
            return Files.readString(path(hostPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String hostPath) {
        return Files.exists(path(hostPath));
    }

    String mode(String hostPath) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path(hostPath));
            return PosixFilePermissions.toString(perms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real private key (real wg genkey), written as the host's key file; returns it for no-leak assertions. */
    String genKey(String hostPath) {
        String key = realWg("genkey", "");
        write(hostPath, key + "\n", "rw-------");
        return key;
    }

    static String realWg(String command, String stdin) {
        try {
            Process p = new ProcessBuilder("/usr/bin/wg", command).start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || out.isEmpty()) throw new AssertionError("wg " + command + " failed");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Pretend the interface is up, running {@code config}. */
    void up(String iface, String config) {
        try {
            Files.writeString(state.resolve("up").resolve(iface), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isUp(String iface) {
        return Files.exists(state.resolve("up").resolve(iface));
    }

    String running(String iface) {
        try {
            return Files.readString(state.resolve("up").resolve(iface));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void enabled(String unit) {
        try {
            Files.createDirectories(state.resolve("enabled"));
            Files.writeString(state.resolve("enabled").resolve(unit), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isEnabled(String unit) {
        return Files.exists(state.resolve("enabled").resolve(unit));
    }

    /** {@code wg show IFACE peers} will print these lines instead of the running config's peers. */
    void peersOverride(String iface, String... peers) {
        try {
            Files.createDirectories(state.resolve("peers-override"));
            Files.writeString(state.resolve("peers-override").resolve(iface), peers.length == 0 ? "" : String.join("\n", peers) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fake tools' calls, with the temp root shown as nothing: "wg-quick up /etc/wireguard/wg-mgmt.conf". */
    List<String> calls() {
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(log)) lines.add(l.replace(root.toString(), ""));
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files whose name starts with .wgform. anywhere under the root: temp files. */
    List<String> tempFiles() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().startsWith(".wgform."))
                    .map(p -> "/" + root.relativize(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files synced with wg syncconf, oldest first. */
    List<String> synced(String iface) {
        try (Stream<Path> all = Files.list(state)) {
            List<Path> files = all.filter(p -> p.getFileName().toString().startsWith("synced-" + iface + "."))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(("synced-" + iface + ".").length()))))
                    .toList();
            List<String> out = new ArrayList<>();
            for (Path f : files) out.add(Files.readString(f));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
