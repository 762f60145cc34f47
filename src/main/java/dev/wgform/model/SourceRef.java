package dev.wgform.model;

/** Where a value was written: file and 1-based line and column, for messages that point at it. */
public record SourceRef(String file, int line, int column) {
    public SourceRef {
        if (file == null || file.isBlank()) throw new IllegalArgumentException("file is required");
    }

    /** A whole file, when no line is known (an empty file, an I/O error). */
    public static SourceRef of(String file) {
        return new SourceRef(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) return file;
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
