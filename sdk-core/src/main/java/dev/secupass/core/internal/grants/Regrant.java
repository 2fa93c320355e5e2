package dev.secupass.core.internal.grants;

import dev.secupass.api.UserId;
import dev.secupass.spi.GrantTarget;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A target to grant again to a user after their reset, and who can grant it.
 *
 * @param target the delivery or room
 * @param granter who fulfils it, or {@code null} for any owner or manager of a room
 */
public record Regrant(GrantTarget target, @Nullable UserId granter) {
  public Regrant {
    Objects.requireNonNull(target, "target");
    if (granter == null && target.kind() != GrantTarget.Kind.ROOM) {
      throw new IllegalArgumentException("only room grants may leave the granter open");
    }
  }
}
