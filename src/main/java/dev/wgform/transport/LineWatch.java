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
     * (System.nanoTime). Only output not yet searched is searched again. The text before it and the line are then
     * taken out, so a command that stays open for later answers holds no more than what came after.
     *
     * @return the text before it (since the last line waited for), or null if the deadline passed first
     */
    synchronized String awaitLine(String line, long deadline) throws InterruptedException {
        byte[] whole = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        if (!line.equals(sought)) {
            sought = line;
            from = 0;
        }
        while (true) {
            for (int at = from; at + whole.length <= count; at++) {
                if ((at == 0 || buf[at - 1] == '\n') && startsAt(whole, at)) return take(at, whole.length);
            }
            from = Math.max(0, count - whole.length + 1);
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private String take(int at, int lineLength) {
        String before = new String(buf, 0, at, StandardCharsets.UTF_8);
        int rest = count - at - lineLength;
        byte[] kept = new byte[Math.max(8192, rest)];
        System.arraycopy(buf, at + lineLength, kept, 0, rest);
        buf = kept;
        count = rest;
        sought = null;
        from = 0;
        return before;
    }

    private boolean startsAt(byte[] what, int at) {
        for (int i = 0; i < what.length; i++) if (buf[at + i] != what[i]) return false;
        return true;
    }

    /** What was printed after the last line waited for. */
    synchronized String text() {
        return new String(buf, 0, count, StandardCharsets.UTF_8);
    }
}
