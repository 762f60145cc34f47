package dev.wgform.transport;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A command's standard output, collected, that can be waited on until a given whole line appears. */
final class LineWatch extends OutputStream {
    private byte[] buf = new byte[8192];
    private int count;
    /** The line last waited for, and where its search goes on: a call after a timed-out one does not search again. */
    private String sought;
    private int from;

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (count + len > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
        System.arraycopy(b, off, buf, count, len);
        count += len;
        notifyAll();
    }

    /**
     * Waits until {@code line} (ASCII) has been printed as a whole line, at most until {@code deadline}
     * (System.nanoTime). Only output not yet searched is searched again.
     *
     * @return the text before it, or null if the deadline passed first
     */
    synchronized String awaitLine(String line, long deadline) throws InterruptedException {
        byte[] whole = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        if (!line.equals(sought)) {
            sought = line;
            from = 0;
        }
        while (true) {
            for (int at = from; at + whole.length <= count; at++) {
                if ((at == 0 || buf[at - 1] == '\n') && startsAt(whole, at)) return new String(buf, 0, at, StandardCharsets.UTF_8);
            }
            from = Math.max(0, count - whole.length + 1);
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private boolean startsAt(byte[] what, int at) {
        for (int i = 0; i < what.length; i++) if (buf[at + i] != what[i]) return false;
        return true;
    }

    synchronized String text() {
        return new String(buf, 0, count, StandardCharsets.UTF_8);
    }
}
