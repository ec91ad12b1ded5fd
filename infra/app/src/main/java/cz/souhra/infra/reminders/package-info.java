/**
 * E-mail reminders: before a measure's due date and when it becomes overdue (to the owner institution's
 * members), and a digest before each meeting (to the body's secretaries). Each reminder is claimed once
 * in a persisted collection before it is sent, so it goes out once per due date across restarts and nodes.
 */
package cz.souhra.infra.reminders;
