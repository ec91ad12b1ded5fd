/**
 * Machinery every projection shares: the pure fold contract ({@link cz.souhra.query.common.Projector}), views in memory and in MongoDB, the active generation of each read model, as-of replay from the event store, canonical JSON, paging and sorting, read rights and the ProblemDetail mapping of refused reads.
 */
package cz.souhra.query.common;
