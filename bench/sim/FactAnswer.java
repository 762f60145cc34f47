// One command on a simulated host (bench/sim-fleet): wgform runs `sh -s` (or `sudo -n sh -s`) with the fact script
// on stdin; this reads the script to its end, as sh would, and prints the host's prepared answer plus its clock.
// Nothing is run. Any other script (apply's install, keys) is refused with exit 1: the simulated hosts only plan.
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

    FactAnswer(String command, byte[] answer, ExecutorService pool) {
        this.command = command;
        this.answer = answer;
        this.pool = pool;
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
                String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (answer == null || !(command.equals("sh -s") || command.equals("sudo -n sh -s"))
                        || !script.contains("echo '@@wgform-facts ")) {
                    err.write(("simulated host: only wgform's fact script is answered, not " + command + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    status = 1;
                } else {
                    out.write(answer);
                    out.write(("@@time " + System.currentTimeMillis() / 1000 + "\n@@end\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
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
