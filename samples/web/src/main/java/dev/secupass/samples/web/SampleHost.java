package dev.secupass.samples.web;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.samples.web.host.SampleDirectory;
import dev.secupass.spi.GuestStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * The host application's parts the web sample runs on: the SDK, the guest store of the same
 * storage (the host reads guests' addresses to write their mails), the host's own user directory,
 * and the clock and random source the SDK was built with.
 */
public record SampleHost(SecuPassSdk sdk, GuestStore guests, SampleDirectory directory,
    Clock clock, SecureRandom random) {
  public SampleHost {
    Objects.requireNonNull(sdk, "sdk");
    Objects.requireNonNull(guests, "guests");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
  }
}
