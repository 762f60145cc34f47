package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Where a secret may appear in a generated script: only as a heredoc body line, never on a command line. */
final class ScriptSecrets {
    private ScriptSecrets() {}

    static void assertOnlyInsideHeredocs(String script, String secret) {
        List<String> lines = script.lines().toList();
        int found = 0;
        boolean inHeredoc = false;
        for (String line : lines) {
            if (inHeredoc) {
                if (line.equals(Shell.HEREDOC_END)) inHeredoc = false;
                else if (line.contains(secret)) {
                    assertThat(line).as("a heredoc line with the secret holds nothing else").isEqualTo(secret);
                    found++;
                }
                continue;
            }
            assertThat(line).as("a command line of the script").doesNotContain(secret);
            if (line.contains("<<'" + Shell.HEREDOC_END + "'")) inHeredoc = true;
        }
        assertThat(found).as("the secret is in a heredoc").isPositive();
    }
}
