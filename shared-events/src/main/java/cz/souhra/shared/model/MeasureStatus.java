package cz.souhra.shared.model;

/** Life of a measure; the last four are final (nothing more may be reported). */
public enum MeasureStatus {
    ADOPTED, IN_PROGRESS, COMPLETED, VERIFIED, CANCELLED, SUPERSEDED;

    public boolean isFinal() {
        return this == VERIFIED || this == CANCELLED || this == SUPERSEDED;
    }
}
