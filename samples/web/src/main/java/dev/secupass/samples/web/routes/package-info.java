/**
 * The sample's routes, one class per area, and the mapping of what they throw to dialogs, redirects
 * and error pages.
 */
@NullMarked
package dev.secupass.samples.web.routes;

import org.jspecify.annotations.NullMarked;
