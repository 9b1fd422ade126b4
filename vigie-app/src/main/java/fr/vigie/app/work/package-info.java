/**
 * "Mon travail": one page that gathers, for an investigator or a supervisor, their open cases,
 * their tasks (overdue first) and the reports given to their unit or to them. Read-only; it
 * owns no table and reads through the public services of cases and intake.
 */
package fr.vigie.app.work;
