package dev.wgform.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MachineTest {
    @Test
    void effectiveUidComesFromTheSecondUidColumn() {
        String status = "Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n";
        assertThat(Platform.effectiveUid(status)).hasValue(0);
        assertThat(Platform.effectiveUid("Uid:\t0\t1000\t1000\t1000\n")).hasValue(1000);
        assertThat(Platform.effectiveUid("Name:\tx\n")).isEmpty();
    }

    @Test
    void onlyLinuxIsLinux() {
        assertThat(Platform.isLinux("Linux")).isTrue();
        assertThat(Platform.isLinux("Mac OS X")).isFalse();
        assertThat(Platform.isLinux("Windows 11")).isFalse();
        assertThat(Platform.isLinux(null)).isFalse();
    }

    @Test
    void refusesClearlyWhenNotLinuxOrNotRoot() {
        assertThatThrownBy(() -> new Machine("Mac OS X", OptionalInt.of(0), Optional.empty()).requireRootOnLinux())
                .isInstanceOf(LabException.class).hasMessage("the lab needs Linux (it is built from network namespaces); this is Mac OS X");
        assertThatThrownBy(() -> new Machine("Linux", OptionalInt.of(1000), Optional.empty()).requireRootOnLinux())
                .isInstanceOf(LabException.class).hasMessageStartingWith("the lab needs root").hasMessageEndingWith("run it with sudo");
        assertThatThrownBy(() -> new Machine("Linux", OptionalInt.empty(), Optional.empty()).requireRootOnLinux())
                .hasMessageStartingWith("the lab needs root");
        assertThatCode(() -> new Machine("Linux", OptionalInt.of(0), Optional.empty()).requireRootOnLinux()).doesNotThrowAnyException();
    }

    @Test
    void theUserBehindSudoIsReadFromBothVariables() {
        assertThat(Machine.sudoUser("1000", "1001")).contains(new Machine.Owner(1000, 1001));
        assertThat(Machine.sudoUser("1000", null)).isEmpty();
        assertThat(Machine.sudoUser("root", "0")).isEmpty();
    }
}
