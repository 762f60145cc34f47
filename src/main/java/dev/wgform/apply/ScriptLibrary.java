package dev.wgform.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sh function libraries the generated scripts start with (resources next to this class). */
final class ScriptLibrary {
    static final String COMMON = load("common.sh");
    static final String KEYS = load("keys.sh");
    static final String INSTALL = load("install.sh");
    static final String ROTATE = load("rotate.sh");
    static final String CONFIRM = load("confirm.sh");

    private ScriptLibrary() {}

    private static String load(String name) {
        try (InputStream in = ScriptLibrary.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource dev/wgform/apply/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
