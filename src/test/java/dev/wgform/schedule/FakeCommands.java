package dev.wgform.schedule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** systemctl that succeeds (unless told otherwise) and a crontab kept in memory; remembers every call. */
final class FakeCommands implements CommandRunner {
    final List<String> calls = new ArrayList<>();
    final Set<String> failing = new HashSet<>();
    Optional<String> crontab = Optional.empty();
    boolean crontabInstalled = true;

    @Override
    public Result run(List<String> argv, String stdin) {
        String call = String.join(" ", argv);
        calls.add(call);
        if (failing.contains(call)) return new Result(1, "", "Failed to connect to bus: No medium found\n");
        if (argv.get(0).equals("crontab")) {
            if (!crontabInstalled) return new Result(127, "", "crontab: Cannot run program \"crontab\": error=2");
            if (argv.get(1).equals("-l")) {
                return crontab.map(text -> new Result(0, text, "")).orElse(new Result(1, "", "no crontab for alice\n"));
            }
            crontab = Optional.of(stdin);
            return new Result(0, "", "");
        }
        if (argv.get(0).equals("systemctl")) return new Result(0, "", "");
        throw new AssertionError("unexpected command: " + call);
    }
}
