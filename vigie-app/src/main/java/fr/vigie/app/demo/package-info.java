/**
 * The demo: a deterministic synthetic data set, generated in code and stored once through the
 * features' public services. Only documentation IP ranges, reserved example domains, fictional
 * phone numbers and invented people.
 */
package fr.vigie.app.demo;
