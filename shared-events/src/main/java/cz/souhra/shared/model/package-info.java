/** Value types shared by events, commands and read models (quorum rule, attendance, votes, categories). */
package cz.souhra.shared.model;
