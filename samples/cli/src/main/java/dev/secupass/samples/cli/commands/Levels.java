package dev.secupass.samples.cli.commands;

import dev.secupass.api.SecurityLevel;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Security levels as people write and read them: {@code 3}, {@code secret}, "level 3 (secret)". */
public final class Levels implements ITypeConverter<SecurityLevel> {

  /** {@code "level 3 (secret)"}. */
  public static String describe(SecurityLevel level) {
    return "level " + level.number() + " ("
        + level.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
  }

  /** Parses 1-4 or a name: {@code link}, {@code login}, {@code secret}, {@code top-secret}. */
  @Override
  public SecurityLevel convert(String value) {
    String text = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      if (text.length() == 1 && Character.isDigit(text.charAt(0))) {
        return SecurityLevel.of(text.charAt(0) - '0');
      }
      return SecurityLevel.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is no level: a level is 1-4 or link,"
          + " login, secret, top-secret");
    }
  }
}
