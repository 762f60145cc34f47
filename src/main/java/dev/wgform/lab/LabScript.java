package dev.wgform.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * lab.sh, shipped in the jar: copied to a temporary file for each run (bash cannot run a script from inside
 * a jar) and run with bash; its output goes line by line to the command's writers, its exit code is returned.
 */
final class LabScript {
    static final String RESOURCE = "/lab/lab.sh";

    private final PrintWriter out;
    private final PrintWriter err;

    LabScript(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code bash lab.sh ARGS...}; returns its exit code. */
    int run(String... args) throws IOException, InterruptedException {
        Path script = Files.createTempFile("wgform-lab-", ".sh"); // 0600: only root reads it
        try {
            try (InputStream in = LabScript.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IOException("lab script " + RESOURCE + " is missing from the wgform jar");
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of("bash", script.toString()));
            command.addAll(List.of(args));
            return Processes.run(command, out, err);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
