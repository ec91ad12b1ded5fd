/** Commands of user accounts and rights: who granted what to whom. */
package cz.souhra.shared.commands.user;
