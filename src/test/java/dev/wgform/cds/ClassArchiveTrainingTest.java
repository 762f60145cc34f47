package dev.wgform.cds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClassArchiveTrainingTest {
    @Test
    void rendersTheExampleThenPlansForRealAgainstTheLoopbackServerAndCleansUp() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = trainingDirs(tmp);
        ClassArchiveTraining.Result r = ClassArchiveTraining.run(Path.of("inventories/four-plane.yml"), Path.of("playbooks/four-plane.yml"));
        // 2: the plan reached both hosts, read their facts and found things to change on each
        assertThat(r.render()).isZero();
        assertThat(r.plan()).as(r.planOutput()).isEqualTo(2);
        assertThat(r.planOutput()).contains("# train-1", "# train-2", "2 SSH sessions, 2 remote commands").doesNotContain("unreachable");
        assertThat(trainingDirs(tmp)).isEqualTo(before);
    }

    private static long trainingDirs(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("wgform-cds")).count();
        }
    }
}
