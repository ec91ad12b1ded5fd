package cz.souhra.shared.model;

/** Issue categories of ../shared/demo/taxonomy.json; codes go into events, labels are shown. */
public enum IssueCategory {
    ILLEGAL_MIGRATION, AGENCY_EMPLOYMENT, DORMITORY_TENSIONS, INDUSTRIAL_ZONES, EXCLUDED_LOCALITIES, SECURITY,
    SCHOOLS, HUMAN_TRAFFICKING, RESIDENCE_LAW, LABOUR_INSPECTION, MAJORITY_MOOD, REFUGEES_UKRAINE, OTHER
}
