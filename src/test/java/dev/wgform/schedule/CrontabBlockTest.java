package dev.wgform.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrontabBlockTest {
    private static final String OTHERS = """
            MAILTO=alice@example.org
            # backups
            0 3 * * * /usr/local/bin/backup --all
            @reboot /home/alice/bin/hello
            """;
    private static final List<String> LINES = List.of("# drift of prod", "*/15 * * * * cd /x && /x/wgform drift");

    @Test
    void addsTheBlockAfterEveryOtherLine() {
        assertThat(CrontabBlock.put(OTHERS, "wgform-drift-1", LINES)).isEqualTo(OTHERS + """
                # wgform wgform-drift-1 begin
                # drift of prod
                */15 * * * * cd /x && /x/wgform drift
                # wgform wgform-drift-1 end
                """);
    }

    @Test
    void startsAnEmptyCrontab() {
        assertThat(CrontabBlock.put("", "wgform-drift-1", LINES)).isEqualTo("""
                # wgform wgform-drift-1 begin
                # drift of prod
                */15 * * * * cd /x && /x/wgform drift
                # wgform wgform-drift-1 end
                """);
    }

    @Test
    void replacesItsOwnBlockWhereItIsAndNeverAddsASecond() {
        String first = CrontabBlock.put(OTHERS, "wgform-drift-1", LINES) + "5 5 * * * /bin/true\n";
        String again = CrontabBlock.put(first, "wgform-drift-1", List.of("*/30 * * * * new"));
        assertThat(again).isEqualTo(OTHERS + """
                # wgform wgform-drift-1 begin
                */30 * * * * new
                # wgform wgform-drift-1 end
                5 5 * * * /bin/true
                """);
        assertThat(CrontabBlock.put(again, "wgform-drift-1", List.of("*/30 * * * * new"))).isEqualTo(again);
    }

    @Test
    void leavesOtherFleetsBlocksAlone() {
        String two = CrontabBlock.put(CrontabBlock.put(OTHERS, "wgform-drift-1", LINES), "wgform-drift-2", List.of("* * * * * two"));
        String without1 = CrontabBlock.remove(two, "wgform-drift-1");
        assertThat(without1).isEqualTo(OTHERS + """
                # wgform wgform-drift-2 begin
                * * * * * two
                # wgform wgform-drift-2 end
                """);
        assertThat(CrontabBlock.contains(without1, "wgform-drift-1")).isFalse();
        assertThat(CrontabBlock.contains(without1, "wgform-drift-2")).isTrue();
    }

    @Test
    void removingGivesBackTheCrontabAsItWas() {
        assertThat(CrontabBlock.remove(CrontabBlock.put(OTHERS, "wgform-drift-1", LINES), "wgform-drift-1")).isEqualTo(OTHERS);
        assertThat(CrontabBlock.remove(OTHERS, "wgform-drift-1")).isEqualTo(OTHERS);
        assertThat(CrontabBlock.remove("", "wgform-drift-1")).isEmpty();
    }

    @Test
    void aLastLineWithoutNewlineGetsOneSoCronReadsIt() {
        assertThat(CrontabBlock.put("0 3 * * * backup", "id", List.of("x"))).isEqualTo("""
                0 3 * * * backup
                # wgform id begin
                x
                # wgform id end
                """);
    }

    @Test
    void refusesToGuessWhereABlockWithoutItsEndStops() {
        String broken = OTHERS + "# wgform wgform-drift-1 begin\n*/15 * * * * old\n0 4 * * * mine\n";
        assertThatThrownBy(() -> CrontabBlock.remove(broken, "wgform-drift-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the crontab has '# wgform wgform-drift-1 begin' but no '# wgform wgform-drift-1 end' after it;"
                        + " fix it with 'crontab -e', then try again");
        assertThatThrownBy(() -> CrontabBlock.put(broken, "wgform-drift-1", LINES)).isInstanceOf(IllegalArgumentException.class);
    }
}
