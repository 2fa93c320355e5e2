/**
 * The SDK's server role for clients that hold their own keys (a browser running the browser
 * client, or any endpoint speaking {@code docs/format.md}): {@link
 * dev.secupass.core.relay.ClientRelay}, reached through {@code SecuPassSdk.relay()}. It stores
 * and relays what such clients make and checks every signature and structure that can be checked
 * without a key; it never holds a SecuPass, a private key or plaintext. {@code
 * docs/client-exchange.md} describes the exchange a host maps onto its HTTP routes.
 */
@NullMarked
package dev.secupass.core.relay;

import org.jspecify.annotations.NullMarked;
