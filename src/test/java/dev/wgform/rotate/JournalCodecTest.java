package dev.wgform.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wgform.json.JsonReader;
import dev.wgform.view.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The journal through the JSON writer and reader, as JournalFiles keeps it; damaged journals are refused by name. */
class JournalCodecTest {
    static final String OLD = RotationKeys.key("old");
    static final String NEW = RotationKeys.key("new");
    static final Instant STARTED = Instant.parse("2026-03-04T05:06:07Z");

    /** Every kind of entry: committed, swapped, prepared, pending, rolled back, aborted, skipped. */
    static RotationJournal varied() {
        RotationJournal j = RotationJournal.start("mgmt", "wg-mgmt", true, STARTED,
                List.of("a", "b", "c", "d", "e", "f", "g"), 2);
        return j.with(List.of(
                j.host("a").orElseThrow().prepared(OLD, NEW).swapped(1700000000L).at(Stage.VERIFIED).at(Stage.COMMITTED),
                j.host("b").orElseThrow().prepared(OLD, NEW).swapped(1700000001L),
                j.host("c").orElseThrow().prepared(OLD, NEW),
                j.host("e").orElseThrow().prepared(OLD, NEW).swapped(9).ended(Stage.ROLLED_BACK, "verification failed: no handshake with a"),
                j.host("f").orElseThrow().ended(Stage.ABORTED, "prepare failed on f: \"quoted\"\nsecond line"),
                j.host("g").orElseThrow().ended(Stage.SKIPPED, "not rotated: batch 3 did not complete")));
    }

    static RotationJournal roundTrip(RotationJournal j) {
        return JournalCodec.fromMap(JsonReader.parseObject(Json.write(JournalCodec.toMap(j))));
    }

    /** The written journal as the reader gives it back, changed by {@code damage}, then read as a journal. */
    static RotationJournal damaged(Consumer<Map<String, Object>> damage) {
        Map<String, Object> m = JsonReader.parseObject(Json.write(JournalCodec.toMap(varied())));
        damage.accept(m);
        return JournalCodec.fromMap(m);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> entry(Map<String, Object> journal, int i) {
        return (Map<String, Object>) ((List<Object>) journal.get("hosts")).get(i);
    }

    @Test
    void everyKindOfEntrySurvivesTheRoundTrip() {
        RotationJournal j = varied();

        assertThat(roundTrip(j)).isEqualTo(j);
        assertThat(roundTrip(roundTrip(j))).isEqualTo(j);
    }

    @Test
    void theWrittenFormHasTheDocumentedNamesAndNoSecretShapes() {
        String text = Json.write(JournalCodec.toMap(varied()));
        Map<String, Object> m = JsonReader.parseObject(text);

        assertThat(m).containsEntry("format_version", 1L).containsEntry("plane", "mgmt").containsEntry("interface", "wg-mgmt")
                .containsEntry("rotate_psk", true).containsEntry("started", "2026-03-04T05:06:07Z").containsEntry("finished", false);
        assertThat(entry(m, 0)).containsEntry("host", "a").containsEntry("batch", 0L).containsEntry("stage", "committed")
                .containsEntry("old_public_key", OLD).containsEntry("new_public_key", NEW).containsEntry("swapped_at", 1700000000L)
                .containsEntry("message", "");
        assertThat(entry(m, 3)).containsEntry("stage", "pending").containsEntry("old_public_key", JsonReader.NULL)
                .containsEntry("swapped_at", JsonReader.NULL);
        assertThat(entry(m, 4)).containsEntry("stage", "rolled-back").containsEntry("batch", 2L);
    }

    @Test
    void aStartedInstantWithFractionsAndAPlainJournalRoundTripToo() {
        RotationJournal j = RotationJournal.start("data", "wg-data", false, Instant.parse("2026-03-04T05:06:07.123456789Z"),
                List.of("only"), 1);

        assertThat(roundTrip(j)).isEqualTo(j);
    }

    @Test
    void anUnsupportedVersionIsRefusedNamingBothVersions() {
        assertThatThrownBy(() -> damaged(m -> m.put("format_version", 2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("journal format 2 is not supported (this wgform reads 1)");
        assertThatThrownBy(() -> damaged(m -> m.remove("format_version"))).hasMessageContaining("'format_version' must be a number");
    }

    @Test
    void anUnknownStageIsRefusedByName() {
        assertThatThrownBy(() -> damaged(m -> entry(m, 1).put("stage", "half-swapped")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown stage 'half-swapped'");
        assertThatThrownBy(() -> damaged(m -> entry(m, 1).put("stage", "SWAPPED"))).hasMessageContaining("unknown stage 'SWAPPED'");
    }

    @Test
    void missingOrMistypedFieldsAreRefusedByName() {
        assertThatThrownBy(() -> damaged(m -> m.remove("plane"))).hasMessageContaining("'plane' must be a non-empty string");
        assertThatThrownBy(() -> damaged(m -> m.put("interface", ""))).hasMessageContaining("'interface' must be a non-empty string");
        assertThatThrownBy(() -> damaged(m -> m.put("started", "yesterday"))).hasMessageContaining("'started' is not a time: yesterday");
        assertThatThrownBy(() -> damaged(m -> m.remove("started"))).hasMessageContaining("'started' must be a non-empty string");
        assertThatThrownBy(() -> damaged(m -> m.put("rotate_psk", "yes"))).hasMessageContaining("'rotate_psk' must be true or false");
        assertThatThrownBy(() -> damaged(m -> m.put("hosts", Map.of()))).hasMessageContaining("'hosts' must be a list");
        assertThatThrownBy(() -> damaged(m -> m.put("hosts", List.of("a")))).hasMessageContaining("each of 'hosts' must be an object");
        assertThatThrownBy(() -> damaged(m -> m.put("hosts", List.of()))).hasMessageContaining("at least one host");
        assertThatThrownBy(() -> damaged(m -> entry(m, 0).remove("host"))).hasMessageContaining("'host' must be a non-empty string");
        assertThatThrownBy(() -> damaged(m -> entry(m, 0).put("batch", "0"))).hasMessageContaining("'batch' must be a number");
        assertThatThrownBy(() -> damaged(m -> entry(m, 0).put("batch", -1L))).hasMessageContaining("batch must not be negative");
        assertThatThrownBy(() -> damaged(m -> entry(m, 0).remove("stage"))).hasMessageContaining("'stage' must be a non-empty string");
    }

    @Test
    void aSwappedEntryWithoutItsKeysIsRefused() {
        assertThatThrownBy(() -> damaged(m -> entry(m, 1).put("new_public_key", JsonReader.NULL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b: a prepared host has its old and new public keys");
        assertThatThrownBy(() -> damaged(m -> entry(m, 4).remove("old_public_key")))
                .hasMessageContaining("e: a prepared host has its old and new public keys");
    }

    @Test
    void aKeyThatIsNotAPublicKeyIsRefused() {
        assertThatThrownBy(() -> damaged(m -> entry(m, 1).put("new_public_key", "not-a-key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b").hasMessageContaining("new_public_key")
                .hasMessageContaining("not a WireGuard public key");
    }

    @Test
    void aHostListedTwiceIsRefused() {
        assertThatThrownBy(() -> damaged(m -> entry(m, 1).put("host", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a is listed twice");
    }

    @Test
    void absentOptionalFieldsReadAsEmpty() {
        RotationJournal j = damaged(m -> {
            entry(m, 3).remove("message");
            entry(m, 3).remove("swapped_at");
            entry(m, 3).remove("old_public_key");
            m.remove("finished"); // derived: written for people, not read
        });

        assertThat(j.host("d")).contains(HostRotation.pending("d", 1));
    }

    @Test
    void startPutsHostsInBatchesOfTheGivenSizeInOrder() {
        RotationJournal j = RotationJournal.start("mgmt", "wg-mgmt", false, STARTED, List.of("a", "b", "c", "d", "e"), 2);

        assertThat(j.hosts()).extracting(HostRotation::host).containsExactly("a", "b", "c", "d", "e");
        assertThat(j.hosts()).extracting(HostRotation::batch).containsExactly(0, 0, 1, 1, 2);
        assertThat(j.hosts()).allSatisfy(h -> assertThat(h.stage()).isEqualTo(Stage.PENDING));
        assertThat(j.batches()).containsExactly(0, 1, 2);
        assertThat(j.batch(1)).extracting(HostRotation::host).containsExactly("c", "d");
        assertThat(j.batch(3)).isEmpty();
        assertThat(j.host("e")).contains(HostRotation.pending("e", 2));
        assertThat(j.host("z")).isEmpty();
        assertThatThrownBy(() -> RotationJournal.start("mgmt", "wg-mgmt", false, STARTED, List.of("a"), 0))
                .hasMessageContaining("batch size must be at least 1");
        assertThatThrownBy(() -> RotationJournal.start("mgmt", "wg-mgmt", false, STARTED, List.of(), 1))
                .hasMessageContaining("at least one host");
    }

    @Test
    void finishedWhenEveryHostReachedAnEndAndSucceededOnlyWhenAllCommitted() {
        RotationJournal j = RotationJournal.start("mgmt", "wg-mgmt", false, STARTED, List.of("a", "b"), 1);
        HostRotation a = j.host("a").orElseThrow().prepared(OLD, NEW).swapped(5).at(Stage.VERIFIED);
        HostRotation b = j.host("b").orElseThrow();

        assertThat(j.finished()).isFalse();
        RotationJournal verified = j.with(List.of(a));
        assertThat(verified.finished()).isFalse();
        RotationJournal committedAndSkipped = j.with(List.of(a.at(Stage.COMMITTED), b.ended(Stage.SKIPPED, "not rotated")));
        assertThat(committedAndSkipped.finished()).isTrue();
        assertThat(committedAndSkipped.succeeded()).isFalse();
        RotationJournal allCommitted = j.with(List.of(a.at(Stage.COMMITTED),
                b.prepared(OLD, NEW).swapped(6).at(Stage.VERIFIED).at(Stage.COMMITTED)));
        assertThat(allCommitted.finished()).isTrue();
        assertThat(allCommitted.succeeded()).isTrue();
    }

    @Test
    void withReplacesEntriesByHostKeepingOrderAndIgnoresStrangers() {
        RotationJournal j = RotationJournal.start("mgmt", "wg-mgmt", false, STARTED, List.of("a", "b", "c"), 3);
        HostRotation b = j.host("b").orElseThrow().prepared(OLD, NEW);

        RotationJournal changed = j.with(List.of(b, HostRotation.pending("stranger", 0)));

        assertThat(changed.hosts()).containsExactly(j.hosts().get(0), b, j.hosts().get(2));
        assertThat(changed.started()).isEqualTo(STARTED);
        assertThat(j.host("b")).contains(HostRotation.pending("b", 0)); // the original is untouched
    }

    @Test
    void hostRotationKeepsItsInvariants() {
        HostRotation p = HostRotation.pending("a", 0);

        assertThat(p.liveKey()).isEmpty();
        HostRotation prepared = p.prepared(OLD, NEW);
        assertThat(prepared.liveKey()).contains(OLD);
        assertThat(prepared.at(Stage.DISTRIBUTED).liveKey()).contains(OLD);
        HostRotation swapped = prepared.at(Stage.DISTRIBUTED).swapped(77);
        assertThat(swapped.stage()).isEqualTo(Stage.SWAPPED);
        assertThat(swapped.swappedAt()).isEqualTo(OptionalLong.of(77));
        assertThat(swapped.liveKey()).contains(NEW);
        assertThat(swapped.at(Stage.VERIFIED).at(Stage.COMMITTED).liveKey()).contains(NEW);
        HostRotation rolledBack = swapped.ended(Stage.ROLLED_BACK, "no handshake");
        assertThat(rolledBack.liveKey()).contains(OLD);
        assertThat(rolledBack.message()).isEqualTo("no handshake");
        assertThat(rolledBack.swappedAt()).isEqualTo(OptionalLong.of(77));
        assertThat(p.ended(Stage.ABORTED, "prepare failed").oldKey()).isEmpty();

        assertThatThrownBy(() -> swapped.ended(Stage.VERIFIED, "x")).hasMessageContaining("VERIFIED is not an end");
        assertThatThrownBy(() -> p.at(Stage.PREPARED)).hasMessageContaining("a: a prepared host has its old and new public keys");
        assertThatThrownBy(() -> p.ended(Stage.ROLLED_BACK, "x")).hasMessageContaining("old and new public keys");
        assertThatThrownBy(() -> HostRotation.pending(" ", 0)).hasMessageContaining("host is required");
        assertThatThrownBy(() -> HostRotation.pending("a", -1)).hasMessageContaining("batch must not be negative");
        assertThatThrownBy(() -> new HostRotation("a", 0, null, Optional.empty(), Optional.empty(), OptionalLong.empty(), ""))
                .hasMessageContaining("stage and message are required");
    }

    @Test
    void stagesHaveJsonNamesAndKnowWhichAreEndsAndWhichRunOnTheNewKey() {
        List<String> names = new ArrayList<>();
        Map<Stage, Boolean> ends = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            names.add(s.jsonName());
            ends.put(s, s.isFinal());
            assertThat(Stage.fromJson(s.jsonName())).contains(s);
        }
        assertThat(names).containsExactly("pending", "prepared", "distributed", "swapped", "verified", "committed", "rolled-back",
                "aborted", "skipped");
        assertThat(ends).containsEntry(Stage.COMMITTED, true).containsEntry(Stage.ROLLED_BACK, true).containsEntry(Stage.ABORTED, true)
                .containsEntry(Stage.SKIPPED, true).containsEntry(Stage.VERIFIED, false).containsEntry(Stage.PENDING, false);
        assertThat(Stage.VERIFIED.onNewKey()).isTrue();
        assertThat(Stage.ROLLED_BACK.onNewKey()).isFalse();
        assertThat(Stage.DISTRIBUTED.onNewKey()).isFalse();
        assertThat(Stage.fromJson("rolled_back")).isEmpty();
    }
}
