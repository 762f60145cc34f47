package dev.wgform.cds;

import dev.wgform.facts.FactScript;
import org.apache.sshd.server.command.AbstractCommandSupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The training server's answer to the fact script: it reads the script to its end, as sh would, and prints what a
 * Debian host with wireguard-tools and nothing of wgform's yet would print. Nothing is run. MINA's command support
 * holds the streams and runs {@link #run} on a thread of its own.
 */
final class BareHostAnswer extends AbstractCommandSupport {
    BareHostAnswer(String command) {
        super(command, null);
    }

    @Override
    public void run() {
        try {
            getInputStream().readAllBytes();
            getOutputStream().write(facts().getBytes(StandardCharsets.UTF_8));
            getOutputStream().flush();
            onExit(0);
        } catch (IOException e) {
            onExit(1, e.getMessage());
        }
    }

    private static String facts() {
        return "@@wgform-facts " + FactScript.FORMAT + "\n@@os\nID=debian\nVERSION_ID=\"12\"\n@@pid1 systemd\n@@tools\n/usr/bin/wg\n/usr/bin/wg-quick\n"
                + "/usr/sbin/nft\n/usr/sbin/sshd\n/usr/bin/systemctl\n@@nomanifest\n@@wg\n:wgform-exit 0\n"
                + "@@service sshd running\n@@service postgresql running\n@@service nginx running\n"
                + "@@time " + System.currentTimeMillis() / 1000 + "\n@@end\n";
    }
}
