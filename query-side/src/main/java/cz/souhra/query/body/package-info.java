/**
 * The directory: institutions and bodies (platforms, working groups) with their members and secretaries, as read models and queries.
 */
package cz.souhra.query.body;
