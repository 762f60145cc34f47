package dev.wgform.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A schedule's own lines in a user's crontab, between {@code # wgform ID begin} and {@code # wgform ID end}, so that
 * installing replaces exactly them and uninstalling removes exactly them; every other line stays as it was. Pure.
 */
public final class CrontabBlock {
    private CrontabBlock() {}

    public static String begin(String id) {
        return "# wgform " + id + " begin";
    }

    public static String end(String id) {
        return "# wgform " + id + " end";
    }

    /** The crontab with the block in place of the old one (where it was), or added at the end. */
    public static String put(String crontab, String id, List<String> lines) {
        List<String> block = new ArrayList<>();
        block.add(begin(id));
        block.addAll(lines);
        block.add(end(id));
        Edit edit = withoutBlock(crontab, id);
        List<String> result = new ArrayList<>(edit.kept());
        result.addAll(edit.firstAt().orElse(result.size()), block);
        return text(result);
    }

    /** The crontab without the block (every copy of it); otherwise the same lines, each ending in a newline. */
    public static String remove(String crontab, String id) {
        return text(withoutBlock(crontab, id).kept());
    }

    /** Whether the crontab holds the block. */
    public static boolean contains(String crontab, String id) {
        return lines(crontab).stream().anyMatch(line -> line.strip().equals(begin(id)));
    }

    private record Edit(List<String> kept, Optional<Integer> firstAt) {}

    private static Edit withoutBlock(String crontab, String id) {
        List<String> kept = new ArrayList<>();
        Optional<Integer> firstAt = Optional.empty();
        boolean inside = false;
        for (String line : lines(crontab)) {
            if (!inside && line.strip().equals(begin(id))) {
                inside = true;
                if (firstAt.isEmpty()) firstAt = Optional.of(kept.size());
            } else if (inside && line.strip().equals(end(id))) {
                inside = false;
            } else if (!inside) {
                kept.add(line);
            }
        }
        if (inside) {
            // without its end the block's extent is a guess, and a wrong guess deletes someone's lines
            throw new IllegalArgumentException("the crontab has '" + begin(id) + "' but no '" + end(id) + "' after it;"
                    + " fix it with 'crontab -e', then try again");
        }
        return new Edit(kept, firstAt);
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) return List.of();
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }

    // cron ignores a last line without a newline, so every line gets one
    private static String text(List<String> lines) {
        StringBuilder s = new StringBuilder();
        for (String line : lines) s.append(line).append('\n');
        return s.toString();
    }
}
