/**
 * The published language of Souhra: events (facts, past tense), commands (verb + noun), queries and
 * their results, typed ids. Plain records only, so that every module and every external verifier can
 * read the record without our code.
 */
package cz.souhra.shared;
