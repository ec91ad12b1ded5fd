package cz.souhra.command.validation;

import java.util.Optional;

/** Where the validator learns whether an id names a record of some kind (and whether it still acts). */
@FunctionalInterface
public interface References {

    /** The record with this aggregate id, or empty when no record has it. */
    Optional<Known> find(String id);
}
