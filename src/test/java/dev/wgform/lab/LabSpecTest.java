package dev.wgform.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabSpecTest {
    @Test
    void hostsAreNumberedFromOneAndTheLastOnesAreRhel() {
        LabSpec spec = new LabSpec(4, 1);
        assertThat(spec.hostList()).extracting(LabHost::name).containsExactly("lab-1", "lab-2", "lab-3", "lab-4");
        assertThat(spec.hostList()).extracting(LabHost::rhel).containsExactly(false, false, false, true);
        LabHost third = spec.hostList().get(2);
        assertThat(third.namespace()).isEqualTo("wgl-3");
        assertThat(third.address()).isEqualTo("198.51.100.3");
        assertThat(third.planeAddress("app")).isEqualTo("10.203.0.3");
        assertThat(third.planeAddress("mgmt")).isEqualTo("10.200.0.3");
    }

    @Test
    void numbersOutOfRangeAreRefusedInWords() {
        assertThat(LabSpec.problem(0, 0)).contains("the lab has 1 to 32 hosts, not 0");
        assertThat(LabSpec.problem(33, 0)).contains("the lab has 1 to 32 hosts, not 33");
        assertThat(LabSpec.problem(3, 4)).contains("--rhel must be between 0 and the number of hosts (3), not 4");
        assertThat(LabSpec.problem(3, -1)).isPresent();
        assertThat(LabSpec.problem(32, 32)).isEmpty();
        assertThatThrownBy(() -> new LabSpec(40, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 40");
    }
}
