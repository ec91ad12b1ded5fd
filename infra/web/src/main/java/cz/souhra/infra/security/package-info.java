/**
 * Security on by default. Accounts are event-sourced (the {@code UserAccount} aggregate records who
 * granted what to whom) and projected into the {@code users} collection, where the bcrypt hash is kept
 * beside them but never in the event stream. Scripts authenticate with HTTP Basic on {@code /api/**}
 * (stateless, no CSRF), browsers with a form, a session cookie and CSRF tokens; refusals are 401/403/429
 * problems. The {@link cz.souhra.shared.Actor} every command carries is built here, from the
 * authenticated principal only.
 */
package cz.souhra.infra.security;
