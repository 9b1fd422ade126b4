/**
 * Administration in the browser: the accounts (create, disable, enable, reset the second factor,
 * change role and unit), each change on the audit record under the administrator's name exactly
 * as the command line's {@code vigie user} records its own.
 */
package fr.vigie.app.administration;
