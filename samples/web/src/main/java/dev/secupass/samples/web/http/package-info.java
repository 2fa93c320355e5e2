/**
 * HTTP details with a security job: response headers, streamed file downloads with ranges, raw
 * uploads, and the encrypted spool where uploads wait until their delivery is sent.
 */
@NullMarked
package dev.secupass.samples.web.http;

import org.jspecify.annotations.NullMarked;
