package dev.wgform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a rotation step prints, read back: fixtures of script output give these results or these refusals. */
class RotationResultTest {
    static final String CUR = "A".repeat(43) + "=";
    static final String NEXT = "B".repeat(42) + "Q=";
    static final String PEER = "C".repeat(42) + "w=";
    static final String HASH = "0123456789abcdef".repeat(4);

    @Test
    void everyKindOfLineIsRead() {
        RotationResult r = RotationResult.parse(String.join("\n",
                "@@key wg-mgmt current " + CUR,
                "@@key wg-mgmt next " + NEXT,
                "@@psk /etc/wireguard/keys/wg-mgmt/node-b.psk.next " + HASH,
                "@@staged wg-mgmt " + NEXT,
                "@@swapped wg-mgmt 1767225600",
                "@@moved wg-mgmt " + NEXT,
                "@@restored wg-mgmt " + CUR,
                "@@unstaged wg-mgmt " + NEXT,
                "@@handshake wg-mgmt " + PEER + " 1767225601",
                "@@nohandshake wg-mgmt " + CUR,
                "@@ping 10.200.0.2 ok",
                "@@ping 10.200.0.3 fail",
                "@@ping fd00::4 noping",
                "@@end", ""));

        assertThat(r.currentKeys()).containsExactly(Map.entry("wg-mgmt", CUR));
        assertThat(r.nextKey("wg-mgmt")).contains(NEXT);
        assertThat(r.nextKey("wg-data")).isEmpty();
        assertThat(r.swappedAt("wg-mgmt")).isEqualTo(OptionalLong.of(1767225600L));
        assertThat(r.swappedAt("wg-data")).isEmpty();
        assertThat(r.handshook("wg-mgmt", PEER)).isTrue();
        assertThat(r.handshook("wg-mgmt", CUR)).isFalse();
        assertThat(r.handshook("wg-data", PEER)).isFalse();
        assertThat(r.handshakes()).containsExactly(Map.entry("wg-mgmt " + PEER, 1767225601L));
        assertThat(r.silent()).containsExactly("wg-mgmt " + CUR);
        assertThat(r.pings()).containsExactly(Map.entry("10.200.0.2", "ok"), Map.entry("10.200.0.3", "fail"),
                Map.entry("fd00::4", "noping"));
    }

    @Test
    void noiseAroundTheLinesIsIgnored() {
        RotationResult r = RotationResult.parse("Welcome to node-a!\nLast login: yesterday\n@@key wg-mgmt current " + CUR
                + "\n  @@indented is not ours\n\n@@end\nbye\n");

        assertThat(r.currentKeys()).containsEntry("wg-mgmt", CUR);
    }

    @Test
    void anEmptyStepIsJustItsEnd() {
        RotationResult r = RotationResult.parse("@@end\n");

        assertThat(r).isEqualTo(new RotationResult(Map.of(), Map.of(), Map.of(), Map.of(), java.util.Set.of(), Map.of()));
    }

    @Test
    void anErrorLineFailsTheStepWithItsReason() {
        assertThatThrownBy(() -> RotationResult.parse("@@key wg-mgmt current " + CUR + "\n@@error interface wg-mgmt is not up: run wgform apply first\n"))
                .isInstanceOf(RemoteScriptException.class)
                .hasMessage("rotation step failed: interface wg-mgmt is not up: run wgform apply first");
        assertThatThrownBy(() -> RotationResult.parse("@@error\n@@end\n")).isInstanceOf(RemoteScriptException.class)
                .hasMessage("rotation step failed: no reason given");
    }

    @Test
    void outputWithoutItsEndIsRefused() {
        assertThatThrownBy(() -> RotationResult.parse("@@key wg-mgmt current " + CUR + "\n")).isInstanceOf(RemoteScriptException.class)
                .hasMessageContaining("ended early (no @@end)");
        assertThatThrownBy(() -> RotationResult.parse("")).hasMessageContaining("ended early");
        assertThatThrownBy(() -> RotationResult.parse("@@endless\n")).hasMessageContaining("does not understand: @@endless");
    }

    static List<String> malformedLines() {
        return List.of("@@key wg-mgmt current not-a-key",
                "@@key wg-mgmt previous " + CUR,
                "@@key wg-mgmt current",
                "@@key wg-mgmt current " + CUR + " extra",
                "@@swapped wg-mgmt soon",
                "@@swapped wg-mgmt -5",
                "@@swapped wg-mgmt",
                "@@handshake wg-mgmt " + PEER,
                "@@handshake wg-mgmt " + PEER + " 12x",
                "@@nohandshake wg-mgmt",
                "@@ping 10.200.0.2 maybe",
                "@@ping 10.200.0.2",
                "@@psk /etc/wireguard/keys/x.psk NOTAHASH",
                "@@psk /etc/wireguard/keys/x.psk " + "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
                "@@staged wg-mgmt",
                "@@moved",
                "@@surprise wg-mgmt");
    }

    @ParameterizedTest
    @MethodSource("malformedLines")
    void malformedLinesAreRefusedAndShown(String line) {
        assertThatThrownBy(() -> RotationResult.parse(line + "\n@@end\n")).isInstanceOf(RemoteScriptException.class)
                .hasMessage("rotation step printed a line wgform does not understand: " + line);
    }

    @Test
    void aLongMalformedLineIsShortened() {
        String line = "@@surprise " + "x".repeat(500);

        assertThatThrownBy(() -> RotationResult.parse(line + "\n@@end\n"))
                .hasMessage("rotation step printed a line wgform does not understand: " + line.substring(0, 120) + "...");
    }

    @Test
    void theMapsAreReadOnly() {
        RotationResult r = RotationResult.parse("@@key wg-mgmt current " + CUR + "\n@@end\n");

        assertThatThrownBy(() -> r.currentKeys().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.silent().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
