package dev.wgform.app;

import dev.wgform.apply.KeysScript;
import dev.wgform.facts.FactParser;
import dev.wgform.facts.FactScript;
import dev.wgform.facts.FactsException;
import dev.wgform.facts.FileFact;
import dev.wgform.transport.ExecResult;
import dev.wgform.transport.RemoteExchange;
import dev.wgform.transport.TransportException;
import java.time.Duration;
import java.util.Map;

/**
 * A host's reading command, kept running after its facts to be asked, in this order: for the texts of the files it
 * sent as digests (a big mesh's plan, see {@link FactScript#build(dev.wgform.facts.FactRequest, int)}), then, in
 * apply, to make the host's missing private keys ({@link KeysScript#onAnswer}). Each question is answered once;
 * closing it unanswered ends the command having changed nothing.
 */
final class ReadingCommand implements AutoCloseable {
    static final Duration TEXTS_TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final RemoteExchange exchange;
    private final boolean asksTexts;
    private final boolean asksKeys;
    private boolean textsAnswered;

    /**
     * @param asksTexts the script was built with digests: it printed {@link FactScript#TEXTS_ASK}, already waited for
     * @param asksKeys  apply's keys question follows (when texts are asked, after them; else it was already waited for)
     */
    ReadingCommand(String host, RemoteExchange exchange, boolean asksTexts, boolean asksKeys) {
        this.host = host;
        this.exchange = exchange;
        this.asksTexts = asksTexts;
        this.asksKeys = asksKeys;
    }

    /** Whether the texts question is still open. */
    synchronized boolean awaitsTexts() {
        return asksTexts && !textsAnswered;
    }

    /** The texts of {@code digested} (path -> the fact its digest made), the one time the command is asked for texts. */
    synchronized Map<String, FileFact> texts(Map<String, FileFact> digested) throws TransportException, FactsException {
        if (!awaitsTexts()) throw new TransportException(host + ": the texts of its big files were already asked for, or never offered", null);
        textsAnswered = true;
        exchange.send(String.join("\t", digested.keySet()) + "\n");
        String sent = exchange.awaitLine(FactScript.TEXTS_END, TEXTS_TIMEOUT);
        if (!asksKeys) exchange.close();
        return FactParser.texts(host, sent, digested);
    }

    /** Answers the texts question, if still open, with none; a command that asks nothing more then ends. */
    synchronized void noTexts() throws TransportException {
        if (!awaitsTexts()) return;
        textsAnswered = true;
        if (!asksKeys) {
            exchange.close();
            return;
        }
        exchange.send("\n");
        exchange.awaitLine(FactScript.TEXTS_END, TEXTS_TIMEOUT);
    }

    /** Apply: makes the host's missing private keys; the result's output is the keys step's. */
    synchronized ExecResult makeKeys(Duration timeout) throws TransportException {
        if (!asksKeys) throw new IllegalStateException(host + ": its reading command was not built to make keys");
        if (asksTexts) {
            noTexts();
            exchange.awaitLine(KeysScript.ASK, timeout);
        }
        return exchange.finish(KeysScript.MAKE + "\n", timeout);
    }

    /** Ends the command's input: unanswered questions make it stop having changed nothing. Idempotent. */
    @Override
    public void close() {
        exchange.close();
    }
}
