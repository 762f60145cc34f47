package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.model.AddressText;
import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.WorkstationPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolment in the lock file: address from the top, stable re-runs, the round trip, and what the loader checks. */
class WorkstationEnrolmentTest {
    static final String KEY_1 = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
    static final String KEY_2 = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";

    @TempDir
    Path dir;
    Path inventory;
    Path playbook;

    @BeforeEach
    void files() throws Exception {
        inventory = Fixtures.write(dir, "inv.yml", """
                all:
                  children:
                    core:
                      hosts:
                        a: { ansible_host: 203.0.113.1 }
                        b: { ansible_host: 203.0.113.2 }
                """);
        playbook = Fixtures.write(dir, "pb.yml", """
                planes:
                  mgmt: { subnet: 10.200.0.0/29, port: 51820, members: [core] }
                """);
    }

    private WorkstationEnrolment.Result enrolAndSave(String name, String key) throws Exception {
        LoadedFleet loaded = FleetLoader.load(inventory, playbook);
        WorkstationEnrolment.Result r = WorkstationEnrolment.enrol(loaded, name, "mgmt", key);
        LoadedFleet.writeLock(loaded.lockPath(), r.lock());
        return r;
    }

    @Test
    void aNewWorkstationGetsTheHighestFreeAddressAndIsAPeerAfterReloading() throws Exception {
        WorkstationEnrolment.Result r = enrolAndSave("admin", KEY_1);

        assertThat(r.outcome()).isEqualTo(WorkstationEnrolment.Outcome.NEW);
        assertThat(AddressText.of(r.enrolment().address())).isEqualTo("10.200.0.6");
        LoadedFleet again = FleetLoader.load(inventory, playbook);
        assertThat(again.fleet().workstationsOf("mgmt")).singleElement().satisfies(w -> {
            assertThat(w.name()).isEqualTo("admin");
            assertThat(w.publicKey()).isEqualTo(KEY_1);
            assertThat(w.source().file()).endsWith("inv.lock.yml");
            assertThat(w.source().line()).isGreaterThan(0);
        });
        assertThat(again.lockChanged()).as("the members' allocations were saved with it").isFalse();
    }

    @Test
    void runningAgainChangesNothingAndASecondWorkstationTakesTheNextAddressDown() throws Exception {
        enrolAndSave("admin", KEY_1);
        String text = Files.readString(dir.resolve("inv.lock.yml"));

        WorkstationEnrolment.Result same = enrolAndSave("admin", KEY_1);
        WorkstationEnrolment.Result other = enrolAndSave("bob", KEY_2);

        assertThat(same.outcome()).isEqualTo(WorkstationEnrolment.Outcome.UNCHANGED);
        assertThat(Files.readString(dir.resolve("inv.lock.yml"))).contains(text.substring(text.indexOf("workstations:")));
        assertThat(AddressText.of(other.enrolment().address())).isEqualTo("10.200.0.5");
    }

    @Test
    void aNewKeyKeepsTheAddress() throws Exception {
        enrolAndSave("admin", KEY_1);
        WorkstationEnrolment.Result r = enrolAndSave("admin", KEY_2);

        assertThat(r.outcome()).isEqualTo(WorkstationEnrolment.Outcome.KEY_REPLACED);
        assertThat(AddressText.of(r.enrolment().address())).isEqualTo("10.200.0.6");
        assertThat(FleetLoader.load(inventory, playbook).fleet().workstationsOf("mgmt")).extracting(WorkstationPeer::publicKey)
                .containsExactly(KEY_2);
    }

    @Test
    void membersAddedLaterNeverTakeTheWorkstationsAddress() throws Exception {
        enrolAndSave("admin", KEY_1); // .6
        Files.writeString(inventory, Files.readString(inventory) + """
                        c: { ansible_host: 203.0.113.3 }
                        d: { ansible_host: 203.0.113.4 }
                        e: { ansible_host: 203.0.113.5 }
                """);
        var members = FleetLoader.load(inventory, playbook).fleet().members().get("mgmt");

        assertThat(members.values()).extracting(AddressText::of).containsExactly(
                "10.200.0.1", "10.200.0.2", "10.200.0.3", "10.200.0.4", "10.200.0.5");
    }

    @Test
    void theLockFileKeepsItsAddressesAndRoundTrips() throws Exception {
        enrolAndSave("admin", KEY_1);
        String text = Files.readString(dir.resolve("inv.lock.yml"));

        assertThat(text).contains("addresses:\n  mgmt:\n    a: 10.200.0.1\n    b: 10.200.0.2\n")
                .contains("workstations:\n  admin:\n    mgmt:\n      address: 10.200.0.6\n      public_key: \"" + KEY_1 + "\"\n");
        assertThat(AddressLock.parse(text, "x.lock.yml").toYaml()).isEqualTo(text);
    }

    @Test
    void anExplicitMemberAddressOnTheWorkstationsIsReportedAtTheLockFileLine() throws Exception {
        enrolAndSave("admin", KEY_1);
        Files.writeString(inventory, Files.readString(inventory).replace("b: { ansible_host: 203.0.113.2 }",
                "b: { ansible_host: 203.0.113.2, wg_addresses: { mgmt: 10.200.0.6 } }"));

        List<Problem> problems = Fixtures.problems(inventory, playbook);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where().file()).endsWith("inv.lock.yml");
            assertThat(p.key()).isEqualTo("workstations.admin.mgmt.address");
            assertThat(p.message()).contains("workstation admin's address 10.200.0.6 is also b's on plane mgmt")
                    .contains("wgform workstation --remove");
        });
    }

    @Test
    void aDamagedKeyInTheLockFileIsReported() throws Exception {
        enrolAndSave("admin", KEY_1);
        Path lock = dir.resolve("inv.lock.yml");
        Files.writeString(lock, Files.readString(lock).replace(KEY_1, "not-a-key"));

        assertThat(Fixtures.problems(inventory, playbook)).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("workstations.admin.mgmt.public_key"));
    }

    @Test
    void theNameOfAnInventoryHostOrAnUnknownPlaneIsRefused() throws Exception {
        LoadedFleet loaded = FleetLoader.load(inventory, playbook);

        assertThatThrownBy(() -> WorkstationEnrolment.enrol(loaded, "a", "mgmt", KEY_1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'a' is an inventory host");
        assertThatThrownBy(() -> WorkstationEnrolment.enrol(loaded, "admin", "mgnt", KEY_1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("did you mean 'mgmt'?");
        assertThatThrownBy(() -> WorkstationEnrolment.enrol(loaded, "bad name", "mgmt", KEY_1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a usable workstation name");
    }

    @Test
    void theSameKeyUnderTwoNamesIsRefused() throws Exception {
        enrolAndSave("admin", KEY_1);

        assertThatThrownBy(() -> enrolAndSave("bob", KEY_1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already enrolled in plane mgmt as workstation admin");
    }

    @Test
    void removingDropsOnlyThatEnrolment() throws Exception {
        enrolAndSave("admin", KEY_1);
        enrolAndSave("bob", KEY_2);
        AddressLock lock = AddressLock.read(dir.resolve("inv.lock.yml"));

        AddressLock without = WorkstationEnrolment.remove(lock, "admin", "mgmt").orElseThrow();

        assertThat(without.workstations()).extracting(WorkstationPeer::name).containsExactly("bob");
        assertThat(without.addresses()).isEqualTo(lock.addresses());
        assertThat(WorkstationEnrolment.remove(without, "admin", "mgmt")).isEmpty();
    }

    @Test
    void interfaceNamesRespectLinuxsLimit() throws Exception {
        assertThat(WorkstationEnrolment.interfaceName("mgmt", java.util.Optional.empty())).isEqualTo("wgf-mgmt");
        assertThatThrownBy(() -> WorkstationEnrolment.interfaceName("management-pl", java.util.Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 15").hasMessageContaining("--interface");
    }
}
