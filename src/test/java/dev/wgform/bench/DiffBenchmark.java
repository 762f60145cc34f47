package dev.wgform.bench;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.diff.UnifiedDiff;
import dev.wgform.model.Fleet;
import dev.wgform.render.Placeholders;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Unified diffs of every host's wg-quick config in an N-host mesh (N-1 peers per host, ~110 KB per file at N=1000),
 * single-threaded, as the planner computes them. Not a unit test: run it with bench/diff-mesh [N...] (default 1000).
 * Scenarios, each timed after a warm-up pass:
 * <ul>
 *   <li>join: the old file lacks the last peer (a host joined) and one peer's endpoint moved</li>
 *   <li>rotate: every peer's public key changed (a whole plane re-keyed): N-1 changed lines spread over the file</li>
 *   <li>create: no old file (a first plan): the whole file is added</li>
 * </ul>
 * Then the figure in one measurement: every host rendered (all its files) and its wg config diffed against
 * the joined scenario's old file, both on every core, as plan does it (JVM start not included; see bench/render-mesh-cli).
 */
public final class DiffBenchmark {
    private DiffBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {1000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            List<String> configs = configs(RenderBenchmark.mesh(n));
            long bytes = 0;
            for (String c : configs) bytes += c.length();
            System.out.printf("hosts=%d files=%d avg-bytes=%d cores=%d%n", n, configs.size(), bytes / configs.size(),
                    Runtime.getRuntime().availableProcessors());
            for (String scenario : new String[] {"join", "rotate", "create"}) {
                List<String[]> pairs = new ArrayList<>();
                for (String pending : configs) {
                    String now = withKeys(pending, "k1");
                    String old = scenario.equals("join") ? joinedOld(now) : scenario.equals("rotate") ? withKeys(pending, "k0") : "";
                    pairs.add(new String[] {old, now});
                }
                run(pairs); // warm-up
                long t0 = System.nanoTime();
                long diffBytes = run(pairs);
                System.out.printf("  %-6s all %d hosts: %d ms (diff output %d KB)%n", scenario, pairs.size(),
                        (System.nanoTime() - t0) / 1_000_000, diffBytes >> 10);
            }
            renderAndDiff(RenderBenchmark.mesh(n)); // warm-up
            long t0 = System.nanoTime();
            long diffBytes = renderAndDiff(RenderBenchmark.mesh(n));
            System.out.printf("  render + join diff, all %d hosts on %d cores: %d ms (diff output %d KB)%n", n,
                    Runtime.getRuntime().availableProcessors(), (System.nanoTime() - t0) / 1_000_000, diffBytes >> 10);
        }
    }

    /** Renders every host of the fleet and diffs its wg config against the config it had before the last host joined. */
    private static long renderAndDiff(Fleet fleet) {
        Renderer renderer = new Renderer(Optional.empty());
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());
        return states.parallelStream().mapToLong(s -> {
            try {
                long out = 0;
                for (RenderedFile f : renderer.render(s)) {
                    if (!f.kind().equals("wg")) continue;
                    out += UnifiedDiff.diff(f.path(), f.path(), joinedOld(f.content()), f.content(), 3).length();
                }
                return out;
            } catch (dev.wgform.model.InvalidInputException e) {
                throw new IllegalStateException(e);
            }
        }).sum();
    }

    private static long run(List<String[]> pairs) {
        long total = 0;
        for (String[] p : pairs) total += UnifiedDiff.diff("/etc/wireguard/wg-mgmt.conf", "/etc/wireguard/wg-mgmt.conf", p[0], p[1], 3).length();
        return total;
    }

    private static List<String> configs(Fleet fleet) throws Exception {
        Renderer renderer = new Renderer(Optional.empty());
        List<String> out = new ArrayList<>();
        for (HostState s : DesiredState.build(fleet, PublicKeys.none())) {
            for (RenderedFile f : renderer.render(s)) if (f.kind().equals("wg")) out.add(f.content());
        }
        return out;
    }

    /** Replaces pending public keys by key-shaped text derived from the peer and a generation label. */
    private static String withKeys(String content, String generation) {
        Matcher m = Placeholders.PUBLIC_KEY.matcher(content);
        StringBuilder out = new StringBuilder(content.length() + content.length() / 8);
        while (m.find()) {
            byte[] raw = java.util.Arrays.copyOf((generation + m.group(1) + m.group(2)).getBytes(java.nio.charset.StandardCharsets.UTF_8), 32);
            m.appendReplacement(out, Matcher.quoteReplacement(Base64.getEncoder().encodeToString(raw)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String joinedOld(String now) {
        String old = now.substring(0, now.lastIndexOf("\n[Peer]") + 1);
        int endpoint = old.indexOf("Endpoint = ", old.length() / 2);
        int eol = old.indexOf('\n', endpoint);
        return old.substring(0, endpoint) + "Endpoint = 192.0.2.99:51820" + old.substring(eol);
    }
}
