package cz.souhra.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

import cz.souhra.query.QueryFixture;
import cz.souhra.query.RandomHistory;
import cz.souhra.shared.MetaKeys;
import cz.souhra.shared.queries.HistoryEntry;
import cz.souhra.shared.queries.HistoryQueries;

/**
 * Every history entry is answered with an institution (or "system" for what the system did itself, such as
 * the overdue schedule's record) and an effective time (the stated one, else the recorded one, e.g. a measure
 * carried over to the next meeting), whatever its type; the read model keeps the metadata as recorded.
 */
class HistoryEntryShownTest {

    @Test
    void given_a_history_of_every_type_then_every_entry_has_an_effective_time_and_an_institution_or_system() {
        List<DomainEventMessage<?>> events = RandomHistory.generate(29, 600);
        Map<String, DomainEventMessage<?>> byId = events.stream().collect(Collectors.toMap(DomainEventMessage::getIdentifier, e -> e));
        try (QueryFixture f = new QueryFixture()) {
            events.forEach(f::appendAndDeliver);
            List<HistoryEntry> entries = f.historyQueries.region(new HistoryQueries.RegionHistory(null, null, null, 0, Integer.MAX_VALUE)).items();

            assertThat(entries).hasSize(events.size());
            Set<String> types = entries.stream().map(HistoryEntry::type).collect(Collectors.toSet());
            assertThat(types).contains("OpenMeasureCarriedOver", "MeasureBecameOverdue", "MeasureAdopted", "ProgressReported", "MeetingConvened",
                    "IssueRaised", "InstitutionRegistered", "BodyEstablished");
            for (HistoryEntry e : entries) {
                DomainEventMessage<?> recorded = byId.get(e.eventId());
                Object institution = recorded.getMetaData().get(MetaKeys.INSTITUTION);
                Object effective = recorded.getMetaData().get(MetaKeys.EFFECTIVE_AT);
                assertThat(e.institution()).as(e.type()).isEqualTo(institution == null ? HistoryEntry.SYSTEM : institution.toString());
                assertThat(e.effectiveAt()).as(e.type()).isEqualTo(effective == null ? recorded.getTimestamp() : java.time.Instant.parse(effective.toString()));
            }
            assertThat(entries).filteredOn(e -> e.type().equals("MeasureBecameOverdue")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.institution()).isEqualTo("system"));
            String carried = entries.stream().filter(e -> e.type().equals("OpenMeasureCarriedOver")).findFirst().orElseThrow().details().get("measureId")
                    .toString();
            assertThat(f.historyQueries.subject(new HistoryQueries.SubjectHistory(carried)))
                    .allSatisfy(e -> assertThat(e.effectiveAt()).isNotNull()).allSatisfy(e -> assertThat(e.institution()).isNotNull());

            // what the read model stores is the metadata as recorded, so it stays equal to a rebuild
            assertThat(f.collection(HistoryProjection.COLLECTION).find().into(new java.util.ArrayList<>()))
                    .anySatisfy(d -> assertThat(d.get("effectiveAt")).isNull());
        }
    }
}
