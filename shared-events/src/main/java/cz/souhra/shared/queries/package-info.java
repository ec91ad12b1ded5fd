/** Typed queries and the immutable views they answer with. */
package cz.souhra.shared.queries;
