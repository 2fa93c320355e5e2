/**
 * The server-rendered pages: plain HTML with escaped text, one class per area, no inline script.
 */
@NullMarked
package dev.secupass.samples.web.pages;

import org.jspecify.annotations.NullMarked;
