// Fact-script answers for bench/sim-fleet: what each simulated host prints for `wgform plan`'s fact script when
// it is exactly as `wgform apply` leaves it (converged), or when it has nothing of wgform's yet (bare). Built with
// wgform's own classes from the jar (inventory loader, desired state, renderer, manifest), and checked with its
// own parser and planner, so the answers are the fact script's format 2 (src/main/resources/dev/wgform/facts/facts.sh).
import dev.wgform.crypto.Secret;
import dev.wgform.crypto.WgKeys;
import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.Peer;
import dev.wgform.desired.PublicKeys;
import dev.wgform.desired.ServiceState;
import dev.wgform.desired.WgInterface;
import dev.wgform.facts.FactParser;
import dev.wgform.facts.FactScript;
import dev.wgform.facts.HostFacts;
import dev.wgform.facts.Manifest;
import dev.wgform.inventory.FleetLoader;
import dev.wgform.model.Fleet;
import dev.wgform.model.Plane;
import dev.wgform.plan.Action;
import dev.wgform.plan.Change;
import dev.wgform.plan.HostPlan;
import dev.wgform.planner.Planner;
import dev.wgform.render.Placeholders;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import dev.wgform.wgconf.PeerSection;
import dev.wgform.wgconf.WgQuickFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Builds one answer per host (the fact output without its closing "@@time"/"@@end", which are added when served). */
final class ConvergedFacts {
    static final String SECRET_MARKER = "{{wgform-secret}}";
    /** What the host's live nftables table lists; its hash is what apply recorded, so the table is "as loaded". */
    private static final String NFT_LISTING = "table inet wgform {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t}\n}";

    private ConvergedFacts() {}

    /** host name -> its answer (UTF-8), in inventory order. */
    static Map<String, byte[]> build(Path inventory, Path playbook, boolean bare) throws Exception {
        Fleet fleet = FleetLoader.load(inventory, playbook).fleet();
        List<String> names = new ArrayList<>();
        for (HostState s : DesiredState.build(fleet, PublicKeys.none())) names.add(s.host().name());
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        if (bare) {
            for (String n : names) out.put(n, bareAnswer().getBytes(StandardCharsets.UTF_8));
            return out;
        }
        // every host's key on every plane it is in: a real X25519 pair, as `wg genkey | wg pubkey` would give
        Map<String, String> publicKeys = new HashMap<>();
        for (Plane p : fleet.playbook().planes().values()) {
            for (var h : fleet.membersOf(p.name())) {
                Secret k = WgKeys.generatePrivateKey();
                publicKeys.put(h.name() + "/" + p.name(), WgKeys.publicKeyOf(k));
                k.destroy();
            }
        }
        // as FleetRun.replan does: the OS family the hosts report (Debian), the keys they report
        Fleet detected = fleet.withHosts(h -> h.osFamily().isPresent() ? h : h.withOsFamily("debian"));
        List<HostState> desired = DesiredState.build(detected, (host, plane) -> Optional.ofNullable(publicKeys.get(host + "/" + plane)));
        Renderer renderer = new Renderer(Optional.empty());
        long now = System.currentTimeMillis() / 1000;
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<byte[]>> answers = new ArrayList<>();
            for (HostState s : desired) {
                answers.add(pool.submit(() -> {
                    List<RenderedFile> files = renderer.render(s);
                    String text = answer(s, files, publicKeys, now);
                    check(s, files, text, now);
                    return text.getBytes(StandardCharsets.UTF_8);
                }));
            }
            for (int i = 0; i < desired.size(); i++) out.put(desired.get(i).host().name(), answers.get(i).get());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** A Debian host with wireguard-tools, nftables and the services, and nothing of wgform's (as BareHostAnswer). */
    static String bareAnswer() {
        return "@@wgform-facts " + FactScript.FORMAT + "\n@@os\nID=debian\nVERSION_ID=\"12\"\n@@pid1 systemd\n" + TOOLS
                + "@@nomanifest\n@@service sshd running\n@@service postgresql running\n@@service prometheus running\n"
                + "@@service node_exporter running\n@@service nginx running\n@@nftrecorded \n@@wg\n:wgform-exit 0\n"
                + "@@nftables\n:wgform-exit 1\n@@listen\n:wgform-exit 0\n";
    }

    private static final String TOOLS = "@@tools\n/usr/bin/wg\n/usr/bin/wg-quick\n/usr/sbin/nft\n/usr/sbin/sshd\n/usr/bin/systemctl\n"
            + "/usr/bin/sudo\n/usr/bin/ss\n/usr/sbin/ip\n/usr/bin/pgrep\n";

    /** The host after apply, in the order the fact script prints it. */
    static String answer(HostState s, List<RenderedFile> files, Map<String, String> publicKeys, long now) {
        String host = s.host().name();
        long keyTime = now - 86_400; // generated yesterday: well inside key_max_age
        StringBuilder o = new StringBuilder(1 << 16);
        o.append("@@wgform-facts ").append(FactScript.FORMAT).append("\n@@os\nID=debian\nVERSION_ID=\"12\"\n@@pid1 systemd\n").append(TOOLS);
        Map<String, WgInterface> byName = new TreeMap<>(); // the script asks for keys in interface order
        for (WgInterface i : s.interfaces()) byName.put(i.name(), i);
        for (WgInterface i : byName.values()) {
            o.append("@@key ").append(i.name()).append(' ').append(i.privateKeyPath()).append('\n')
                    .append(keyTime).append(" 600\n").append(publicKeys.get(host + "/" + i.plane())).append('\n');
        }
        for (WgInterface i : s.interfaces()) {
            for (Peer p : i.peers()) {
                if (p.pskPath().isEmpty()) continue;
                o.append("@@psk ").append(p.pskPath().get()).append('\n').append(keyTime).append(" 600\n")
                        .append(pskHash(i.name(), host, p.host())).append('\n');
            }
        }
        for (ServiceState sv : s.services()) o.append("@@service ").append(sv.name()).append(" running\n");
        boolean nft = files.stream().anyMatch(f -> f.path().equals("/etc/nftables.d/wgform.nft"));
        if (nft) o.append("@@nftrecorded ").append(sha256(NFT_LISTING + "\n")).append('\n');

        List<Manifest.ManagedFile> managed = new ArrayList<>();
        for (RenderedFile f : files) managed.add(new Manifest.ManagedFile(f.path(), f.kind(), Planner.installedSha256(f)));
        o.append("@@manifest\n");
        o.append(FactScript.contentLines(new Manifest(Manifest.CURRENT_VERSION, managed).toJson()));
        for (RenderedFile f : files) {
            o.append("@@file ").append(f.path()).append('\n').append(Integer.toOctalString(f.mode())).append(" root:root\n");
            o.append(FactScript.contentLines(redacted(f.content())));
        }

        o.append("@@wg\n");
        for (WgInterface i : s.interfaces()) {
            RenderedFile conf = files.stream().filter(f -> f.path().equals("/etc/wireguard/" + i.name() + ".conf")).findFirst().orElseThrow();
            WgQuickFile parsed = WgQuickFile.parse(conf.content());
            o.append(':').append(i.name()).append("\t(hidden)\t").append(publicKeys.get(host + "/" + i.plane())).append('\t')
                    .append(parsed.first("ListenPort").orElse("0")).append("\toff\n");
            for (PeerSection p : parsed.peers()) {
                o.append(':').append(i.name()).append('\t').append(p.publicKey().orElseThrow()).append('\t')
                        .append(p.first("PresharedKey").isPresent() ? "(hidden)" : "(none)").append('\t')
                        .append(p.first("Endpoint").orElse("(none)")).append('\t')
                        .append(p.allowedIps().isEmpty() ? "(none)" : String.join(",", p.allowedIps())).append('\t')
                        .append(now - 42).append("\t123456\t654321\t").append(p.first("PersistentKeepalive").orElse("off")).append('\n');
            }
        }
        o.append(":wgform-exit 0\n");
        if (nft) {
            o.append("@@nftables\n");
            o.append(FactScript.contentLines(NFT_LISTING + "\n"));
            o.append(":wgform-exit 0\n");
        }
        if (!s.services().isEmpty()) {
            o.append("@@listen\n");
            for (ServiceState sv : s.services()) {
                int port = sv.port().isPresent() ? sv.port().getAsInt() : sv.name().equals("sshd") ? s.host().sshPort()
                        : sv.name().equals("postgresql") ? 5432 : 0;
                if (port > 0) o.append(":tcp ").append(sv.address().getHostAddress()).append(':').append(port).append('\n');
            }
            o.append(":wgform-exit 0\n");
        }
        return o.toString();
    }

    /** Parses the answer with wgform's parser and plans the host with its planner: it must have nothing to do. */
    private static void check(HostState s, List<RenderedFile> files, String text, long now) throws Exception {
        HostFacts facts = FactParser.parse(s.host().name(), text + "@@time " + now + "\n@@end\n");
        HostPlan plan = Planner.plan(s, files, facts);
        if (!plan.hasChanges()) return;
        StringBuilder why = new StringBuilder(s.host().name() + " is not converged:");
        for (Change c : plan.changes()) {
            if (c.action() != Action.NOOP) why.append("\n  ").append(c.action()).append(' ').append(c.label()).append(' ').append(c.details());
        }
        throw new IllegalStateException(why.toString());
    }

    /** The host's copy as the fact script reports it: every secret value replaced by the marker. */
    private static String redacted(String rendered) {
        return Placeholders.SECRET.matcher(rendered).replaceAll(java.util.regex.Matcher.quoteReplacement(SECRET_MARKER));
    }

    /** Both copies of a pair's PSK hash alike, as after apply pushed the same value to both. */
    private static String pskHash(String iface, String a, String b) {
        return sha256("psk " + iface + " " + (a.compareTo(b) < 0 ? a + "+" + b : b + "+" + a));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
