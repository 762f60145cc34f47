package dev.wgform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mode and owner of every kind of file and directory wgform makes on a host, after a real apply (keys step and
 * install step over SSH, against fake hosts in temp dirs): secrets and everything that holds or leads to them private
 * to root, the rest as the README's "Files on the hosts" says. Modes loosened by hand are put back by the next apply.
 */
class HostFileModesTest {
    private static final String PLAYBOOK = """
            planes:
              mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [all], psk: true }
            services:
              sshd: { plane: mgmt }
              postgresql: { plane: mgmt }
              prometheus: { plane: mgmt, port: 9090 }
              node_exporter: { plane: mgmt, port: 9100 }
              nginx: { plane: mgmt, port: 8080 }
              app: { plane: mgmt, port: 9000, template: app.ftl, destination: /etc/app/conf.d/wgform.conf }
            firewall: { policy: stealth }
            """;

    @TempDir
    Path base;

    @Test
    void everyFileKindGetsItsModeAndRootAsOwnerAndLoosenedModesArePutBack() throws IOException {
        try (LoopbackFleet fleet = LoopbackFleet.start(base, "node-a", "node-b")) {
            LoopbackHost debian = fleet.host("node-a");
            LoopbackHost redhat = fleet.host("node-b");
            // WireGuard's directories already there, too open (an admin's mkdir under umask 022)
            for (String d : List.of("/etc/wireguard", "/etc/wireguard/keys")) {
                Files.createDirectories(debian.path(d));
                Files.setPosixFilePermissions(debian.path(d), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path inventory = fleet.inventory(Map.of("node-b", "wg_os_family: redhat"));
            Path templates = Files.createDirectories(fleet.dir.resolve("templates"));
            Files.writeString(templates.resolve("app.ftl"), "listen ${service.address}:${service.port?c}\n");
            Path playbook = fleet.write("playbook.yml", PLAYBOOK);
            String[] apply = {"apply", "--auto-approve", "-i", inventory.toString(), playbook.toString(), "--templates", templates.toString()};

            LoopbackFleet.Result first = fleet.wgform(apply);
            assertThat(first.exit()).as(first.all()).isZero();

            Map<String, String> common = new LinkedHashMap<>();
            common.put("/etc/wireguard", "rwx------");
            common.put("/etc/wireguard/keys", "rwx------");
            common.put("/etc/wireguard/keys/wg-mgmt.key", "rw-------");
            common.put("/etc/wireguard/keys/wg-mgmt", "rwx------");
            common.put("/etc/wireguard/wg-mgmt.conf", "rw-------");
            common.put("/etc/ssh/sshd_config.d/wgform.conf", "rw-------");
            common.put("/etc/postgresql/15/main/conf.d/wgform.conf", "rw-r--r--");
            common.put("/etc/default/prometheus", "rw-r--r--");
            common.put("/etc/default/prometheus-node-exporter", "rw-r--r--");
            common.put("/etc/nginx/wgform-listen.conf", "rw-r--r--");
            common.put("/etc/app/conf.d/wgform.conf", "rw-r--r--");
            common.put("/etc/app", "rwxr-xr-x"); // directories made for a service's file: 0755
            common.put("/etc/app/conf.d", "rwxr-xr-x");
            common.put("/var/lib/wgform", "rwx------");
            common.put("/var/lib/wgform/manifest.json", "rw-r--r--");
            common.put("/var/lib/wgform/lock", "rw-------");

            Map<String, String> onDebian = new LinkedHashMap<>(common);
            onDebian.put("/etc/wireguard/keys/wg-mgmt/node-b.psk", "rw-------");
            onDebian.put("/etc/nftables.d/wgform.nft", "rw-------");
            onDebian.put("/etc/nftables.d", "rwxr-xr-x");
            onDebian.put("/var/lib/wgform/nftables.sha256", "rw-------");
            onDebian.put("/var/lib/wgform/confirm", "rwx------"); // confirmed apply: the firewall and sshd changed
            onDebian.put("/var/lib/wgform/confirm/log", "rw-------");
            onDebian.put("/etc/nftables.conf", "rwxr-xr-x"); // made to include wgform's table at boot (Debian ships it)
            Map<String, String> onRedhat = new LinkedHashMap<>(common);
            onRedhat.put("/etc/wireguard/keys/wg-mgmt/node-a.psk", "rw-------");
            onRedhat.put("/etc/firewalld/zones/wgform-public.xml", "rw-r--r--");
            onRedhat.put("/etc/firewalld/zones/wgform-planes.xml", "rw-r--r--");

            assertModes(debian, onDebian);
            assertModes(redhat, onRedhat);
            assertThat(debian.files()).as("every file wgform made on node-a is one of those above")
                    .allMatch(f -> onDebian.containsKey(f) || f.equals("/etc/os-release") || f.equals("/proc/1/comm")
                            || f.matches("/var/lib/wgform/backup/[0-9TZ]+/(revert\\.sh|flags)")); // the watchdog's, in the private backup dir

            // loosened by hand: the plan says so and apply puts the modes back; what it replaces is backed up privately
            chmod(debian, "/etc/wireguard/wg-mgmt.conf", "rw-r--r--");
            chmod(debian, "/etc/nftables.d/wgform.nft", "rw-r--r--");
            chmod(debian, "/etc/ssh/sshd_config.d/wgform.conf", "rw-rw-rw-");
            chmod(debian, "/etc/wireguard", "rwxr-xr-x");
            fleet.write("playbook.yml", PLAYBOOK.replace("port: 8080", "port: 8081"));
            LoopbackFleet.Result plan = fleet.wgform("plan", "-i", inventory.toString(), playbook.toString(), "--templates", templates.toString());
            assertThat(plan.out()).contains("mode 0644 -> 0600", "mode 0666 -> 0600");

            LoopbackFleet.Result second = fleet.wgform(apply);
            assertThat(second.exit()).as(second.all()).isZero();
            assertModes(debian, onDebian);

            Path backups = debian.path("/var/lib/wgform/backup");
            assertThat(mode(backups)).isEqualTo("rwx------");
            List<Path> runs;
            try (Stream<Path> s = Files.list(backups)) {
                runs = s.sorted().toList();
            }
            // the first apply replaced nothing: its run holds only the watchdog of its confirmed firewall/sshd change and
            // the flags that say what its revert would undo
            assertThat(runs).hasSize(2);
            try (Stream<Path> s = Files.walk(runs.get(0))) {
                assertThat(s.filter(Files::isRegularFile).map(p -> runs.get(0).relativize(p).toString())).containsExactlyInAnyOrder("revert.sh", "flags");
            }
            try (Stream<Path> s = Files.walk(runs.get(1))) {
                List<Path> dirs = s.filter(Files::isDirectory).toList();
                assertThat(dirs).isNotEmpty().allSatisfy(d -> assertThat(mode(d)).as(d.toString()).isEqualTo("rwx------"));
            }
            Path oldConf = runs.get(1).resolve("etc/wireguard/wg-mgmt.conf");
            assertThat(Files.readString(oldConf)).as("the backup is the old config, secrets filled in").contains("PrivateKey = ");
            assertThat(owner(oldConf)).isEqualTo(expectedOwner());
            assertThat(debian.files()).noneMatch(f -> f.contains("/.wgform.")); // no temp file left behind
        }
    }

    private static void assertModes(LoopbackHost host, Map<String, String> expected) {
        expected.forEach((path, mode) -> {
            Path p = host.path(path);
            assertThat(p).as(host.name + ":" + path).exists();
            assertThat(mode(p)).as("mode of " + host.name + ":" + path).isEqualTo(mode);
            assertThat(owner(p)).as("owner of " + host.name + ":" + path).isEqualTo(expectedOwner());
        });
    }

    /** The install and keys steps chown what they write to root:root when they run as root (as they do on hosts). */
    private static String expectedOwner() {
        String me = System.getProperty("user.name");
        return me.equals("root") ? "root:root" : me + ":" + me;
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String owner(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.owner().getName() + ":" + a.group().getName();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void chmod(LoopbackHost host, String path, String mode) throws IOException {
        Files.setPosixFilePermissions(host.path(path), PosixFilePermissions.fromString(mode));
    }
}
