package dev.wgform.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Expected outputs below were produced by GNU diffutils 3.8 ({@code diff -u --label old --label new}). */
class UnifiedDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.diff("old", "new", "a\nb\n", "a\nb\n", 3)).isEmpty();
        assertThat(UnifiedDiff.diff("old", "new", "", "", 3)).isEmpty();
    }

    @Test
    void separateHunksWithThreeLinesOfContext() {
        String old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
        String now = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
        assertThat(UnifiedDiff.diff("old", "new", old, now, 3)).isEqualTo("""
                --- old
                +++ new
                @@ -1,7 +1,7 @@
                 a
                 b
                 c
                -d
                +D
                 e
                 f
                 g
                @@ -11,3 +11,4 @@
                 k
                 l
                 m
                +n
                """);
    }

    @Test
    void changesWithinTwiceTheContextShareAHunk() {
        String old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String now = "1\n2\nthree\n4\n5\n6\n7\n8\nnine\n10\n";
        assertThat(UnifiedDiff.diff("old", "new", old, now, 3)).isEqualTo("""
                --- old
                +++ new
                @@ -1,10 +1,10 @@
                 1
                 2
                -3
                +three
                 4
                 5
                 6
                 7
                 8
                -9
                +nine
                 10
                """);
        assertThat(UnifiedDiff.diff("old", "new", old, now, 1)).isEqualTo("""
                --- old
                +++ new
                @@ -2,3 +2,3 @@
                 2
                -3
                +three
                 4
                @@ -8,3 +8,3 @@
                 8
                -9
                +nine
                 10
                """);
    }

    @Test
    void createdAndDeletedFilesUseEmptyRanges() {
        assertThat(UnifiedDiff.diff("/dev/null", "new", "", "x\ny\n", 3)).isEqualTo("""
                --- /dev/null
                +++ new
                @@ -0,0 +1,2 @@
                +x
                +y
                """);
        assertThat(UnifiedDiff.diff("old", "/dev/null", "x\ny", "", 3)).isEqualTo("""
                --- old
                +++ /dev/null
                @@ -1,2 +0,0 @@
                -x
                -y
                \\ No newline at end of file
                """);
    }

    @Test
    void insertionIntoTheMiddleNamesTheLineBefore() {
        assertThat(UnifiedDiff.diff("old", "new", "a\nb\n", "a\nx\nb\n", 0)).isEqualTo("""
                --- old
                +++ new
                @@ -1,0 +2 @@
                +x
                """);
    }

    @Test
    void aMissingFinalNewlineIsAChange() {
        assertThat(UnifiedDiff.diff("old", "new", "x\ny", "x\ny\n", 3)).isEqualTo("""
                --- old
                +++ new
                @@ -1,2 +1,2 @@
                 x
                -y
                \\ No newline at end of file
                +y
                """);
    }

    @Test
    void aNewPeerBlockStartsAtItsBlankLine() {
        String old = """
                [Interface]
                ListenPort = 51820

                [Peer]
                # a
                Endpoint = 1.1.1.1:51820

                [Peer]
                # c
                Endpoint = 3.3.3.3:51820
                """;
        String now = old.replace("\n[Peer]\n# c", "\n[Peer]\n# b\nEndpoint = 2.2.2.2:51820\n\n[Peer]\n# c");
        assertThat(UnifiedDiff.diff("old", "new", old, now, 1)).isEqualTo("""
                --- old
                +++ new
                @@ -6,2 +6,6 @@
                 Endpoint = 1.1.1.1:51820
                +
                +[Peer]
                +# b
                +Endpoint = 2.2.2.2:51820
                \s
                """);
    }

    @Test
    void randomEditsGiveMinimalScriptsThatPatchBack() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            String old = randomText(random);
            String now = randomText(random);
            String diff = UnifiedDiff.diff("old", "new", old, now, random.nextInt(4));
            assertThat(Patch.apply(old, diff)).as("round %d:%n%s%n%s%n%s", round, old, now, diff).isEqualTo(now);
            assertThat(changedLines(diff)).as("round %d", round)
                    .isEqualTo(lines(old).size() + lines(now).size() - 2 * lcs(lines(old), lines(now)));
        }
    }

    @Test
    void manyScatteredChangesInALargeConfigAreFast() {
        StringBuilder old = new StringBuilder();
        StringBuilder now = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            String block = "\n[Peer]\n# node-" + i + "\nAllowedIPs = 10.200." + (i / 250) + "." + (i % 250) + "/32\n";
            old.append(block).append("PublicKey = old-").append(i).append('\n');
            now.append(block).append("PublicKey = new-").append(i).append('\n');
        }
        long t0 = System.nanoTime();
        String diff = UnifiedDiff.diff("old", "new", old.toString(), now.toString(), 3);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(changedLines(diff)).isEqualTo(4000);
        assertThat(ms).as("a few ms when idle; generous for a loaded machine").isLessThan(10_000);
    }

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) out.append((char) ('a' + random.nextInt(4))).append('\n');
        if (n > 0 && random.nextInt(5) == 0) out.setLength(out.length() - 1);
        return out.toString();
    }

    private static List<String> lines(String text) {
        return List.of(new Lines(text).slice(0, new Lines(text).size));
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }

    private static long changedLines(String diff) {
        List<String> body = new ArrayList<>(List.of(diff.split("\n")));
        return body.stream().skip(2).filter(l -> l.startsWith("+") || l.startsWith("-")).count();
    }
}
