package dev.wgform.bench;

import dev.wgform.desired.DesiredState;
import dev.wgform.desired.HostState;
import dev.wgform.desired.PublicKeys;
import dev.wgform.desired.TestFleets;
import dev.wgform.model.FirewallSettings.Backend;
import dev.wgform.model.FirewallSettings.Policy;
import dev.wgform.model.Fleet;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.ServiceKind;
import dev.wgform.render.RenderedFile;
import dev.wgform.render.Renderer;
import java.util.List;
import java.util.Optional;

/**
 * Desired state + rendering of an N-host single-plane mesh (N-1 peers per host), built in memory.
 * Not a unit test: run it with bench/render-mesh [N...] (default 500 1000). Hosts are rendered in parallel on
 * every available core, as the CLI does; the figures are printed one line per N.
 */
public final class RenderBenchmark {
    private RenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {500, 1000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Renderer renderer = new Renderer(Optional.empty());
        System.out.printf("cores=%d max-heap=%dMB%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (int n : sizes) {
            Fleet fleet = mesh(n);
            Result cold = run(fleet, renderer); // the warm-up: JIT, template parsing; what a single CLI run pays
            Result warm = run(fleet, renderer);
            System.out.printf("hosts=%d peers/host=%d files=%d bytes=%d | warm-up: build=%dms build+render=%dms"
                            + " | timed: build=%dms build+render=%dms%n",
                    n, n - 1, warm.files, warm.bytes, cold.buildMs, cold.wallMs, warm.buildMs, warm.wallMs);
        }
    }

    private record Result(long files, long bytes, long buildMs, long wallMs) {}

    private static Result run(Fleet fleet, Renderer renderer) {
        long t0 = System.nanoTime();
        List<HostState> states = DesiredState.build(fleet, PublicKeys.none());
        long built = (System.nanoTime() - t0) / 1_000_000;
        long[] totals = states.parallelStream().map(s -> {
            try {
                List<RenderedFile> files = renderer.render(s);
                long bytes = 0;
                for (RenderedFile f : files) bytes += f.content().length();
                return new long[] {files.size(), bytes};
            } catch (InvalidInputException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }).reduce(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        return new Result(totals[0], totals[1], built, (System.nanoTime() - t0) / 1_000_000);
    }

    /** N hosts on one PSK mesh plane with sshd and node_exporter bound to it and a stealth firewall. */
    static Fleet mesh(int n) {
        TestFleets.Builder b = TestFleets.fleet();
        for (int i = 0; i < n; i++) b.host(String.format("node-%04d", i), "198.18." + (i / 250) + "." + (i % 250 + 1), "mesh");
        return b.plane("mgmt", p -> p.subnet("10.200.0.0/16").port(51820).members("mesh").psk())
                .service("sshd", ServiceKind.SSHD, "mgmt", 0)
                .service("node_exporter", ServiceKind.NODE_EXPORTER, "mgmt", 9100)
                .firewall(Backend.AUTO, Policy.STEALTH, true)
                .build();
    }
}
