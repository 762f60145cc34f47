package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted YAML is read as plain data, within limits, and every failure is a problem with a place. */
class SafeYamlTest {
    @TempDir
    Path dir;

    private Problems problems = new Problems();

    private Optional<YamlNode> parse(String text) {
        return SafeYaml.parse(text, "test.yml", "something", false, problems);
    }

    private Problem onlyProblem() {
        assertThat(problems.all()).hasSize(1);
        return problems.all().get(0);
    }

    /** Nine levels of nine aliases: 9^9 (387 million) strings once expanded. */
    private static String billionLaughs() {
        StringBuilder y = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) y.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            y.append("]\n");
        }
        return y.toString();
    }

    @Test
    @Timeout(5)
    void billionLaughsIsRefusedQuickly() {
        assertThat(parse(billionLaughs())).isEmpty();
        assertThat(onlyProblem().message()).contains("aliases").contains("wgform allows 50");
    }

    @Test
    @Timeout(5)
    void fewAliasesThatStillMultiplyAreRefusedQuickly() {
        // 3 aliases per level, 16 levels: 48 aliases (under the alias limit) but 3^16 = 43 million values
        StringBuilder y = new StringBuilder("l0: &l0 [x, x, x]\n");
        for (int i = 1; i <= 16; i++) y.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1)
                .append(", *l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        assertThat(parse(y.toString())).isEmpty();
        assertThat(onlyProblem().message()).contains("expands to more than 200000 values");
    }

    @Test
    @Timeout(5)
    void billionLaughsInAPlaybookIsAProblemFromFleetLoader() throws Exception {
        Path playbook = Fixtures.write(dir, "bomb.yml", "planes: {}\n" + billionLaughs());
        List<Problem> found = Fixtures.problems(Fixtures.validation("base.inventory.yml"), playbook);
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.where().file()).endsWith("bomb.yml");
            assertThat(p.message()).startsWith("YAML rejected:").contains("aliases");
        });
    }

    @Test
    @Timeout(5)
    void deepNestingIsRefused() {
        String deep = "a: " + "[".repeat(200) + "1" + "]".repeat(200) + "\n";
        assertThat(parse(deep)).isEmpty();
        assertThat(onlyProblem().message()).contains("Nesting Depth").contains("50 levels");
    }

    @Test
    @Timeout(5)
    void deepBlockNestingInAnInventoryIsAProblem() throws Exception {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 120; i++) y.append("  ".repeat(i)).append("k").append(i).append(":\n");
        Path inventory = Fixtures.write(dir, "deep.yml", y.toString());
        List<Problem> found = Fixtures.problems(inventory, Fixtures.validation("ok-single.playbook.yml"));
        assertThat(found).singleElement().satisfies(p -> assertThat(p.message()).contains("Nesting Depth"));
    }

    @Test
    void anAliasLoopIsRefused() {
        assertThat(parse("a: &a [1, *a]\n")).isEmpty();
        assertThat(onlyProblem().message()).contains("an alias refers to a value that contains it");
        assertThat(onlyProblem().where().line()).isEqualTo(1);
    }

    @Test
    void tagsNeverConstructObjects() {
        assertThat(parse("x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"))
                .isEmpty();
        assertThat(onlyProblem().message()).contains("Global tag is not allowed");
    }

    @Test
    void localTagsAreProblemsExceptUnsafe() {
        Optional<YamlNode> root = parse("a: !unsafe '{{ x }}'\nb: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\nc: !foo 1\n");
        assertThat(root).isPresent();
        YamlMap map = (YamlMap) root.get();
        assertThat(((YamlScalar) map.get("a").orElseThrow()).text()).isEqualTo("{{ x }}");
        assertThat(map.get("b")).isEmpty();
        assertThat(problems.all()).extracting(p -> p.where().line() + ": " + p.message()).containsExactly(
                "2: Ansible Vault values (!vault) cannot be read by wgform; keep wgform's variables unencrypted",
                "4: the YAML tag !foo is not supported; remove it (wgform reads plain maps, lists and values)");
    }

    @Test
    void mergeKeysWorkAsInAnsible() {
        YamlMap root = (YamlMap) parse("base: &b { x: 1, y: 2 }\nd:\n  <<: *b\n  y: 3\n").orElseThrow();
        YamlMap d = (YamlMap) root.get("d").orElseThrow();
        assertThat(((YamlScalar) d.get("x").orElseThrow()).text()).isEqualTo("1");
        assertThat(((YamlScalar) d.get("y").orElseThrow()).text()).isEqualTo("3");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void duplicateKeysAreProblemsWithTheirPath() {
        parse("planes:\n  mgmt:\n    port: 1\n    port: 2\n");
        Problem p = onlyProblem();
        assertThat(p.key()).isEqualTo("planes.mgmt.port");
        assertThat(p.where().line()).isEqualTo(4);
        assertThat(p.where().column()).isEqualTo(5);
        assertThat(p.message()).isEqualTo("duplicate key 'port' (first at line 3); keep only one");
    }

    @Test
    void syntaxErrorsPointAtTheProblem() {
        parse("a:\n\tb: 1\n");
        assertThat(onlyProblem().where().line()).isEqualTo(2);
        assertThat(onlyProblem().message()).startsWith("YAML syntax error:").contains("a tab character where YAML expects spaces");
    }

    @Test
    void twoDocumentsAreASyntaxError() {
        parse("a: 1\n---\nb: 2\n");
        assertThat(onlyProblem().message()).contains("expected a single document");
        assertThat(onlyProblem().where().line()).isEqualTo(2);
    }

    @Test
    void controlCharactersAreRefusedWithTheirPlace() {
        parse("a: 1\nb: x\u0001y\n");
        assertThat(onlyProblem().where().line()).isEqualTo(2);
        assertThat(onlyProblem().message()).contains("U+0001");
    }

    @Test
    void scalarsKeepTheirYaml11Types() {
        YamlMap root = (YamlMap) parse("a: yes\nb: 'yes'\nc: 22\nd: 1.5\ne:\nf: 10.0.0.1\n").orElseThrow();
        assertThat(((YamlScalar) root.get("a").orElseThrow()).type()).isEqualTo(YamlScalar.Type.BOOL);
        assertThat(((YamlScalar) root.get("b").orElseThrow()).type()).isEqualTo(YamlScalar.Type.STRING);
        assertThat(((YamlScalar) root.get("c").orElseThrow()).type()).isEqualTo(YamlScalar.Type.INT);
        assertThat(((YamlScalar) root.get("d").orElseThrow()).type()).isEqualTo(YamlScalar.Type.FLOAT);
        assertThat(((YamlScalar) root.get("e").orElseThrow()).type()).isEqualTo(YamlScalar.Type.NULL);
        assertThat(((YamlScalar) root.get("f").orElseThrow()).type()).isEqualTo(YamlScalar.Type.STRING);
    }

    @Test
    void emptyFilesAreProblemsUnlessAllowed() {
        assertThat(parse("# only a comment\n")).isEmpty();
        assertThat(onlyProblem().message()).isEqualTo("empty file: expected something");
        Problems quiet = new Problems();
        assertThat(SafeYaml.parse("", "vars.yml", "variables", true, quiet)).isEmpty();
        assertThat(quiet.isEmpty()).isTrue();
    }

    @Test
    void aByteOrderMarkIsFine() throws Exception {
        Path file = dir.resolve("bom.yml");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', '1', '\n'});
        assertThat(SafeYaml.read(file, "x", false, problems)).isPresent();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void invalidUtf8IsRefusedWithItsPlace() throws Exception {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', (byte) 0xFC, 'b', '\n'});
        assertThat(SafeYaml.read(file, "x", false, problems)).isEmpty();
        assertThat(onlyProblem().where().line()).isEqualTo(2);
        assertThat(onlyProblem().where().column()).isEqualTo(4);
        assertThat(onlyProblem().message()).isEqualTo("not UTF-8 text: byte 0xFC is not valid UTF-8; save the file as UTF-8");
    }

    @Test
    void hugeFilesAreNotRead() throws Exception {
        Path file = dir.resolve("huge.yml");
        Files.write(file, new byte[SafeYaml.MAX_BYTES + 1]);
        assertThat(SafeYaml.read(file, "x", false, problems)).isEmpty();
        assertThat(onlyProblem().message()).contains("wgform reads YAML files up to");
    }

    @Test
    void durationsAreParsed() {
        Problems p = new Problems();
        assertThat(Values.duration(new YamlScalar("90d", YamlScalar.Type.STRING, null), "k", p)).contains(Duration.ofDays(90));
        assertThat(Values.duration(new YamlScalar("1h30m", YamlScalar.Type.STRING, null), "k", p))
                .contains(Duration.ofMinutes(90));
        assertThat(Values.duration(new YamlScalar("45s", YamlScalar.Type.STRING, null), "k", p)).contains(Duration.ofSeconds(45));
        assertThat(p.isEmpty()).isTrue();
    }
}
