package dev.wgform.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SshdListenTest {
    @Test
    void readsEveryFormSshdAccepts() {
        assertThat(SshdListen.parse("10.0.0.1")).contains(new SshdListen("10.0.0.1", OptionalInt.empty()));
        assertThat(SshdListen.parse("10.0.0.1:2222")).contains(new SshdListen("10.0.0.1", OptionalInt.of(2222)));
        assertThat(SshdListen.parse("[fd00::1]:22")).contains(new SshdListen("fd00::1", OptionalInt.of(22)));
        assertThat(SshdListen.parse("[fd00::1]")).contains(new SshdListen("fd00::1", OptionalInt.empty()));
        assertThat(SshdListen.parse("fd00::1")).contains(new SshdListen("fd00::1", OptionalInt.empty()));
        assertThat(SshdListen.parse("host.example:22")).contains(new SshdListen("host.example", OptionalInt.of(22)));
        assertThat(SshdListen.parse("10.0.0.1:x")).isEmpty();
        assertThat(SshdListen.parse("10.0.0.1:70000")).isEmpty();
        assertThat(SshdListen.parse("[fd00::1]x")).isEmpty();
    }

    @Test
    void findsTheListenAddressLinesOfAConfig() {
        String config = """
                # ListenAddress 10.9.9.9 in a comment is not one
                Port 22
                ListenAddress 10.200.0.1
                  listenaddress [fd00::1]:2222 rdomain mgmt
                ListenAddress=198.51.100.1:22
                """;
        assertThat(SshdListen.parseAll(config)).containsExactly(
                new SshdListen("10.200.0.1", OptionalInt.empty()),
                new SshdListen("fd00::1", OptionalInt.of(2222)),
                new SshdListen("198.51.100.1", OptionalInt.of(22)));
    }

    @Test
    void coversTheSameAddressOnItsPortOrAnyPortWhenItHasNone() {
        SshdListen bare = new SshdListen("10.200.0.1", OptionalInt.empty());
        assertThat(bare.covers("10.200.0.1", 22)).isTrue();
        assertThat(bare.covers("10.200.0.1", 2222)).as("sshd's Port is taken to be the one wgform connects to").isTrue();
        assertThat(bare.covers("10.200.0.2", 22)).isFalse();
        SshdListen on22 = new SshdListen("10.200.0.1", OptionalInt.of(22));
        assertThat(on22.covers("10.200.0.1", 2222)).isFalse();
        assertThat(new SshdListen("fd00::1", OptionalInt.empty()).covers("fd00:0:0:0:0:0:0:1", 22)).isTrue();
    }

    @Test
    void wildcardsAndNames() {
        SshdListen any4 = new SshdListen("0.0.0.0", OptionalInt.empty());
        assertThat(any4.covers("198.51.100.1", 22)).isTrue();
        assertThat(any4.covers("fd00::1", 22)).isFalse();
        assertThat(new SshdListen("::", OptionalInt.empty()).covers("fd00::1", 22)).isTrue();
        SshdListen name = new SshdListen("Node-A.example", OptionalInt.empty());
        assertThat(name.covers("node-a.example", 22)).isTrue();
        assertThat(name.covers("198.51.100.1", 22)).as("never resolved").isFalse();
        assertThat(new SshdListen("198.51.100.1", OptionalInt.empty()).covers("node-a.example", 22)).isFalse();
    }
}
