/**
 * The issue register: concerns raised in a region, their category, status, links to agenda items and the measures that address them; filtered, paged, as of an instant.
 */
package cz.souhra.query.issue;
