package dev.secupass.core.internal.keys;

import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SecuPass;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the SDK's internals read what a person typed. {@link SecuPass} and {@link Password} keep
 * their characters private and hand their bytes to nobody public; each registers its reader here
 * when its class is initialised (before any instance exists), and the key derivation reads through
 * it. Each reader is registered once.
 */
public final class TypedSecrets {
  private static volatile @Nullable Function<SecuPass, byte[]> secuPasses;
  private static volatile @Nullable Function<Password, byte[]> passwords;

  private TypedSecrets() {}

  /** Called by {@link SecuPass}'s class initialiser. */
  public static synchronized void registerSecuPasses(Function<SecuPass, byte[]> reader) {
    if (secuPasses != null) {
      throw new IllegalStateException("the SecuPass reader is registered already");
    }
    secuPasses = Objects.requireNonNull(reader, "reader");
  }

  /** Called by {@link Password}'s class initialiser. */
  public static synchronized void registerPasswords(Function<Password, byte[]> reader) {
    if (passwords != null) {
      throw new IllegalStateException("the password reader is registered already");
    }
    passwords = Objects.requireNonNull(reader, "reader");
  }

  /** The SecuPass as NFC-normalised UTF-8, in a new array the caller wipes. */
  public static byte[] utf8(SecuPass secuPass) {
    return Objects.requireNonNull(secuPasses, "SecuPass not initialised").apply(secuPass);
  }

  /** The password as NFC-normalised UTF-8, in a new array the caller wipes. */
  public static byte[] utf8(Password password) {
    return Objects.requireNonNull(passwords, "Password not initialised").apply(password);
  }
}
