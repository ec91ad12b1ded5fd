package cz.souhra.shared.model;

/**
 * Usnášeníschopnost: the share of member institutions that must be present. {@code strictlyMore} with 50
 * is the usual "more than half of the members".
 */
public record QuorumRule(int percent, boolean strictlyMore) {

    public static final QuorumRule MORE_THAN_HALF = new QuorumRule(50, true);

    public QuorumRule {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("quorum percent must be 0..100");
        }
    }

    public boolean isMet(long present, long members) {
        long scaledPresent = present * 100;
        long required = members * (long) percent;
        return strictlyMore ? scaledPresent > required : scaledPresent >= required;
    }

    /** The smallest number of present members that meets the rule. */
    public long required(long members) {
        for (long n = 0; n <= members; n++) {
            if (isMet(n, members)) {
                return n;
            }
        }
        return members + 1;
    }
}
