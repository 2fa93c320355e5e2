/**
 * Where the pages meet the SDK's SecuPass signals: the dialog that asks to choose or enter a
 * SecuPass, and the gate that turns the SDK's exceptions into it and continues the interrupted
 * action.
 */
@NullMarked
package dev.secupass.samples.web.secupass;

import org.jspecify.annotations.NullMarked;
