package cz.souhra.shared.ids;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fixed list of regions (kraje) a body, institution, issue or measure may belong to: the 14 Czech
 * regions. The code Souhra uses is the regions' customary three-letter abbreviation (LBK, ULK …), kept
 * beside the ISO 3166-2:CZ subdivision and the CZ-NUTS 3 code it stands for.
 *
 * <p>A command naming any other code is refused before an event exists, so a typo never opens a region.
 * {@link RegionCode} itself stays a plain code: events recorded by earlier versions are read as they are.
 * The ledger's {@code _global} chain (events without a region, such as user accounts) is not a region and
 * cannot be named by a command.
 */
public enum Region {
    PHA("CZ-10", "CZ010", "Hlavní město Praha"),
    STC("CZ-20", "CZ020", "Středočeský kraj"),
    JHC("CZ-31", "CZ031", "Jihočeský kraj"),
    PLK("CZ-32", "CZ032", "Plzeňský kraj"),
    KVK("CZ-41", "CZ041", "Karlovarský kraj"),
    ULK("CZ-42", "CZ042", "Ústecký kraj"),
    LBK("CZ-51", "CZ051", "Liberecký kraj"),
    HKK("CZ-52", "CZ052", "Královéhradecký kraj"),
    PAK("CZ-53", "CZ053", "Pardubický kraj"),
    VYS("CZ-63", "CZ063", "Kraj Vysočina"),
    JHM("CZ-64", "CZ064", "Jihomoravský kraj"),
    OLK("CZ-71", "CZ071", "Olomoucký kraj"),
    ZLK("CZ-72", "CZ072", "Zlínský kraj"),
    MSK("CZ-80", "CZ080", "Moravskoslezský kraj");

    private final String iso;
    private final String nuts;
    private final String nameCs;

    Region(String iso, String nuts, String nameCs) {
        this.iso = iso;
        this.nuts = nuts;
        this.nameCs = nameCs;
    }

    /** The code commands and events carry (e.g. {@code LBK}). */
    public String code() {
        return name();
    }

    public String iso() {
        return iso;
    }

    public String nuts() {
        return nuts;
    }

    public String nameCs() {
        return nameCs;
    }

    public RegionCode regionCode() {
        return RegionCode.of(name());
    }

    /** The region with this exact code; a lower-case or ISO/NUTS spelling is not a code. */
    public static Optional<Region> byCode(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }

    public static boolean isKnown(RegionCode code) {
        return code != null && byCode(code.value()).isPresent();
    }
}
