package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Host keys expand as Ansible's expand_hostname_range does. */
class HostPatternTest {
    @Test
    void plainNameIsOneHost() {
        assertThat(HostPattern.expand("web-1").hosts()).containsExactly("web-1");
        assertThat(HostPattern.expand("web-1").port()).isEmpty();
    }

    @Test
    void numericRangesKeepZeroPadding() {
        assertThat(HostPattern.expand("web[01:03]").hosts()).containsExactly("web01", "web02", "web03");
        assertThat(HostPattern.expand("web[8:11]").hosts()).containsExactly("web8", "web9", "web10", "web11");
    }

    @Test
    void letterRangesAndSteps() {
        assertThat(HostPattern.expand("node-[a:c]").hosts()).containsExactly("node-a", "node-b", "node-c");
        assertThat(HostPattern.expand("db[0:10:5]").hosts()).containsExactly("db0", "db5", "db10");
        assertThat(HostPattern.expand("h[:2]").hosts()).containsExactly("h0", "h1", "h2");
    }

    @Test
    void severalRangesMultiply() {
        assertThat(HostPattern.expand("r[1:2]-[a:b].example.net").hosts())
                .containsExactly("r1-a.example.net", "r1-b.example.net", "r2-a.example.net", "r2-b.example.net");
    }

    @Test
    void aPortAfterTheNameIsTheSshPort() {
        HostPattern.Expansion e = HostPattern.expand("db[1:2]:2222");
        assertThat(e.hosts()).containsExactly("db1", "db2");
        assertThat(e.port()).hasValue(2222);
        assertThat(HostPattern.expand("[2001:db8::1]:22").hosts()).containsExactly("2001:db8::1");
        assertThat(HostPattern.expand("2001:db8::1").port()).isEmpty();
    }

    @Test
    void malformedRangesAreExplained() {
        assertThatThrownBy(() -> HostPattern.expand("web[3:1]")).hasMessageContaining("begin <= end");
        assertThatThrownBy(() -> HostPattern.expand("web[1:]")).hasMessageContaining("has no end");
        assertThatThrownBy(() -> HostPattern.expand("web[01:100]")).hasMessageContaining("same length");
        assertThatThrownBy(() -> HostPattern.expand("web[1:3")).hasMessageContaining("'[' without ']'");
        assertThatThrownBy(() -> HostPattern.expand("web[1]")).hasMessageContaining("[begin:end]");
        assertThatThrownBy(() -> HostPattern.expand("web[1:2:0]")).hasMessageContaining("step");
        assertThatThrownBy(() -> HostPattern.expand("web:70000")).hasMessageContaining("out of range");
    }

    @Test
    void hugeRangesAreRefused() {
        assertThatThrownBy(() -> HostPattern.expand("web[1:100000000]")).hasMessageContaining("more than 4096 hosts");
        assertThatThrownBy(() -> HostPattern.expand("w[1:100]-[1:100]")).hasMessageContaining("more than 4096 hosts");
    }
}
