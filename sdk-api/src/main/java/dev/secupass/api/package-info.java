/**
 * Domain values shared by the SDK and its storage adapters (identifiers, principal kinds, security
 * levels, key versions, fingerprints) and the SDK's exception hierarchy rooted at
 * {@link dev.secupass.api.SecuPassException}.
 */
@NullMarked
package dev.secupass.api;

import org.jspecify.annotations.NullMarked;
