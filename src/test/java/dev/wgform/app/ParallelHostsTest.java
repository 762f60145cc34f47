package dev.wgform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelHostsTest {
    @Test
    void resultsKeepTheGivenOrderWhateverOrderTasksFinishIn() {
        List<String> hosts = List.of("a", "b", "c", "d");
        List<String> out = ParallelHosts.map(4, hosts, h -> {
            Thread.sleep(h.equals("a") ? 120 : 10); // the first host finishes last
            return h.toUpperCase();
        });
        assertThat(out).containsExactly("A", "B", "C", "D");
    }

    @Test
    void neverRunsMoreThanTheLimitAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ParallelHosts.map(3, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), i -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(30);
            running.decrementAndGet();
            return i;
        });
        assertThat(peak.get()).isBetween(2, 3);
    }

    @Test
    void aBugInATaskIsNotSwallowed() {
        assertThatThrownBy(() -> ParallelHosts.map(2, List.of(1, 2), i -> {
            if (i == 2) throw new IllegalArgumentException("boom");
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
    }
}
