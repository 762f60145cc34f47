package dev.wgform.diff;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Myers' O((N+M)D) difference algorithm in linear space (the "middle snake" bisection of Myers 1986, section 4b),
 * over lines interned to ints. Two exact shortcuts come first, so configs of thousands of lines diff fast even when
 * many lines changed: the common prefix and suffix are taken off, and lines that occur on one side only are set
 * aside as deleted or inserted (no longest common subsequence can contain them, so the result stays minimal).
 */
final class MyersDiff {
    private final int[] a;
    private final int[] b;
    private final boolean[] deleted;
    private final boolean[] inserted;
    // index maps from the filtered sequences back to the original line numbers
    private final int[] aIndex;
    private final int[] bIndex;

    private MyersDiff(int[] a, int[] aIndex, int[] b, int[] bIndex, boolean[] deleted, boolean[] inserted) {
        this.a = a;
        this.aIndex = aIndex;
        this.b = b;
        this.bIndex = bIndex;
        this.deleted = deleted;
        this.inserted = inserted;
    }

    /** The edit script turning {@code oldLines} into {@code newLines}; lines are compared with {@link String#equals}. */
    static EditScript diff(String[] oldLines, String[] newLines) {
        int[] ids = new int[oldLines.length + newLines.length];
        Map<String, Integer> intern = new HashMap<>(ids.length * 2);
        for (int i = 0; i < oldLines.length; i++) ids[i] = intern.computeIfAbsent(oldLines[i], k -> intern.size());
        for (int j = 0; j < newLines.length; j++) ids[oldLines.length + j] = intern.computeIfAbsent(newLines[j], k -> intern.size());
        boolean[] inOld = new boolean[intern.size()];
        boolean[] inNew = new boolean[intern.size()];
        for (int i = 0; i < oldLines.length; i++) inOld[ids[i]] = true;
        for (int j = 0; j < newLines.length; j++) inNew[ids[oldLines.length + j]] = true;

        boolean[] deleted = new boolean[oldLines.length];
        boolean[] inserted = new boolean[newLines.length];
        int[] aIndex = new int[oldLines.length];
        int[] a = new int[oldLines.length];
        int n = 0;
        for (int i = 0; i < oldLines.length; i++) {
            if (inNew[ids[i]]) {
                a[n] = ids[i];
                aIndex[n++] = i;
            } else {
                deleted[i] = true;
            }
        }
        int[] bIndex = new int[newLines.length];
        int[] b = new int[newLines.length];
        int m = 0;
        for (int j = 0; j < newLines.length; j++) {
            int id = ids[oldLines.length + j];
            if (inOld[id]) {
                b[m] = id;
                bIndex[m++] = j;
            } else {
                inserted[j] = true;
            }
        }
        new MyersDiff(Arrays.copyOf(a, n), aIndex, Arrays.copyOf(b, m), bIndex, deleted, inserted).compare(0, n, 0, m);
        return new EditScript(deleted, inserted);
    }

    /** Marks the edits between a[aLo, aHi) and b[bLo, bHi). */
    private void compare(int aLo, int aHi, int bLo, int bHi) {
        while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
            aLo++;
            bLo++;
        }
        while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
            aHi--;
            bHi--;
        }
        if (aLo == aHi) {
            for (int j = bLo; j < bHi; j++) inserted[bIndex[j]] = true;
        } else if (bLo == bHi) {
            for (int i = aLo; i < aHi; i++) deleted[aIndex[i]] = true;
        } else {
            bisect(aLo, aHi, bLo, bHi);
        }
    }

    /**
     * Runs the forward and the reverse search together until their paths overlap on a diagonal, then splits the
     * problem there. Both ends differ (compare stripped them), so D >= 2 and both halves are strictly smaller.
     */
    private void bisect(int aLo, int aHi, int bLo, int bHi) {
        int n = aHi - aLo;
        int m = bHi - bLo;
        int maxD = (n + m + 1) / 2;
        int offset = maxD;
        int length = 2 * maxD + 2;
        int[] forward = new int[length];
        int[] reverse = new int[length];
        Arrays.fill(forward, -1);
        Arrays.fill(reverse, -1);
        forward[offset + 1] = 0;
        reverse[offset + 1] = 0;
        int delta = n - m;
        boolean oddDelta = (delta & 1) != 0; // then the forward search detects the overlap, else the reverse one
        // diagonals that ran off the grid are not searched again
        int fStart = 0;
        int fEnd = 0;
        int rStart = 0;
        int rEnd = 0;
        for (int d = 0; d <= maxD; d++) {
            for (int k = -d + fStart; k <= d - fEnd; k += 2) {
                int ko = offset + k;
                int x = (k == -d || (k != d && forward[ko - 1] < forward[ko + 1])) ? forward[ko + 1] : forward[ko - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[aLo + x] == b[bLo + y]) {
                    x++;
                    y++;
                }
                forward[ko] = x;
                if (x > n) {
                    fEnd += 2;
                } else if (y > m) {
                    fStart += 2;
                } else if (oddDelta) {
                    int ro = offset + delta - k;
                    if (ro >= 0 && ro < length && reverse[ro] != -1 && x >= n - reverse[ro]) {
                        split(aLo, aHi, bLo, bHi, x, y);
                        return;
                    }
                }
            }
            for (int k = -d + rStart; k <= d - rEnd; k += 2) {
                int ko = offset + k;
                int x = (k == -d || (k != d && reverse[ko - 1] < reverse[ko + 1])) ? reverse[ko + 1] : reverse[ko - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[aHi - 1 - x] == b[bHi - 1 - y]) {
                    x++;
                    y++;
                }
                reverse[ko] = x;
                if (x > n) {
                    rEnd += 2;
                } else if (y > m) {
                    rStart += 2;
                } else if (!oddDelta) {
                    int fo = offset + delta - k;
                    if (fo >= 0 && fo < length && forward[fo] != -1) {
                        int fx = forward[fo];
                        int fy = fx - (fo - offset);
                        if (fx >= n - x) {
                            split(aLo, aHi, bLo, bHi, fx, fy);
                            return;
                        }
                    }
                }
            }
        }
        // unreachable for D <= n + m, kept so a bug degrades to a correct, non-minimal script
        for (int i = aLo; i < aHi; i++) deleted[aIndex[i]] = true;
        for (int j = bLo; j < bHi; j++) inserted[bIndex[j]] = true;
    }

    private void split(int aLo, int aHi, int bLo, int bHi, int x, int y) {
        compare(aLo, aLo + x, bLo, bLo + y);
        compare(aLo + x, aHi, bLo + y, bHi);
    }
}
