package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.crypto.KeyFiles;
import dev.wgform.crypto.Secret;
import dev.wgform.crypto.WgKeys;
import dev.wgform.desired.PublicKeys;
import dev.wgform.inventory.AddressLock;
import dev.wgform.schedule.CommandRunner;
import dev.wgform.transport.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wgform workstation without SSH or wg-quick: hosts' keys and commands are fakes, files are real (temp dir). */
class WorkstationServiceTest {
    static final String KEY_A = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";
    static final String KEY_B = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

    @TempDir
    Path dir;
    Path keys;
    Path inventory;
    Path playbook;
    final List<List<String>> ran = new ArrayList<>();
    final Set<String> up = new HashSet<>();
    PublicKeys hostKeys = (host, plane) -> host.equals("a") ? Optional.of(KEY_A) : host.equals("b") ? Optional.of(KEY_B) : Optional.empty();

    @BeforeEach
    void files() throws Exception {
        keys = dir.resolve("keys");
        inventory = dir.resolve("inv.yml");
        playbook = dir.resolve("pb.yml");
        Files.writeString(inventory, """
                all:
                  children:
                    core:
                      hosts:
                        a: { ansible_host: 203.0.113.1 }
                        b: { ansible_host: 203.0.113.2, wg_endpoint: b.example.org }
                        c: { ansible_host: 203.0.113.3 }
                        home: { ansible_host: 192.168.1.5, wg_nat: true }
                """);
        Files.writeString(playbook, "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core], psk: true }\n");
    }

    private WorkstationService service(boolean root) {
        CommandRunner runner = (argv, stdin) -> {
            ran.add(argv);
            if (argv.get(1).equals("up")) up.add("wgf-mgmt");
            if (argv.get(1).equals("down")) up.remove("wgf-mgmt");
            return new CommandRunner.Result(0, "", "[#] ip link add wgf-mgmt type wireguard\n");
        };
        return new WorkstationService(runner, root, up::contains, (options, progress) -> hostKeys);
    }

    private WorkstationService.Request request(WorkstationService.Action action) {
        RunOptions run = new RunOptions(new FleetPaths(inventory, playbook), Optional.empty(), Optional.empty(),
                SshSettings.defaults(dir.resolve("known_hosts"), false), 1);
        return new WorkstationService.Request(run, "mgmt", "admin", keys, Optional.empty(), action);
    }

    @Test
    void theFirstRunMakesAPrivateKeyFileEnrolsAndWritesTheConfigWithoutTheKey() throws Exception {
        WorkstationService.Report report = service(false).run(request(WorkstationService.Action.WRITE), Progress.silent());

        Path keyFile = keys.resolve("wgf-mgmt.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        String privateText = Files.readString(keyFile).strip();
        Secret key = KeyFiles.read(keyFile);
        String publicKey = WgKeys.publicKeyOf(key);

        Path conf = keys.resolve("wgf-mgmt.conf");
        String config = Files.readString(conf);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-------");
        assertThat(config).isEqualTo("""
                # Written by wgform workstation: admin on plane mgmt. Run again to refresh it.
                [Interface]
                Address = 10.200.0.254/24
                PostUp = wg set %i private-key KEYFILE

                [Peer]
                # a
                PublicKey = HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=
                AllowedIPs = 10.200.0.1/32
                Endpoint = 203.0.113.1:51820
                PersistentKeepalive = 25

                [Peer]
                # b
                PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=
                AllowedIPs = 10.200.0.2/32
                Endpoint = b.example.org:51820
                PersistentKeepalive = 25
                """.replace("KEYFILE", keyFile.toString()));
        assertThat(config).doesNotContain(privateText).doesNotContain("PresharedKey");

        String lock = Files.readString(dir.resolve("inv.lock.yml"));
        assertThat(lock).contains("admin:\n    mgmt:\n      address: 10.200.0.254\n      public_key: \"" + publicKey + "\"")
                .doesNotContain(privateText);
        String out = String.join("\n", report.lines());
        assertThat(out).doesNotContain(privateText)
                .contains("enrolled admin in plane mgmt as 10.200.0.254")
                .contains("left out (public key not known yet; apply the playbook, then run this again): c")
                .contains("then run this command again with --up");
        assertThat(report.ok()).isTrue();
        assertThat(ran).isEmpty();
    }

    @Test
    void runningAgainKeepsKeyAndAddress() throws Exception {
        service(false).run(request(WorkstationService.Action.WRITE), Progress.silent());
        String key = Files.readString(keys.resolve("wgf-mgmt.key"));
        String lock = Files.readString(dir.resolve("inv.lock.yml"));

        WorkstationService.Report again = service(false).run(request(WorkstationService.Action.WRITE), Progress.silent());

        assertThat(Files.readString(keys.resolve("wgf-mgmt.key"))).isEqualTo(key);
        assertThat(Files.readString(dir.resolve("inv.lock.yml"))).isEqualTo(lock);
        assertThat(again.lines().get(0)).isEqualTo("admin is enrolled in plane mgmt as 10.200.0.254");
    }

    @Test
    void aHostNotReachedThisTimeKeepsTheKeyFromTheLastFile() throws Exception {
        service(false).run(request(WorkstationService.Action.WRITE), Progress.silent());
        hostKeys = (host, plane) -> host.equals("b") ? Optional.of(KEY_B) : Optional.empty();

        service(false).run(request(WorkstationService.Action.WRITE), Progress.silent());

        assertThat(Files.readString(keys.resolve("wgf-mgmt.conf"))).contains("# a\nPublicKey = " + KEY_A);
    }

    @Test
    void withoutAnyKnownKeyNothingIsWrittenAndTheAdminIsToldToApply() throws Exception {
        hostKeys = PublicKeys.none();

        WorkstationService.Report report = service(false).run(request(WorkstationService.Action.WRITE), Progress.silent());

        assertThat(report.ok()).isFalse();
        assertThat(String.join("\n", report.lines())).contains("apply the playbook, then run this again");
        assertThat(keys.resolve("wgf-mgmt.conf")).doesNotExist();
        assertThat(AddressLock.read(dir.resolve("inv.lock.yml")).workstation("admin", "mgmt")).isPresent();
    }

    @Test
    void upAndDownNeedRoot() {
        assertThatThrownBy(() -> service(false).run(request(WorkstationService.Action.UP), Progress.silent()))
                .isInstanceOf(WorkstationService.WorkstationException.class).hasMessageContaining("needs root");
        assertThatThrownBy(() -> service(false).run(request(WorkstationService.Action.DOWN), Progress.silent()))
                .isInstanceOf(WorkstationService.WorkstationException.class).hasMessageContaining("needs root");
    }

    @Test
    void upRunsWgQuickOnTheFileAndRestartsAnInterfaceAlreadyUp() throws Exception {
        String conf = keys.resolve("wgf-mgmt.conf").toString();
        service(true).run(request(WorkstationService.Action.UP), Progress.silent());
        assertThat(ran).containsExactly(List.of("wg-quick", "up", conf));

        service(true).run(request(WorkstationService.Action.UP), Progress.silent());
        assertThat(ran).containsExactly(List.of("wg-quick", "up", conf), List.of("wg-quick", "down", conf), List.of("wg-quick", "up", conf));

        service(true).run(request(WorkstationService.Action.DOWN), Progress.silent());
        WorkstationService.Report idle = service(true).run(request(WorkstationService.Action.DOWN), Progress.silent());
        assertThat(ran).hasSize(4);
        assertThat(idle.lines()).containsExactly("wgf-mgmt is not up; nothing to do");
    }

    @Test
    void removeDropsTheEnrolmentAndTheLocalFiles() throws Exception {
        service(false).run(request(WorkstationService.Action.WRITE), Progress.silent());

        WorkstationService.Report report = service(false).run(request(WorkstationService.Action.REMOVE), Progress.silent());

        assertThat(AddressLock.read(dir.resolve("inv.lock.yml")).workstations()).isEmpty();
        assertThat(AddressLock.read(dir.resolve("inv.lock.yml")).addresses().get("mgmt")).containsKeys("a", "b", "c", "home");
        assertThat(keys.resolve("wgf-mgmt.key")).doesNotExist();
        assertThat(keys.resolve("wgf-mgmt.conf")).doesNotExist();
        assertThat(report.lines()).last().asString().contains("apply the playbook so the hosts drop");
    }

    @Test
    void aKeyFileReadableByOthersIsRefused() throws Exception {
        Files.createDirectories(keys);
        Path keyFile = keys.resolve("wgf-mgmt.key");
        KeyFiles.create(keyFile, WgKeys.generatePrivateKey());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> service(false).run(request(WorkstationService.Action.WRITE), Progress.silent()))
                .isInstanceOf(WorkstationService.WorkstationException.class).hasMessageContaining("readable by others")
                .hasMessageNotContaining(Files.readString(keyFile).strip());
    }
}
