package dev.wgform.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Fact-script outputs under src/test/resources/facts/. */
final class Fixtures {
    private Fixtures() {}

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/facts/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture facts/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code s} as the fact script prints content: ':' + each line, then '\\' if the last has no newline. */
    static String content(String s) {
        if (s.isEmpty()) return "";
        StringBuilder out = new StringBuilder();
        boolean newlineAtEnd = s.endsWith("\n");
        for (String line : (newlineAtEnd ? s.substring(0, s.length() - 1) : s).split("\n", -1)) out.append(':').append(line).append('\n');
        if (!newlineAtEnd) out.append("\\\n");
        return out.toString();
    }

    /** A minimal valid output with {@code sections} (lines, "\n"-terminated) in the middle. */
    static String minimal(String sections) {
        return "@@wgform-facts 2\n@@os\nID=debian\n@@pid1 systemd\n@@tools\n@@nomanifest\n" + sections
                + "@@wg missing\n@@time 1700000000\n@@end\n";
    }
}
