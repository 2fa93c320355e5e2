package dev.secupass.spring;

import dev.secupass.core.SecuPassSdk;

/**
 * Adjusts the {@link SecuPassSdk.Builder} after the starter applied the {@code secupass.*}
 * properties and the storage, blob store and at-rest key beans, just before the SDK is built:
 * for settings that have no property (a clock, an unlock-attempt listener, a grant executor).
 * Customizer beans run in their {@code @Order}.
 */
@FunctionalInterface
public interface SecuPassSdkBuilderCustomizer {

  /** Changes {@code builder} in place. */
  void customize(SecuPassSdk.Builder builder);
}
