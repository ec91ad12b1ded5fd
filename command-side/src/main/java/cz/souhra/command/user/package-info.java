/**
 * User accounts as an event-sourced record: who registered whom, who granted or revoked which right,
 * when a password changed (never the hash) and who disabled an account. Only administrators change
 * accounts, except the system creating the first administrator and users changing their own password.
 */
package cz.souhra.command.user;
