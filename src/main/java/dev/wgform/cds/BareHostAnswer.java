package dev.wgform.cds;

import dev.wgform.facts.FactScript;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The training server's answer to the fact script: it reads the script to its end, as sh would, and prints what a
 * Debian host with wireguard-tools and nothing of wgform's yet would print. Nothing is run.
 */
final class BareHostAnswer implements Command {
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;

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
        // nothing goes to stderr
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        Thread answer = new Thread(() -> {
            int status = 0;
            try {
                in.readAllBytes();
                out.write(facts().getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                status = 1;
            }
            exit.onExit(status);
        }, "wgform-cds-answer");
        answer.setDaemon(true);
        answer.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        // the answer thread ends with the channel's streams
    }

    private static String facts() {
        return "@@wgform-facts " + FactScript.FORMAT + "\n@@os\nID=debian\nVERSION_ID=\"12\"\n@@pid1 systemd\n@@tools\n/usr/bin/wg\n/usr/bin/wg-quick\n"
                + "/usr/sbin/nft\n/usr/sbin/sshd\n/usr/bin/systemctl\n@@nomanifest\n@@wg\n:wgform-exit 0\n"
                + "@@service sshd running\n@@service postgresql running\n@@service nginx running\n"
                + "@@time " + System.currentTimeMillis() / 1000 + "\n@@end\n";
    }
}
