// One command on a simulated host (bench/sim-fleet): wgform runs `sh -s` (or `sudo -n sh -s`) with the fact script
// on stdin; this reads the script to its end, as sh would, and prints the host's prepared answer plus its clock.
// Nothing is run. Any other script (apply's install, keys) is refused with exit 1: the simulated hosts only plan.
// A fact script built with digests (a big mesh's) ends with its question ("wgf_texts" in a compound command) and
// keeps stdin open: this answers it as the script does (DigestForm), sends the texts asked for, and ends when
// wgform ends the input.
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

final class FactAnswer implements Command {
    private final String command;
    private final byte[] answer;
    private final ExecutorService pool;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    private final java.util.function.IntFunction<DigestForm> digested;

    /** @param digested the host's answer with files of N bytes or more as digests, for a script built so */
    FactAnswer(String command, byte[] answer, java.util.function.IntFunction<DigestForm> digested, ExecutorService pool) {
        this.command = command;
        this.answer = answer;
        this.digested = digested;
        this.pool = pool;
    }

    private static final String QUESTION_END = "\nwgf_texts\n}\n";
    private static final java.util.regex.Pattern DIGEST_OVER = java.util.regex.Pattern.compile("(?m)^WGF_DIGEST_OVER=([0-9]+)$");

    /** The script up to its end: the end of input, or the end of the question a script with digests asks. */
    private String script() throws IOException {
        java.io.ByteArrayOutputStream s = new java.io.ByteArrayOutputStream(1 << 16);
        byte[] b = new byte[1 << 16];
        for (int n; (n = in.read(b)) > 0; ) {
            s.write(b, 0, n);
            byte[] all = s.toByteArray();
            if (new String(all, Math.max(0, all.length - QUESTION_END.length()), Math.min(all.length, QUESTION_END.length()),
                    StandardCharsets.UTF_8).equals(QUESTION_END)) break;
        }
        return s.toString(StandardCharsets.UTF_8);
    }

    /** WGF_DIGEST_OVER as the shell would have it: its last assignment (the script's default is 0, no digests). */
    private static int digestOver(String script) {
        java.util.regex.Matcher m = DIGEST_OVER.matcher(script);
        int over = 0;
        while (m.find()) over = Integer.parseInt(m.group(1));
        return over;
    }

    /** One line of the rest of the input, or null at its end. */
    private String answerLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') return line.toString(StandardCharsets.UTF_8);
            line.write(c);
        }
        return null;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        pool.execute(() -> {
            int status = 0;
            try {
                String script = script();
                int over = digestOver(script);
                if (answer == null || !(command.equals("sh -s") || command.equals("sudo -n sh -s"))
                        || !script.contains("echo '@@wgform-facts ") || (over > 0) != script.endsWith(QUESTION_END)) {
                    err.write(("simulated host: only wgform's fact script is answered, not " + command + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    status = 1;
                } else if (!script.endsWith(QUESTION_END)) {
                    out.write(answer);
                    out.write(("@@time " + System.currentTimeMillis() / 1000 + "\n@@end\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    DigestForm form = digested.apply(over);
                    out.write(form.answer);
                    out.write(("@@time " + System.currentTimeMillis() / 1000 + "\n@@end\n@@texts?\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    String wanted = answerLine();
                    if (wanted != null) {
                        StringBuilder texts = new StringBuilder();
                        if (!wanted.isEmpty()) for (String path : wanted.split("\t")) texts.append(form.texts.getOrDefault(path, "@@nofile " + path + "\n"));
                        out.write(texts.append("@@texts-end\n").toString().getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    while (in.read() >= 0) {
                        // as sh -s: the command ends with its input
                    }
                }
            } catch (IOException e) {
                status = 1;
            }
            exit.onExit(status);
        });
    }

    @Override
    public void destroy(ChannelSession channel) {
        // the answer ends with the channel's streams
    }
}
