package cz.souhra.shared.model;

/** The tally of a voted resolution; resolutions adopted by consensus carry no votes. */
public record Votes(int inFavour, int against, int abstained) {
    public Votes {
        if (inFavour < 0 || against < 0 || abstained < 0) {
            throw new IllegalArgumentException("votes cannot be negative");
        }
    }
}
