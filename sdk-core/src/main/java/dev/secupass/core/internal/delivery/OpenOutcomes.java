package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryExpiredException;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.DownloadLimitReachedException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyChangedException;
import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SignInRequiredException;
import dev.secupass.api.UnlockRequiredException;
import dev.secupass.api.WrongLinkTokenException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The audit outcome of a refused attempt to open a delivery, by the error that refused it. */
final class OpenOutcomes {
  private static final Map<Class<?>, String> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put(NotARecipientException.class, "not_recipient");
    NAMES.put(SignInRequiredException.class, "sign_in_required");
    NAMES.put(WrongLinkTokenException.class, "wrong_link_token");
    NAMES.put(DeliveryExpiredException.class, "expired");
    NAMES.put(DeliveryWithdrawnException.class, "withdrawn");
    NAMES.put(DownloadLimitReachedException.class, "download_limit");
    NAMES.put(NotReleasedException.class, "not_released");
    NAMES.put(SecuPassRequiredException.class, "secupass_required");
    NAMES.put(UnlockRequiredException.class, "unlock_required");
    NAMES.put(KeyChangedException.class, "key_changed");
    NAMES.put(InvalidSignatureException.class, "invalid_signature");
    NAMES.put(IntegrityException.class, "integrity");
    NAMES.put(NotFoundException.class, "not_found");
  }

  private OpenOutcomes() {}

  /** The outcome name of {@code error}: its type's name, or its class's for other errors. */
  static String of(RuntimeException error) {
    for (Map.Entry<Class<?>, String> name : NAMES.entrySet()) {
      if (name.getKey().isInstance(error)) {
        return name.getValue();
      }
    }
    String simple = error.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    return simple.substring(0, Math.min(64, simple.length()));
  }
}
