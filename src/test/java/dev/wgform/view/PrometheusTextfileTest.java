package dev.wgform.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wgform.drift.DriftReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusTextfileTest {
    @TempDir
    Path dir;

    @Test
    void gaugesForRunHostsDriftPeersAndKeys() {
        String text = PrometheusTextfile.render(DriftSamples.withDrift());
        assertThat(text).endsWith("\n").contains(
                "# TYPE wgform_last_run_timestamp_seconds gauge\nwgform_last_run_timestamp_seconds 1735787045\n",
                "wgform_host_reachable{host=\"lab-1\"} 1\n", "wgform_host_reachable{host=\"lab-3\"} 0\n",
                "wgform_host_drift_resources{host=\"lab-1\"} 2\n", "wgform_host_drift_resources{host=\"lab-2\"} 0\n",
                "wgform_host_drift_resources{host=\"lab-3\"} 1\n", "wgform_host_drift_resources{host=\"lab-4\"} 0\n",
                "wgform_drift_resources{host=\"lab-1\",kind=\"file\"} 1\n", "wgform_drift_resources{host=\"lab-1\",kind=\"peers\"} 1\n",
                "wgform_drift_resources{host=\"lab-3\",kind=\"unreachable\"} 1\n",
                "wgform_peer_handshake_age_seconds{plane=\"mgmt\",host=\"lab-1\",peer=\"lab-2\"} 12\n",
                "wgform_peer_handshake_age_seconds{plane=\"mgmt\",host=\"lab-4\",peer=\"lab-1\"} 7300\n",
                "wgform_peer_stale{plane=\"mgmt\",host=\"lab-2\",peer=\"lab-4\"} 1\n",
                "wgform_peer_stale{plane=\"mgmt\",host=\"lab-1\",peer=\"lab-2\"} 0\n",
                "wgform_key_age_seconds{plane=\"mgmt\",host=\"lab-1\"} 259200\n",
                "wgform_key_age_seconds{plane=\"app\",host=\"lab-1\"} 3600\n");
        // Only kinds that drifted get a by-kind series; never-handshaken peers get no age series, only stale 1.
        assertThat(text).doesNotContain("host=\"lab-2\",kind=", "peer=\"lab-4\"} NaN")
                .doesNotContain("wgform_peer_handshake_age_seconds{plane=\"mgmt\",host=\"lab-2\",peer=\"lab-4\"}");
        assertThat(lines(text, "wgform_peer_handshake_age_seconds{")).hasSize(4);
        assertThat(lines(text, "wgform_peer_stale{")).hasSize(6);
        for (String family : List.of("wgform_last_run_timestamp_seconds", "wgform_host_reachable", "wgform_host_drift_resources",
                "wgform_drift_resources", "wgform_peer_handshake_age_seconds", "wgform_peer_stale", "wgform_key_age_seconds")) {
            assertThat(lines(text, "# TYPE " + family + " ")).containsExactly("# TYPE " + family + " gauge");
            assertThat(lines(text, "# HELP " + family + " ")).hasSize(1);
        }
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndNewline() {
        String text = PrometheusTextfile.render(DriftSamples.evil());
        assertThat(text).contains(
                "wgform_host_reachable{host=\"ev\\\"il<b>&'x\\\\y\"} 1\n",
                "wgform_host_reachable{host=\"down\\\"1\"} 0\n",
                "wgform_peer_stale{plane=\"pl<a>ne\\\"\",host=\"ev\\\"il<b>&'x\\\\y\",peer=\"pe\\ner</td>\"} 0\n");
        assertThat(PrometheusTextfile.escapeLabelValue("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
    }

    @Test
    void aRepeatedPeerIsWrittenOnceSoTheCollectorKeepsTheFile() {
        DriftReport r = new DriftReport(1, 60, List.of("p"), List.of(DriftSamples.reachable("a")), List.of(),
                List.of(DriftSamples.peer("p", "a", "b", 5, true, false), DriftSamples.peer("p", "a", "b", 9, true, false)),
                List.of());
        assertThat(lines(PrometheusTextfile.render(r), "wgform_peer_handshake_age_seconds{"))
                .containsExactly("wgform_peer_handshake_age_seconds{plane=\"p\",host=\"a\",peer=\"b\"} 5");
    }

    @Test
    void promtoolAcceptsEveryShape() throws Exception {
        Optional<Path> promtool = DriftProcesses.find("promtool");
        assumeTrue(promtool.isPresent(), "promtool not installed (Debian package prometheus)");
        for (DriftReport r : List.of(DriftSamples.withDrift(), DriftSamples.clean(), DriftSamples.evil(),
                new DriftReport(0, 0, List.of(), List.of(), List.of(), List.of(), List.of()))) {
            String text = PrometheusTextfile.render(r);
            assertThat(promtool(promtool.get(), text)).as(text).isEqualTo("exit 0: ");
        }
        // The checker is not a rubber stamp: it refuses a label value with its quote left unescaped, and a gauge
        // named like a counter (why the per-host total is not wgform_drift_resources_total).
        String sample = PrometheusTextfile.render(DriftSamples.withDrift());
        String unescaped = PrometheusTextfile.render(DriftSamples.evil()).replace("down\\\"1", "down\"1");
        assertThat(unescaped).contains("{host=\"down\"1\"}");
        assertThat(promtool(promtool.get(), unescaped)).doesNotStartWith("exit 0").contains("parsing error");
        assertThat(promtool(promtool.get(), sample.replace("wgform_host_drift_resources", "wgform_drift_resources_total")))
                .doesNotStartWith("exit 0").contains("_total");
    }

    @Test
    void writeReplacesTheFileAtomicallyWithMode0644AndLeavesNothingBehind() throws Exception {
        Path file = dir.resolve("wgform.prom");
        Files.writeString(file, "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        PrometheusTextfile.write(file, DriftSamples.withDrift());
        assertThat(file).hasContent(PrometheusTextfile.render(DriftSamples.withDrift()).stripTrailing());
        assertThat(Files.readString(file)).isEqualTo(PrometheusTextfile.render(DriftSamples.withDrift()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        PrometheusTextfile.write(file, DriftSamples.clean());
        assertThat(Files.readString(file)).isEqualTo(PrometheusTextfile.render(DriftSamples.clean()));
        assertThat(names(dir)).containsExactly("wgform.prom");
    }

    @Test
    void aFailedWriteRemovesItsTemporaryFile() throws Exception {
        Path target = dir.resolve("busy.prom");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "x"); // a non-empty directory cannot be renamed over
        assertThatThrownBy(() -> PrometheusTextfile.write(target, DriftSamples.clean())).isInstanceOf(IOException.class);
        assertThat(names(dir)).containsExactly("busy.prom");
    }

    @Test
    void theTemporaryNameIsOneTheCollectorSkips() throws Exception {
        // node_exporter reads *.prom only; a concurrent reader must never see the half-written file under that glob.
        Path file = dir.resolve("wgform.prom");
        PrometheusTextfile.write(file, DriftSamples.withDrift());
        assertThat(file).exists();
        assertThat(dir.getFileSystem().getPathMatcher("glob:*.prom").matches(Path.of(".wgform.prom.123.tmp"))).isFalse();
    }

    private String promtool(Path promtool, String text) throws Exception {
        Path in = Files.createTempFile(dir, "metrics", ".prom");
        Files.writeString(in, text);
        Path out = dir.resolve("promtool.out");
        Path err = dir.resolve("promtool.err");
        int code = DriftProcesses.run(List.of(promtool.toString(), "check", "metrics"), Optional.of(in), out, err,
                Duration.ofSeconds(60));
        return "exit " + code + ": " + Files.readString(out) + Files.readString(err);
    }

    private static List<String> lines(String text, String prefix) {
        List<String> found = new ArrayList<>();
        for (String line : text.split("\n")) if (line.startsWith(prefix)) found.add(line);
        return found;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
