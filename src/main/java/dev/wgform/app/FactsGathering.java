package dev.wgform.app;

import dev.wgform.apply.KeyRequest;
import dev.wgform.apply.KeysScript;
import dev.wgform.desired.HostState;
import dev.wgform.facts.FactParser;
import dev.wgform.facts.FactRequests;
import dev.wgform.facts.FactScript;
import dev.wgform.facts.FactsException;
import dev.wgform.facts.HostFacts;
import dev.wgform.model.Fleet;
import dev.wgform.model.Host;
import dev.wgform.transport.ExecResult;
import dev.wgform.transport.RemoteExchange;
import dev.wgform.transport.RemoteHost;
import dev.wgform.transport.SshTarget;
import dev.wgform.transport.SshTransport;
import dev.wgform.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Reads every host in parallel: one SSH session and one fact script per host. Connecting needs only the inventory,
 * so it runs while the files are still being rendered; the script needs the rendered paths. A host that cannot be
 * reached (or whose answer cannot be read) is reported with the reason; the others carry on.
 */
final class FactsGathering {
    static final Duration FACTS_TIMEOUT = Duration.ofSeconds(60);

    /** A host's session, or why there is none. */
    record Connection(Host host, Optional<RemoteHost> remote, String failure, long startedNanos) {}

    private FactsGathering() {}

    /**
     * Starts connecting to every host, at most {@code parallel} at once, once the SSH client is ready. Each host's
     * connection completes on its own, so its fact script can start without waiting for the slowest handshake.
     */
    static List<CompletableFuture<Connection>> connectEach(Fleet fleet, CompletableFuture<SshTransport> transport,
                                                           List<Host> hosts, int parallel, Progress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, hosts.size())), r -> {
            Thread t = new Thread(r, "wgform-connect");
            t.setDaemon(true);
            return t;
        });
        List<CompletableFuture<Connection>> out = new ArrayList<>();
        for (Host host : hosts) out.add(transport.thenApplyAsync(t -> connect(fleet, t, host, progress), pool));
        CompletableFuture.allOf(out.toArray(CompletableFuture[]::new)).whenComplete((ok, e) -> pool.shutdown());
        return out;
    }

    private static Connection connect(Fleet fleet, SshTransport transport, Host host, Progress progress) {
        long start = System.nanoTime();
        try {
            return new Connection(host, Optional.of(transport.connect(targetOf(fleet, host))), "", start);
        } catch (TransportException e) {
            progress.line(host.name() + ": unreachable: " + e.getMessage());
            return new Connection(host, Optional.empty(), e.getMessage(), start);
        }
    }

    /**
     * @param connections one per host, same order as {@code states}
     * @param rendered    the paths of each host's rendered files, same order
     * @param keysOnAnswer which hosts' reading commands stay running, ready to make the missing private keys once
     *                     the run is planned and approved (apply); the others are only read
     */
    static List<HostReading> readAll(List<CompletableFuture<Connection>> connections, List<HostState> states,
                                     List<List<String>> rendered, Predicate<Host> keysOnAnswer, int parallel, Progress progress) {
        List<Integer> indexes = IntStream.range(0, states.size()).boxed().toList();
        return ParallelHosts.map(parallel, indexes, i -> read(connections.get(i).join(), states.get(i), rendered.get(i),
                keysOnAnswer.test(states.get(i).host()) ? keyRequests(states.get(i)) : List.of(), progress));
    }

    private static HostReading read(Connection c, HostState state, List<String> paths, List<KeyRequest> keys, Progress progress) {
        Host host = state.host();
        if (c.remote().isEmpty()) return new HostReading.Unreachable(host, c.failure());
        RemoteHost remote = c.remote().get();
        Optional<RemoteExchange> asking = Optional.empty();
        try {
            int digestOver = DigestedFiles.threshold(state);
            String script = FactScript.build(FactRequests.forPaths(state, paths), digestOver);
            String stdout;
            Optional<ReadingCommand> reading = Optional.empty();
            if (keys.isEmpty() && digestOver == 0) {
                ExecResult r = remote.run(script, FACTS_TIMEOUT);
                if (r.exitCode() != 0) {
                    remote.close();
                    String reason = "fact script exited " + r.exitCode() + firstLine(r.stderr());
                    progress.line(host.name() + ": " + reason);
                    return new HostReading.Unreachable(host, reason);
                }
                stdout = r.stdout();
            } else {
                // every question in one compound command: the shell has parsed them all before it reads an answer
                String questions = "{\n" + (digestOver > 0 ? FactScript.TEXTS_ON_ANSWER : "")
                        + (keys.isEmpty() ? "" : KeysScript.onAnswer(keys)) + "}\n";
                asking = Optional.of(remote.start(script + questions, FACTS_TIMEOUT));
                stdout = asking.get().awaitLine(digestOver > 0 ? FactScript.TEXTS_ASK : KeysScript.ASK, FACTS_TIMEOUT);
                reading = Optional.of(new ReadingCommand(host.name(), asking.get(), digestOver > 0, !keys.isEmpty()));
            }
            HostFacts facts = FactParser.parse(host.name(), stdout);
            progress.verbose(String.format("%s: facts read (%.2f s since connecting; 1 session, %d command)", host.name(),
                    (System.nanoTime() - c.startedNanos()) / 1e9, remote.commandsRun()));
            return new HostReading.Reached(host, remote, facts, reading);
        } catch (TransportException | FactsException e) {
            asking.ifPresent(RemoteExchange::close);
            remote.close();
            progress.line(host.name() + ": " + e.getMessage());
            return new HostReading.Unreachable(host, e.getMessage());
        }
    }

    /** Every interface's key: the reading command makes those still missing if apply answers it so. */
    private static List<KeyRequest> keyRequests(HostState state) {
        return state.interfaces().stream().map(i -> new KeyRequest(i.name(), i.privateKeyPath())).toList();
    }

    /**
     * How wgform reaches a host: its ansible_host, or its plane address once it is reached over a plane (wg_ssh_via);
     * through its bastion (wg_ssh_jump) when it has one, the bastion reached as wgform reaches it on its own.
     */
    static SshTarget targetOf(Fleet fleet, Host host) {
        return targetOf(fleet, host, 0);
    }

    private static SshTarget targetOf(Fleet fleet, Host host, int depth) {
        SshTarget base = SshTarget.of(host);
        Optional<String> via = host.sshVia().flatMap(plane -> fleet.address(plane, host.name())).map(a -> a.getHostAddress());
        SshTarget direct = via.isEmpty() ? base
                : new SshTarget(base.host(), via.get(), base.port(), base.user(), base.identityFile(), base.become(), base.proxyJump());
        // the inventory checks refuse loops; the depth bound only keeps a bad Fleet built in code from recursing forever
        Optional<Host> bastion = depth > 8 ? Optional.empty() : host.sshJump().flatMap(name -> fleet.inventory().host(name));
        return bastion.isEmpty() ? direct : direct.via(targetOf(fleet, bastion.get(), depth + 1));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        if (t.isEmpty()) return "";
        int nl = t.indexOf('\n');
        return ": " + (nl < 0 ? t : t.substring(0, nl));
    }
}
