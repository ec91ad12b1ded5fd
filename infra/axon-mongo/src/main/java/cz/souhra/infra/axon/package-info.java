/** Axon Framework on MongoDB: event store, token and saga stores, serializers, correlation of actor metadata. */
package cz.souhra.infra.axon;
