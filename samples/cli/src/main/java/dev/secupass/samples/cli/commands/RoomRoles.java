package dev.secupass.samples.cli.commands;

import dev.secupass.api.RoomRole;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Room roles as people write them: {@code owner}, {@code manager}, {@code editor}, {@code viewer}. */
public final class RoomRoles implements ITypeConverter<RoomRole> {
  @Override
  public RoomRole convert(String value) {
    try {
      return RoomRole.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is no role: a role is owner, manager,"
          + " editor or viewer");
    }
  }
}
