/**
 * The web sample: a small web application that embeds the SDK the way a host portal would and plays
 * every role of the seed story in the browser ({@code docs/web-sample.md}). {@link
 * dev.secupass.samples.web.WebMain} starts it on the embedded default; {@link
 * dev.secupass.samples.web.WebSample} is the running server.
 */
@NullMarked
package dev.secupass.samples.web;

import org.jspecify.annotations.NullMarked;
