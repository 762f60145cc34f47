package dev.wgform.cds;

import dev.wgform.facts.FactScript;
import org.apache.sshd.server.command.AbstractCommandSupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A training server's answer to the fact script: it reads the script to its end, as sh would, and prints the facts
 * it was given. Nothing is run. MINA's command support holds the streams and runs {@link #run} on a thread of its own.
 */
final class FactsAnswer extends AbstractCommandSupport {
    private final String facts;

    FactsAnswer(String command, String facts) {
        super(command, null);
        this.facts = facts;
    }

    @Override
    public void run() {
        try {
            getInputStream().readAllBytes();
            getOutputStream().write(facts.getBytes(StandardCharsets.UTF_8));
            getOutputStream().flush();
            onExit(0);
        } catch (IOException e) {
            onExit(1, e.getMessage());
        }
    }

    /** What a Debian host with wireguard-tools and nothing of wgform's yet prints. */
    static String bareHost() {
        return "@@wgform-facts " + FactScript.FORMAT + "\n@@os\nID=debian\nVERSION_ID=\"12\"\n@@pid1 systemd\n@@tools\n/usr/bin/wg\n/usr/bin/wg-quick\n"
                + "/usr/sbin/nft\n/usr/sbin/sshd\n/usr/bin/systemctl\n@@nomanifest\n@@wg\n:wgform-exit 0\n"
                + "@@service sshd running\n@@service postgresql running\n@@service nginx running\n"
                + "@@time " + System.currentTimeMillis() / 1000 + "\n@@end\n";
    }
}
