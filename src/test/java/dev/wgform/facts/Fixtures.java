package dev.wgform.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

    static String b64(String s) {
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A minimal valid output with {@code sections} (lines, "\n"-terminated) in the middle. */
    static String minimal(String sections) {
        return "@@wgform-facts 1\n@@os\nID=debian\n@@pid1 systemd\n@@tools\n@@nomanifest\n" + sections
                + "@@wg missing\n@@time 1700000000\n@@end\n";
    }
}
