package dev.wgform.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.model.Host;
import dev.wgform.model.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wg_ssh_jump: read into Host.sshJump, and checked to name another inventory host without loops. */
class SshJumpVarTest {
    @TempDir
    Path dir;

    private Path playbook;

    @org.junit.jupiter.api.BeforeEach
    void writePlaybook() throws Exception {
        playbook = Fixtures.write(dir, "pb.yml", "planes:\n  mgmt: { subnet: 10.200.0.0/24, port: 51820, members: [core] }\n");
    }

    private Path inventory(String hosts) throws Exception {
        return Fixtures.write(dir, "inv.yml", """
                all:
                  vars:
                    ansible_user: root
                  children:
                    core:
                      hosts:
                """ + hosts.indent(8));
    }

    @Test
    void theJumpHostIsReadIntoTheHost() throws Exception {
        Path inv = inventory("""
                bastion: { ansible_host: 203.0.113.1 }
                web-1: { ansible_host: 10.0.0.5, wg_ssh_jump: bastion }
                """);
        List<Host> hosts = FleetLoader.load(inv, playbook).fleet().inventory().hosts();

        assertThat(hosts.get(0).sshJump()).isEmpty();
        assertThat(hosts.get(1).sshJump()).contains("bastion");
    }

    @Test
    void anUnknownJumpHostIsReportedAtItsLineWithASuggestion() throws Exception {
        Path inv = inventory("""
                bastion: { ansible_host: 203.0.113.1 }
                web-1: { ansible_host: 10.0.0.5, wg_ssh_jump: bastoin }
                """);
        List<Problem> problems = Fixtures.problems(inv, playbook);

        assertThat(problems).hasSize(1);
        Problem p = problems.get(0);
        assertThat(p.where().line()).isEqualTo(8);
        assertThat(p.key()).isEqualTo("all.children.core.hosts.web-1.wg_ssh_jump");
        assertThat(p.message()).contains("wg_ssh_jump names host 'bastoin', which is not in the inventory")
                .contains("did you mean 'bastion'?");
    }

    @Test
    void aHostCannotJumpThroughItself() throws Exception {
        Path inv = inventory("""
                bastion: { ansible_host: 203.0.113.1, wg_ssh_jump: bastion }
                """);
        List<Problem> problems = Fixtures.problems(inv, playbook);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.where().line()).isEqualTo(7);
            assertThat(p.message()).contains("bastion names itself as its jump host");
        });
    }

    @Test
    void aLoopIsReportedOnceForEachHostOnIt() throws Exception {
        Path inv = inventory("""
                a: { ansible_host: 203.0.113.1, wg_ssh_jump: b }
                b: { ansible_host: 203.0.113.2, wg_ssh_jump: a }
                c: { ansible_host: 203.0.113.3, wg_ssh_jump: a }
                """);
        List<Problem> problems = Fixtures.problems(inv, playbook);

        assertThat(problems).extracting(Problem::message).containsExactly(
                "wg_ssh_jump makes a loop: a -> b -> a; one of these hosts must be reached directly",
                "wg_ssh_jump makes a loop: b -> a -> b; one of these hosts must be reached directly");
        assertThat(problems).extracting(p -> p.where().line()).containsExactly(7, 8);
    }

    @Test
    void aChainOfJumpsIsFine() throws Exception {
        Path inv = inventory("""
                outer: { ansible_host: 203.0.113.1 }
                inner: { ansible_host: 10.0.0.1, wg_ssh_jump: outer }
                deep: { ansible_host: 10.0.1.1, wg_ssh_jump: inner }
                """);

        assertThat(FleetLoader.load(inv, playbook).fleet().inventory().host("deep").orElseThrow().sshJump()).contains("inner");
    }

    @Test
    void aMisspeltVariableSuggestsIt() throws Exception {
        Path inv = inventory("""
                web-1: { ansible_host: 10.0.0.5, wg_ssh_jmp: bastion }
                """);

        assertThat(Fixtures.problems(inv, playbook)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("did you mean 'wg_ssh_jump'?"));
    }
}
