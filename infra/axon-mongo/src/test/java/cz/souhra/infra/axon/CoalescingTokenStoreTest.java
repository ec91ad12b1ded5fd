package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.junit.jupiter.api.Test;

class CoalescingTokenStoreTest {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Recording delegate = new Recording();
    private final CoalescingTokenStore store = new CoalescingTokenStore(delegate, INTERVAL, now::get);

    @Test
    void given_tokens_stored_within_the_interval_when_the_interval_has_passed_then_only_the_first_and_the_latest_are_written() {
        store.storeToken(token(1), "measures", 0);
        store.storeToken(token(2), "measures", 0);
        store.storeToken(token(3), "measures", 0);
        later(INTERVAL.plusMillis(1));
        store.storeToken(token(4), "measures", 0);

        assertThat(delegate.calls).containsExactly("store measures/0 1", "store measures/0 4");
    }

    @Test
    void given_a_kept_token_when_the_processor_releases_its_claim_then_the_token_is_written_before_the_release() {
        store.storeToken(token(1), "measures", 1);
        store.storeToken(token(2), "measures", 1);

        store.releaseClaim("measures", 1);

        assertThat(delegate.calls).containsExactly("store measures/1 1", "store measures/1 2", "release measures/1");
    }

    @Test
    void given_a_kept_token_when_the_idle_processor_extends_its_claim_then_the_token_is_written_in_its_place() {
        store.storeToken(token(1), "history", 0);
        store.storeToken(token(2), "history", 0);

        later(Duration.ofSeconds(1)); // the processor extends after a second without events
        store.extendClaim("history", 0);
        later(Duration.ofSeconds(1));
        store.extendClaim("history", 0);

        assertThat(delegate.calls).containsExactly("store history/0 1", "store history/0 2", "extend history/0");
    }

    @Test
    void given_a_busy_processor_when_each_batch_extends_the_claim_within_the_interval_then_only_the_due_writes_reach_the_store() {
        store.extendClaim("measures", 0); // first batch after the claim
        for (int batch = 1; batch <= 10; batch++) {
            store.storeToken(token(batch), "measures", 0);
            later(Duration.ofMillis(20));
            store.extendClaim("measures", 0);
        }
        later(INTERVAL);
        store.extendClaim("measures", 0);

        assertThat(delegate.calls).containsExactly("extend measures/0", "store measures/0 10");
    }

    @Test
    void given_a_kept_token_when_the_claim_is_fetched_again_then_the_store_answers_with_the_kept_token() {
        store.storeToken(token(1), "issues", 0);
        store.storeToken(token(7), "issues", 0);

        assertThat(store.fetchToken("issues", 0)).isEqualTo(token(7));
    }

    @Test
    void given_a_claim_taken_by_another_process_when_the_next_write_is_due_then_the_processor_learns_it() {
        store.storeToken(token(1), "meetings", 0);
        delegate.claimLost = true;
        store.storeToken(token(2), "meetings", 0); // kept: nothing asked of the store yet
        later(INTERVAL.plusMillis(1));

        assertThatThrownBy(() -> store.storeToken(token(3), "meetings", 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void given_a_kept_token_and_a_claim_lost_meanwhile_when_the_processor_releases_then_the_release_goes_through_without_the_token() {
        store.storeToken(token(1), "measures", 0);
        store.storeToken(token(2), "measures", 0);
        delegate.claimLost = true;

        store.releaseClaim("measures", 0);
        delegate.claimLost = false;
        store.releaseClaim("measures", 0);

        assertThat(delegate.calls).containsExactly("store measures/0 1", "release measures/0", "release measures/0");
    }

    @Test
    void given_a_token_written_just_now_when_a_reset_stores_a_replay_token_then_it_is_written_at_once_and_the_replay_coalesced() {
        store.storeToken(token(5), "measures", 0);

        store.storeToken(org.axonframework.eventhandling.ReplayToken.createReplayToken(token(5)), "measures", 0);
        store.storeToken(org.axonframework.eventhandling.ReplayToken.createReplayToken(token(5), token(1)), "measures", 0);

        assertThat(delegate.calls).hasSize(2).first().isEqualTo("store measures/0 5");
        assertThat(delegate.tokens.get("measures/0")).isInstanceOf(org.axonframework.eventhandling.ReplayToken.class);
    }

    @Test
    void given_two_segments_when_each_stores_within_the_interval_then_each_first_token_is_written() {
        store.storeToken(token(1), "directory", 0);
        store.storeToken(token(2), "directory", 1);
        store.storeToken(token(3), "directory", 0);

        assertThat(delegate.calls).containsExactly("store directory/0 1", "store directory/1 2");
    }

    @Test
    void given_a_kept_token_when_the_segment_is_deleted_then_the_kept_token_is_not_written_later() {
        store.storeToken(token(1), "ledger", 0);
        store.storeToken(token(2), "ledger", 0);

        store.deleteToken("ledger", 0);
        store.releaseClaim("ledger", 0);

        assertThat(delegate.calls).containsExactly("store ledger/0 1", "delete ledger/0", "release ledger/0");
    }

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private static TrackingToken token(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    /** The calls a token store receives, in order; its tokens as the last one stored per segment. */
    private static final class Recording implements TokenStore {
        final List<String> calls = new ArrayList<>();
        final java.util.Map<String, TrackingToken> tokens = new java.util.HashMap<>();
        boolean claimLost;

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            if (claimLost) {
                throw new UnableToClaimTokenException("claimed by another node");
            }
            calls.add("store " + processorName + "/" + segment + " " + (token instanceof GlobalSequenceTrackingToken g ? g.getGlobalIndex() : token.getClass().getSimpleName()));
            tokens.put(processorName + "/" + segment, token);
        }

        @Override
        public TrackingToken fetchToken(String processorName, int segment) {
            calls.add("fetch " + processorName + "/" + segment);
            return tokens.get(processorName + "/" + segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            calls.add("extend " + processorName + "/" + segment);
        }

        @Override
        public void releaseClaim(String processorName, int segment) {
            calls.add("release " + processorName + "/" + segment);
        }

        @Override
        public void deleteToken(String processorName, int segment) {
            calls.add("delete " + processorName + "/" + segment);
        }

        @Override
        public int[] fetchSegments(String processorName) {
            return new int[] {0, 1};
        }
    }
}
