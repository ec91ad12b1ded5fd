package cz.souhra.shared.model;

/** Kinds of member institutions of ../shared/demo/taxonomy.json. */
public enum InstitutionKind {
    REGION_OFFICE, MUNICIPALITY, LABOUR_OFFICE, OAMP, POLICE, FOREIGN_POLICE, LABOUR_INSPECTORATE,
    SCHOOL_SERVICE, UNIVERSITY, NGO, EMPLOYER, CPIC
}
