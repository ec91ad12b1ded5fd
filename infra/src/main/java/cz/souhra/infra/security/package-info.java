/**
 * Security on by default: accounts as events plus hashed passwords, HTTP Basic for scripts and form login
 * with CSRF for browsers, ProblemDetail 401/403/429, login throttling, and the Actor every command carries.
 */
package cz.souhra.infra.security;
