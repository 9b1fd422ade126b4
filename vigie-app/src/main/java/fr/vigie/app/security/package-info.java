/**
 * Who may sign in and what each role may do. Owns the tables {@code users},
 * {@code user_recovery_codes} and {@code api_tokens}.
 */
package fr.vigie.app.security;
