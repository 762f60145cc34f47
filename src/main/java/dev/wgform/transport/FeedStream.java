package dev.wgform.transport;

import java.io.InputStream;
import java.util.Arrays;

/**
 * A command's standard input fed while it runs: MINA's pump thread blocks in {@link #read} until bytes are fed or
 * the feed is ended. (Not {@code PipedInputStream}: that fails once the thread that fed it has ended.)
 */
final class FeedStream extends InputStream {
    private byte[] buf = new byte[0];
    private int pos;
    private boolean ended;

    /** @return false, feeding nothing, once the feed has ended */
    synchronized boolean feed(byte[] bytes) {
        if (ended) return false;
        byte[] rest = Arrays.copyOfRange(buf, pos, buf.length);
        buf = Arrays.copyOf(rest, rest.length + bytes.length);
        System.arraycopy(bytes, 0, buf, rest.length, bytes.length);
        pos = 0;
        notifyAll();
        return true;
    }

    /** End of input: what was fed is still read, then -1. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    @Override
    public synchronized int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        while (pos == buf.length && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        if (pos == buf.length) return -1;
        int n = Math.min(len, buf.length - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buf.length - pos;
    }

    @Override
    public void close() {
        end();
    }
}
