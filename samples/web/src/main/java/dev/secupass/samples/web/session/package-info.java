/**
 * Server-side web sessions (who signed in, their SecuPass session, opened deliveries, uploads) and
 * the CSRF check.
 */
@NullMarked
package dev.secupass.samples.web.session;

import org.jspecify.annotations.NullMarked;
