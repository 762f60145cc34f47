package dev.wgform.facts;

import static dev.wgform.facts.Fixtures.content;
import static dev.wgform.facts.Fixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FactParserTest {
    @Test
    void readsAFullDebianHost() throws FactsException {
        HostFacts f = FactParser.parse("node-a", Fixtures.read("debian-systemd.txt"));

        assertThat(f.os()).isEqualTo(new OsInfo("debian", List.of(), "12"));
        assertThat(f.os().family()).isEqualTo("debian");
        assertThat(f.systemd()).isTrue();
        assertThat(f.tools()).containsEntry("wg", "/usr/bin/wg").containsEntry("sshd", "/usr/sbin/sshd")
                .doesNotContainKeys("firewall-cmd", "wireguard-go");
        assertThat(f.has("nft")).isTrue();
        assertThat(f.hostTimeEpoch()).isEqualTo(1700000100L);

        assertThat(f.manifest()).isPresent();
        assertThat(f.manifest().get().version()).isEqualTo(1);
        assertThat(f.manifest().get().files()).extracting(Manifest.ManagedFile::path)
                .containsExactly("/etc/wireguard/wg-mgmt.conf", "/etc/ssh/sshd_config.d/wgform.conf", "/etc/wireguard/wg-old.conf");
        assertThat(f.manifest().get().files().get(1).kind()).isEqualTo("service:sshd");

        assertThat(f.files().keySet()).containsExactly("/etc/wireguard/wg-mgmt.conf", "/etc/ssh/sshd_config.d/wgform.conf",
                "/etc/nftables.d/wgform.nft", "/etc/wireguard/wg-old.conf", "/etc/wireguard/hand made.conf");
        FileFact conf = f.file("/etc/wireguard/wg-mgmt.conf");
        String expected = Fixtures.read("debian-systemd.wg-mgmt.conf");
        assertThat(conf.exists()).isTrue();
        assertThat(conf.content()).isEqualTo(expected).contains("PrivateKey = " + FileFact.SECRET_MARKER);
        assertThat(conf.mode()).isEqualTo(0600);
        assertThat(conf.owner()).isEqualTo("root:root");
        assertThat(conf.sha256()).isEqualTo(dev.wgform.render.RenderedFile.sha256(expected));
        assertThat(f.file("/etc/ssh/sshd_config.d/wgform.conf").mode()).isEqualTo(0644);
        assertThat(f.file("/etc/nftables.d/wgform.nft")).isEqualTo(FileFact.absent("/etc/nftables.d/wgform.nft"));
        FileFact empty = f.file("/etc/wireguard/hand made.conf");
        assertThat(empty.exists()).isTrue();
        assertThat(empty.content()).isEmpty();
        assertThat(empty.owner()).isEqualTo("root:adm");
        assertThat(empty.mode()).isEqualTo(0640);
        assertThat(f.file("/never/asked")).isEqualTo(FileFact.absent("/never/asked"));

        assertThat(f.interfaces().keySet()).containsExactly("wg-mgmt", "wg-old");
        LiveInterface mgmt = f.interfaces().get("wg-mgmt");
        assertThat(mgmt.publicKey()).isEqualTo("m2hAkS/zPSL2SSWL84mioGnRgiKQpxRKxmM9qQMBiFU=");
        assertThat(mgmt.listenPort()).isEqualTo(OptionalInt.of(51820));
        assertThat(mgmt.peers()).containsExactly(
                new LivePeer("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=", true, Optional.of("203.0.113.20:51820"),
                        List.of("10.200.0.2/32"), 1700000000L, 4242L, 8484L, OptionalInt.empty()),
                new LivePeer("HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=", true, Optional.empty(),
                        List.of("10.200.0.3/32", "192.168.1.0/24"), 0L, 0L, 0L, OptionalInt.of(25)));
        assertThat(f.secondsSinceHandshake(mgmt.peers().get(0))).isEqualTo(OptionalLong.of(100));
        assertThat(f.secondsSinceHandshake(mgmt.peers().get(1))).isEmpty();
        LiveInterface old = f.interfaces().get("wg-old");
        assertThat(old.listenPort()).isEmpty();
        assertThat(old.peers()).isEmpty();

        assertThat(f.keys()).containsOnlyKeys("wg-mgmt");
        assertThat(f.keys().get("wg-mgmt")).isEqualTo(new KeyFact("wg-mgmt", "/etc/wireguard/keys/wg-mgmt.key",
                "m2hAkS/zPSL2SSWL84mioGnRgiKQpxRKxmM9qQMBiFU=", 1699990000L));
        assertThat(f.psks()).containsOnlyKeys("/etc/wireguard/keys/wg-mgmt/node-b.psk");
        assertThat(f.psks().get("/etc/wireguard/keys/wg-mgmt/node-b.psk"))
                .isEqualTo(new PskFact("/etc/wireguard/keys/wg-mgmt/node-b.psk", "ab".repeat(32), 1699990001L));
        assertThat(f.services()).containsExactly(java.util.Map.entry("sshd", true), java.util.Map.entry("nginx", false));
    }

    @Test
    void readsARhelContainerWithoutWg() throws FactsException {
        HostFacts f = FactParser.parse("rocky-1", Fixtures.read("rocky-container-no-wg.txt"));
        assertThat(f.os()).isEqualTo(new OsInfo("rocky", List.of("rhel", "centos", "fedora"), "9.3"));
        assertThat(f.os().family()).isEqualTo("redhat");
        assertThat(f.systemd()).isFalse();
        assertThat(f.has("wg")).isFalse();
        assertThat(f.tools()).containsOnlyKeys("nft", "firewall-cmd");
        assertThat(f.manifest()).isEmpty();
        assertThat(f.interfaces()).isEmpty();
        KeyFact key = f.keys().get("wg-mgmt");
        assertThat(key.publicKey()).isEmpty();
        assertThat(key.publicKeyKnown()).isFalse();
        assertThat(key.mtimeEpoch()).isEqualTo(1699990000L);
        assertThat(f.file("/etc/wireguard/wg-mgmt.conf").exists()).isFalse();
        assertThat(f.services()).containsEntry("sshd", false);
    }

    @Test
    void refusesTruncatedOutput() {
        assertThatThrownBy(() -> FactParser.parse("db-1", Fixtures.read("truncated.txt")))
                .isInstanceOf(FactsException.class)
                .hasMessageStartingWith("db-1: fact output truncated (no @@end)")
                .hasMessageContaining("after @@psk")
                .hasMessageEndingWith("Run again.");
        assertThatThrownBy(() -> FactParser.parse("db-1", ""))
                .hasMessage("db-1: no fact output (the remote command printed nothing)");
        assertThatThrownBy(() -> FactParser.parse("db-1", "sh: 1: Syntax error: \"(\" unexpected\n"))
                .hasMessage("db-1: no fact output (expected @@wgform-facts, got \"sh: 1: Syntax error: \"(\" unexpected\")");
    }

    @Test
    void readsADigestAsAFileWhoseTextIsHeldBackAndItsTextsWhenSent() throws FactsException {
        String sha = "ab".repeat(32);
        HostFacts f = FactParser.parse("db-1", minimal("@@digest /etc/wireguard/wg-mgmt.conf\n600 root:root\n" + sha + "  -\n"));
        FileFact d = f.file("/etc/wireguard/wg-mgmt.conf");
        assertThat(d.isDigestOnly()).isTrue();
        assertThat(d.sha256()).isEqualTo(sha);
        assertThat(d.mode()).isEqualTo(0600);
        assertThat(f.digestOnly()).containsOnlyKeys("/etc/wireguard/wg-mgmt.conf");
        // a saved plan's fingerprint does not care whether a file came as its text or its digest
        assertThat(f.withFiles(Map.of(d.path(), d.withContent("the text", sha))).fingerprint()).isEqualTo(f.fingerprint());

        Map<String, FileFact> sent = FactParser.texts("db-1", "@@text /etc/wireguard/wg-mgmt.conf\n:[Interface]\n:PrivateKey = {{wgform-secret}}\n",
                Map.of(d.path(), d));
        assertThat(sent.get(d.path()).content()).isEqualTo("[Interface]\nPrivateKey = {{wgform-secret}}\n");
        assertThat(sent.get(d.path()).mode()).isEqualTo(0600);
        assertThat(sent.get(d.path()).isDigestOnly()).isFalse();
        assertThat(FactParser.texts("db-1", "@@nofile /etc/wireguard/wg-mgmt.conf\n", Map.of(d.path(), d)).get(d.path()).exists()).isFalse();

        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@digest /etc/x\n600 root:root\nnot-a-hash\n")))
                .isInstanceOf(FactsException.class).hasMessageContaining("no sha256 for /etc/x");
        assertThatThrownBy(() -> FactParser.texts("db-1", "@@text /etc/other\n:x\n", Map.of(d.path(), d)))
                .isInstanceOf(FactsException.class).hasMessageContaining("not asked for: /etc/other");
        assertThatThrownBy(() -> FactParser.texts("db-1", "", Map.of(d.path(), d)))
                .isInstanceOf(FactsException.class).hasMessage("db-1: the text of /etc/wireguard/wg-mgmt.conf was asked for and not sent");
    }

    @Test
    void refusesAnotherFormatVersion() {
        assertThatThrownBy(() -> FactParser.parse("db-1", "@@wgform-facts 1\n@@end\n"))
                .isInstanceOf(FactsException.class).hasMessage("db-1: fact output format 1, this wgform reads format 2");
    }

    @Test
    void refusesOutputMissingARequiredSection() {
        assertThatThrownBy(() -> FactParser.parse("db-1", "@@wgform-facts 2\n@@os\n@@end\n"))
                .hasMessage("db-1: fact output has no @@pid1 section");
        String noWg = minimal("").replace("@@wg missing\n", "");
        assertThatThrownBy(() -> FactParser.parse("db-1", noWg)).hasMessage("db-1: fact output has no @@wg section");
    }

    @Test
    void namesTheLineOfAMalformedSection() {
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@file /etc/x\n600 root:root\n:a\nb\n")))
                .hasMessage("db-1: fact output line 7 (@@file): content of /etc/x has a line that is not content: b");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@file /etc/x\n600 root:root\n\\\n:a\n")))
                .hasMessage("db-1: fact output line 7 (@@file): content of /etc/x has a line that is not content: \\");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@file /etc/x\n")))
                .hasMessage("db-1: fact output line 7 (@@file): no mode and owner for /etc/x");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@file /etc/x\n? ?\n")))
                .hasMessage("db-1: fact output line 7 (@@file): could not stat /etc/x");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@psk /k.psk\n1\nnothex  -\n")))
                .hasMessage("db-1: fact output line 7 (@@psk): not a sha256 for /k.psk");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@service sshd maybe\n")))
                .hasMessage("db-1: fact output line 7 (@@service): expected NAME running|stopped");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@bogus x\n")))
                .hasMessageContaining("line 7 (@@bogus): unknown section");
        assertThatThrownBy(() -> FactParser.parse("db-1", "@@wgform-facts 2\nstray\n@@end\n"))
                .hasMessage("db-1: fact output line 2: payload before any section");
    }

    @Test
    void refusesStatesWgformMustNotActOn() {
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@unreadable /etc/wireguard/wg-mgmt.conf\n")))
                .hasMessage("db-1: fact output line 7 (@@unreadable): cannot read /etc/wireguard/wg-mgmt.conf; "
                        + "connect as root or set ansible_become: true");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@notfile /etc/wireguard/wg-mgmt.conf\n")))
                .hasMessageEndingWith("/etc/wireguard/wg-mgmt.conf exists but is not a regular file; move it away");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("@@key wg-mgmt /etc/wireguard/keys/wg-mgmt.key\n17\ninvalid\n")))
                .hasMessageContaining("/etc/wireguard/keys/wg-mgmt.key is not a valid WireGuard private key");
    }

    @Test
    void refusesABrokenOrNewerManifest() {
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("").replace("@@nomanifest\n", "@@manifest\n" + content("{\"version\": 1,\n \"files\": [,]}\n"))))
                .hasMessage("db-1: fact output line 6 (@@manifest): /var/lib/wgform/manifest.json is not a wgform manifest: "
                        + "2:12: unexpected ',', expected a value; repair or remove it (wgform then forgets which files it installed)");
        assertThatThrownBy(() -> FactParser.parse("db-1", minimal("").replace("@@nomanifest\n", "@@manifest\n" + content("{\"version\": 2, \"files\": []}\n"))))
                .hasMessageEndingWith("has version 2, written by a newer wgform (this one reads 1)");
    }

    @Test
    void aFailingWgMeansNoInterfacesUp() throws FactsException {
        String failed = minimal("").replace("@@wg missing\n", "@@wg\n" + content("wgform-exit 1\n"));
        assertThat(FactParser.parse("h", failed).interfaces()).isEmpty();
        String noStatus = minimal("").replace("@@wg missing\n", "@@wg\n" + content("wg0\t(hidden)\tk\t1\toff\n"));
        assertThatThrownBy(() -> FactParser.parse("h", noStatus)).hasMessageEndingWith("wg show output has no exit status");
        String badLine = minimal("").replace("@@wg missing\n", "@@wg\n" + content("wg0\tonly three\tfields\nwgform-exit 0\n"));
        assertThatThrownBy(() -> FactParser.parse("h", badLine)).hasMessageEndingWith("wg dump line 1: 3 fields (expected 5 or 9)");
    }

    @Test
    void neverKeepsSecretColumnsEvenIfTheHostSentThem() throws FactsException {
        // An old or tampered script that did not blank the columns: the parser must still drop them.
        String priv = "EHtCcd3fWqBLXEwzOz1fk7MgbIoM2vCUH2IyFBUXn2A=";
        String psk = "uK0vfHlZJ7TP6yFhY3F7tVvvwFrLkoO2UD1Qx/8cZ6s=";
        String dump = "wg0\t" + priv + "\tm2hAkS/zPSL2SSWL84mioGnRgiKQpxRKxmM9qQMBiFU=\t51820\toff\n"
                + "wg0\tHIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=\t" + psk + "\t(none)\t(none)\t0\t0\t0\toff\nwgform-exit 0\n";
        HostFacts f = FactParser.parse("h", minimal("").replace("@@wg missing\n", "@@wg\n" + content(dump)));
        assertThat(f.toString()).doesNotContain(priv).doesNotContain(psk);
        LivePeer peer = f.interfaces().get("wg0").peers().get(0);
        assertThat(peer.hasPsk()).isTrue();
        assertThat(peer.allowedIps()).isEmpty();
    }

    @Test
    void keepsTheFirstReportOfAPathAndIgnoresBlankLines() throws FactsException {
        String out = minimal("@@file /etc/a b\n600 root:root\n" + content("one\n") + "\n@@file /etc/a b\n644 x:y\n" + content("two\n"));
        HostFacts f = FactParser.parse("h", out);
        assertThat(f.files()).hasSize(1);
        assertThat(f.file("/etc/a b").content()).isEqualTo("one\n");
    }

    @Test
    void readsContentLinesExactlyAndMarksInexactContent() throws FactsException {
        String out = minimal("@@file /a\n600 root:root\n:x\n:\n:@@end\n:last\n\\\n"
                + "@@file /b\n600 root:root\n\n@@file /c\n600 root:root\n!\n:half\n");
        HostFacts f = FactParser.parse("h", out);
        assertThat(f.file("/a").content()).isEqualTo("x\n\n@@end\nlast");
        assertThat(f.file("/b").content()).isEmpty();
        assertThat(f.file("/c").content()).isEqualTo("half\n" + FileFact.INEXACT_NOTE);
        assertThat(f.file("/c").sha256()).isEqualTo(dev.wgform.render.RenderedFile.sha256("half\n" + FileFact.INEXACT_NOTE));
    }

    @Test
    void unquotesOsReleaseValues() throws FactsException {
        String out = minimal("").replace("@@os\nID=debian\n", "@@os\nID='opensuse-leap'\nID_LIKE=\"suse  opensuse\"\nVERSION_ID=\"15.\\\"5\"\n");
        assertThat(FactParser.parse("h", out).os()).isEqualTo(new OsInfo("opensuse-leap", List.of("suse", "opensuse"), "15.\"5"));
    }

    @Test
    void contentWrittenAsTheScriptPrintsItReadsBackExactly() throws FactsException {
        for (String text : List.of("", "one line\n", "no final newline", "a\n\nb\n", "\n", "x\n:y\n\\\n")) {
            String out = "@@wgform-facts " + FactScript.FORMAT + "\n@@os\nID=debian\n@@pid1 systemd\n@@tools\n@@nomanifest\n"
                    + "@@file /etc/x.conf\n644 root:root\n" + FactScript.contentLines(text) + "@@wg\n:wgform-exit 0\n@@time 1700000000\n@@end\n";
            assertThat(FactParser.parse("node-a", out).file("/etc/x.conf").content()).as(text).isEqualTo(text);
        }
    }
}
