package cz.souhra.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cz.souhra.shared.queries.Viewer;

/**
 * Search as of a past instant: the records as they stood then (a resolution not yet written is not found, an agenda
 * item removed since is), an attachment from the moment it was added with the text the live index read, and the
 * reader's rights as for the present index.
 */
class SearchAsOfTest {

    final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    final List<DomainEventMessage<?>> events = AttachmentSearchTest.story();
    final SearchIndex live = AttachmentSearchTest.built(events, AttachmentSearchTest.TEXTS);
    final SearchAsOf past = new SearchAsOf(store, live, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    SearchAsOfTest() {
        events.forEach(store::publish);
    }

    @AfterEach
    void close() {
        live.close();
        store.shutDown();
    }

    long found(String q, Viewer viewer, Instant asOf) {
        return past.search(SearchService.request(q, null, null, null, null, null, null, null), viewer, asOf).total();
    }

    @Test
    void a_past_search_finds_the_texts_of_that_time_and_not_what_came_later() {
        Instant beforeRemoval = SearchIndexTest.T0.plusSeconds(6);
        Instant beforeResolution = SearchIndexTest.T0.plusSeconds(10);
        // the agenda item removed at T0+7 was there before
        SearchRequest agendaItem = SearchService.request("cizinecká", "AGENDA_ITEM", null, null, null, null, null, null);
        assertThat(past.search(agendaItem, Viewer.EVERYTHING, beforeRemoval).total()).isEqualTo(1);
        assertThat(live.search(agendaItem, Viewer.EVERYTHING).total()).isZero();
        // the resolution (T0+11) was not written yet
        assertThat(found("zavedl", Viewer.EVERYTHING, beforeResolution)).isZero();
        assertThat(found("zavedl", Viewer.EVERYTHING, SearchIndexTest.T0.plusSeconds(11))).isEqualTo(1);
        // the measure did not exist before T0+9
        assertThat(found("Vratislavice", Viewer.EVERYTHING, SearchIndexTest.T0.plusSeconds(8))).isZero();
    }

    @Test
    void an_attachment_is_found_by_its_text_from_the_moment_it_was_added_by_the_readers_of_its_parent() {
        Instant added = SearchIndexTest.T0.plusSeconds(1000);
        assertThat(found("Ruprechtice", Viewer.EVERYTHING, added.minusSeconds(1))).isZero();
        assertThat(found("Ruprechtice", Viewer.EVERYTHING, added)).isEqualTo(1);
        assertThat(found("Ruprechtice", SearchIndexTest.LIBEREC_MEMBER, added)).isEqualTo(1);
        assertThat(found("Ruprechtice", SearchIndexTest.USTI_MEMBER, added)).isZero();
        assertThat(found("ubytovna", SearchIndexTest.USTI_MEMBER, added)).isEqualTo(1);
    }
}
