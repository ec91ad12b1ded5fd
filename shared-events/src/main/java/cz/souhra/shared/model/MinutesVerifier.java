package cz.souhra.shared.model;

import cz.souhra.shared.ids.InstitutionId;

/**
 * A minutes verifier (ověřovatel zápisu): an institution present at the meeting and the person who attended
 * for it (its delegate or substitute, as on the attendance sheet; null when the sheet names nobody). Any
 * account of that institution confirms or objects for it.
 */
public record MinutesVerifier(InstitutionId institution, String name) {}
