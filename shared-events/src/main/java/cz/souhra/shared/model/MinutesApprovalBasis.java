package cz.souhra.shared.model;

/** Why draft minutes became final: every verifier confirmed the current draft, or the period ended without open objections. */
public enum MinutesApprovalBasis {
    ALL_CONFIRMED, PERIOD_ENDED
}
