package dev.wgform.security;

import dev.wgform.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line, for runs that contact no host. */
final class Cli {
    private Cli() {}

    static LoopbackFleet.Result run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--no-color";
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all);
        return new LoopbackFleet.Result(code, out.toString(), err.toString());
    }
}
