package dev.wgform.planner;

import static dev.wgform.planner.TestFacts.applied;
import static dev.wgform.planner.TestFacts.desired;
import static dev.wgform.planner.TestFacts.render;
import static dev.wgform.planner.TestFacts.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wgform.desired.HostState;
import dev.wgform.drift.DriftAnalysis;
import dev.wgform.drift.DriftReport;
import dev.wgform.drift.KeyAgeNotes;
import dev.wgform.facts.HostFacts;
import dev.wgform.plan.HostPlan;
import dev.wgform.plan.Plan;
import dev.wgform.view.PlanJson;
import dev.wgform.view.PlanView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Key ages as plan notes: db has wg-mgmt and wg-data; the host's clock reads 1_700_000_100. */
class KeyAgeNotesTest {
    private static final long NOW = 1_700_000_100L;
    private static final long DAY = 86_400L;
    private static final Optional<Duration> MAX_90D = Optional.of(Duration.ofDays(90));
    private static final String ROTATE_MGMT = "; rotate it with: wgform rotate -i inventory.yml playbook.yml --plane mgmt --hosts db";

    private final HostState db = state(desired(Scenarios.mesh()), "db");

    private List<String> notes(HostFacts facts, Optional<Duration> keyMaxAge) {
        return KeyAgeNotes.of(db, facts, keyMaxAge, "inventory.yml", "playbook.yml");
    }

    private TestFacts.Builder keysAged(long mgmtDays, long dataDays) {
        return applied(db).keyWrittenAt("wg-mgmt", NOW - mgmtDays * DAY).keyWrittenAt("wg-data", NOW - dataDays * DAY);
    }

    @Test
    void youngKeysAreShownWithTheirAgesAndNotFlagged() {
        assertThat(notes(keysAged(12, 12).build(), MAX_90D)).containsExactly("key ages: wg-mgmt 12d, wg-data 12d");
        // applied() writes the keys 100 s before the host's clock
        assertThat(notes(applied(db).build(), MAX_90D)).containsExactly("key ages: wg-mgmt 1m, wg-data 1m");
    }

    @Test
    void aKeyOlderThanKeyMaxAgeIsFlaggedWithTheCommandThatRotatesIt() {
        assertThat(notes(keysAged(120, 12).build(), MAX_90D)).containsExactly(
                "key ages: wg-mgmt 120d, wg-data 12d",
                "private key of wg-mgmt is 120d old, older than key_max_age 90d" + ROTATE_MGMT);
        // exactly key_max_age old is not older than it
        assertThat(notes(keysAged(90, 91).build(), MAX_90D)).containsExactly(
                "key ages: wg-mgmt 90d, wg-data 91d",
                "private key of wg-data is 91d old, older than key_max_age 90d; rotate it with: wgform rotate -i inventory.yml playbook.yml --plane data --hosts db");
    }

    @Test
    void theRotateCommandQuotesPathsTheShellWouldSplit() {
        assertThat(KeyAgeNotes.of(db, keysAged(120, 1).build(), MAX_90D, "inv dir/lab.yml", "pb.yml"))
                .contains("private key of wg-mgmt is 120d old, older than key_max_age 90d; rotate it with: wgform rotate -i 'inv dir/lab.yml' pb.yml --plane mgmt --hosts db");
    }

    @Test
    void keysStillToBeGeneratedOrWithoutAKnownMtimeHaveNoAge() {
        assertThat(notes(keysAged(120, 12).withoutKey("wg-mgmt").build(), MAX_90D)).containsExactly("key ages: wg-data 12d");
        assertThat(notes(applied(db).keyWrittenAt("wg-data", 0).build(), MAX_90D)).containsExactly("key ages: wg-mgmt 1m");
        assertThat(notes(applied(db).withoutKey("wg-mgmt").withoutKey("wg-data").build(), MAX_90D)).isEmpty();
    }

    @Test
    void withoutKeyMaxAgeAgesAreShownAndNothingIsFlagged() {
        assertThat(notes(keysAged(400, 12).build(), Optional.empty())).containsExactly("key ages: wg-mgmt 400d, wg-data 12d");
    }

    @Test
    void theNotesAreRecognisedAsKeyAgeNotesAndNoOtherNoteIs() {
        assertThat(notes(keysAged(120, 120).build(), MAX_90D)).hasSize(3).allMatch(KeyAgeNotes::isKeyAgeNote);
        assertThat(List.of("postgresql is not running on lab-2: file only",
                "missing wireguard-tools: install it or run apply with --install-packages")).noneMatch(KeyAgeNotes::isKeyAgeNote);
    }

    @Test
    void driftSaysItInTheSameWords() {
        HostFacts facts = keysAged(120, 12).build();
        Plan plan = Plan.of(Instant.EPOCH, "inventory.yml", "playbook.yml", List.of(Planner.plan(db, render(db), facts)));
        DriftReport r = DriftAnalysis.analyse(plan, List.of(db), Map.of("db", facts), List.of("mgmt", "data"), MAX_90D,
                Duration.ofSeconds(180), false, NOW);
        assertThat(r.items()).extracting(i -> i.summary()).containsExactly("private key of wg-mgmt is 120d old, older than key_max_age 90d");
    }

    @Test
    void aConvergedHostShowsItsNotesButThePlanHasNoChanges() {
        HostFacts facts = keysAged(120, 12).build();
        HostPlan host = Planner.plan(db, render(db), facts).withNotes(notes(facts, MAX_90D));
        Plan plan = Plan.of(Instant.EPOCH, "inventory.yml", "playbook.yml", List.of(host));

        assertThat(plan.hasChanges()).isFalse();
        assertThat(PlanView.render(plan, false)).isEqualTo("""

                # db
                  note: key ages: wg-mgmt 120d, wg-data 12d
                  note: private key of wg-mgmt is 120d old, older than key_max_age 90d%s

                No changes. Your hosts match the playbook.
                """.formatted(ROTATE_MGMT));
        assertThat(PlanJson.render(plan)).contains("\"has_changes\": false", "\"key ages: wg-mgmt 120d, wg-data 12d\"");
    }
}
