package dev.wgform.planner;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.Peer;
import dev.wgform.desired.PublicKeys;
import dev.wgform.desired.WgInterface;
import dev.wgform.facts.FileFact;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.KeyFact;
import dev.wgform.facts.ListeningSocket;
import dev.wgform.facts.NftTable;
import dev.wgform.facts.LiveInterface;
import dev.wgform.facts.LivePeer;
import dev.wgform.facts.Manifest;
import dev.wgform.facts.OsInfo;
import dev.wgform.facts.PskFact;
import dev.wgform.model.Fleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import dev.wgform.wgconf.PeerSection;
import dev.wgform.wgconf.WgQuickFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Facts built directly, never read from a host: {@link #applied} is what a host looks like after a successful
 * apply of its desired state (files installed and redacted as the fact script reports them, keys and PSKs present,
 * interfaces up with exactly their configured peers, services running, a manifest); the builder then breaks it in
 * the one way a test wants.
 */
final class TestFacts {
    /** Public keys for every host and plane: known, key-shaped, derived from the name. */
    static final PublicKeys KEYS = (host, plane) -> Optional.of(publicKey(host, plane));
    static final Renderer RENDERER = new Renderer(Optional.empty());

    private TestFacts() {}

    static String publicKey(String host, String plane) {
        return Base64.getEncoder().encodeToString(sha256("public " + host + "/" + plane));
    }

    /** The hash the fact script reports for the pair's PSK: equal on both sides. */
    static String pskHash(String iface, String a, String b) {
        String pair = a.compareTo(b) < 0 ? a + "+" + b : b + "+" + a;
        return HexFormat.of().formatHex(sha256("psk " + iface + " " + pair));
    }

    /** A fleet's desired states, with every public key known. */
    static List<HostState> desired(Fleet fleet) {
        return DesiredState.build(fleet, KEYS);
    }

    static HostState state(List<HostState> states, String host) {
        return states.stream().filter(s -> s.host().name().equals(host)).findFirst().orElseThrow(() -> new AssertionError("no host " + host));
    }

    static List<RenderedFile> render(HostState state) {
        try {
            return RENDERER.render(state);
        } catch (InvalidInputException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** What the fact script reports for a file wgform installed: secret values redacted on the host. */
    static String redacted(String rendered) {
        return rendered.replaceAll("\\{\\{wgform-secret:[^{}\\s]+}}", "{{wgform-secret}}");
    }

    static Builder applied(HostState state) {
        return applied(state, render(state));
    }

    static Builder applied(HostState state, List<RenderedFile> files) {
        Builder b = new Builder();
        String host = state.host().name();
        for (RenderedFile f : files) b.file(f.path(), redacted(f.content()), f.mode());
        b.manifestFromFiles(files);
        for (WgInterface i : state.interfaces()) {
            b.keys.put(i.name(), new KeyFact(i.name(), i.privateKeyPath(), publicKey(host, i.plane()), 1_700_000_000L));
            for (Peer p : i.peers()) p.pskPath().ifPresent(path -> b.psks.put(path, new PskFact(path, pskHash(i.name(), host, p.host()), 1_700_000_000L)));
            RenderedFile config = files.stream().filter(f -> f.path().equals("/etc/wireguard/" + i.name() + ".conf")).findFirst().orElseThrow();
            b.interfaces.put(i.name(), live(i.name(), publicKey(host, i.plane()), config.content()));
        }
        state.services().forEach(s -> b.services.put(s.name(), true));
        return b;
    }

    /** An interface running exactly what its config says. */
    static LiveInterface live(String iface, String publicKey, String config) {
        WgQuickFile parsed = WgQuickFile.parse(config);
        List<LivePeer> peers = new ArrayList<>();
        for (PeerSection p : parsed.peers()) {
            peers.add(new LivePeer(p.publicKey().orElseThrow(), p.first("PresharedKey").isPresent(), p.first("Endpoint"),
                    p.allowedIps(), 1_700_000_100L, 1000, 2000,
                    p.first("PersistentKeepalive").map(k -> OptionalInt.of(Integer.parseInt(k))).orElse(OptionalInt.empty())));
        }
        OptionalInt port = parsed.first("ListenPort").map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
        return new LiveInterface(iface, publicKey, port, peers);
    }

    /** A host that has nothing of wgform's yet: Debian, systemd, tools installed. */
    static Builder fresh() {
        return new Builder();
    }

    /** Facts for every host of a fleet as apply would leave them. */
    static Map<String, HostFacts> appliedFleet(List<HostState> states) {
        Map<String, HostFacts> out = new LinkedHashMap<>();
        for (HostState s : states) out.put(s.host().name(), applied(s).build());
        return out;
    }

    static Map<String, List<RenderedFile>> renderAll(List<HostState> states) {
        Map<String, List<RenderedFile>> out = new LinkedHashMap<>();
        for (HostState s : states) out.put(s.host().name(), render(s));
        return out;
    }

    static final class Builder {
        private boolean systemd = true;
        private final Map<String, String> tools = new LinkedHashMap<>();
        private final Map<String, FileFact> files = new LinkedHashMap<>();
        private Optional<Manifest> manifest = Optional.empty();
        private final Map<String, LiveInterface> interfaces = new LinkedHashMap<>();
        private final Map<String, KeyFact> keys = new LinkedHashMap<>();
        private final Map<String, PskFact> psks = new LinkedHashMap<>();
        private final Map<String, Boolean> services = new LinkedHashMap<>();
        private Optional<NftTable> nftables = Optional.empty();
        private Optional<List<ListeningSocket>> listening = Optional.empty();

        Builder() {
            for (String t : List.of("wg", "wg-quick", "nft", "sshd", "systemctl")) tools.put(t, "/usr/bin/" + t);
        }

        Builder file(String path, String redactedContent, int mode) {
            files.put(path, new FileFact(path, true, redactedContent, mode, "root",
                    HexFormat.of().formatHex(sha256(redactedContent))));
            return this;
        }

        /** Edits a file's content as someone on the host might have. */
        Builder editFile(String path, UnaryOperator<String> edit) {
            FileFact f = files.get(path);
            if (f == null) throw new AssertionError("no file " + path);
            return file(path, edit.apply(f.content()), f.mode());
        }

        Builder mode(String path, int mode) {
            FileFact f = files.get(path);
            files.put(path, new FileFact(path, true, f.content(), mode, f.owner(), f.sha256()));
            return this;
        }

        Builder withoutFile(String path) {
            files.remove(path);
            return this;
        }

        Builder manifestFromFiles(List<RenderedFile> rendered) {
            List<Manifest.ManagedFile> entries = new ArrayList<>();
            for (RenderedFile f : rendered) {
                entries.add(new Manifest.ManagedFile(f.path(), f.kind(), HexFormat.of().formatHex(sha256(redacted(f.content())))));
            }
            manifest = Optional.of(new Manifest(1, entries));
            return this;
        }

        /** A manifest recording the hashes of the renderings with their placeholders, not of the redacted files. */
        Builder manifestOfRenderedHashes(List<RenderedFile> rendered) {
            List<Manifest.ManagedFile> entries = new ArrayList<>();
            for (RenderedFile f : rendered) entries.add(new Manifest.ManagedFile(f.path(), f.kind(), f.sha256()));
            manifest = Optional.of(new Manifest(1, entries));
            return this;
        }

        Builder withoutManifest() {
            manifest = Optional.empty();
            return this;
        }

        Builder down(String iface) {
            interfaces.remove(iface);
            return this;
        }

        Builder live(LiveInterface live) {
            interfaces.put(live.name(), live);
            return this;
        }

        LiveInterface live(String iface) {
            return interfaces.get(iface);
        }

        /** A key file whose mode someone changed by hand. */
        Builder keyMode(String iface, int mode) {
            KeyFact k = keys.get(iface);
            keys.put(iface, new KeyFact(k.interfaceName(), k.path(), k.publicKey(), k.mtimeEpoch(), mode));
            return this;
        }

        /** A key file last written at {@code mtimeEpoch} (the host's clock reads 1_700_000_100). */
        Builder keyWrittenAt(String iface, long mtimeEpoch) {
            KeyFact k = keys.get(iface);
            keys.put(iface, new KeyFact(k.interfaceName(), k.path(), k.publicKey(), mtimeEpoch, k.mode()));
            return this;
        }

        Builder pskMode(String path, int mode) {
            PskFact p = psks.get(path);
            psks.put(path, new PskFact(p.path(), p.hash(), p.mtimeEpoch(), mode));
            return this;
        }

        Builder withoutKey(String iface) {
            keys.remove(iface);
            return this;
        }

        Builder withoutPsk(String path) {
            psks.remove(path);
            return this;
        }

        Builder pskHash(String path, String hash) {
            psks.put(path, new PskFact(path, hash, 1_700_000_000L));
            return this;
        }

        Builder service(String name, boolean running) {
            services.put(name, running);
            return this;
        }

        Builder systemd(boolean on) {
            systemd = on;
            return this;
        }

        Builder nftables(NftTable table) {
            nftables = Optional.of(table);
            return this;
        }

        Builder listening(ListeningSocket... sockets) {
            listening = Optional.of(List.of(sockets));
            return this;
        }

        HostFacts build() {
            return new HostFacts(new OsInfo("debian", List.of(), "12"), systemd, tools, files, manifest, interfaces, keys, psks, services,
                    1_700_000_100L, nftables, listening);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
