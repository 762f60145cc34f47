package dev.wgform.render;

import java.io.Writer;

/** A Writer without StringWriter's per-call locking: templates write many small pieces. */
final class StringBuilderWriter extends Writer {
    private final StringBuilder out;

    StringBuilderWriter(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** Empties the buffer for reuse, keeping its capacity. */
    void reset() {
        out.setLength(0);
    }

    int capacity() {
        return out.capacity();
    }

    @Override
    public void write(char[] buf, int off, int len) {
        out.append(buf, off, len);
    }

    @Override
    public void write(String str) {
        out.append(str);
    }

    @Override
    public void write(String str, int off, int len) {
        out.append(str, off, off + len);
    }

    @Override
    public void write(int c) {
        out.append((char) c);
    }

    @Override
    public Writer append(CharSequence csq) {
        out.append(csq);
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
