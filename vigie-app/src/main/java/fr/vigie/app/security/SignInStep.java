package fr.vigie.app.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method of the sign-in sequence after the password (second factor,
 * enrolment): open to someone whose password was accepted but who holds no role yet. The filter
 * chain, not the permission matrix, guards these.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SignInStep {}
