/** Demo data of the Liberec region, recorded through the command side (only with souhra.demo=true). */
package cz.souhra.infra.demo;
