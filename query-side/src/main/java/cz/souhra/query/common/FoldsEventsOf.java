package cz.souhra.query.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The aggregates whose events a projection folds, by their sealed event families (e.g. {@code IssueEvent}).
 * {@code ProjectionsAreExhaustiveTest} fails when an event of a named family is handled nowhere in the
 * projection's package and not listed in {@link #ignores()}: a new event cannot be dropped by a read model
 * without a word.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FoldsEventsOf {

    Class<?>[] value();

    /** Events of those families this read model deliberately does not need, each with why. */
    Ignored[] ignores() default {};

    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Ignored {
        Class<?> event();

        String because();
    }
}
