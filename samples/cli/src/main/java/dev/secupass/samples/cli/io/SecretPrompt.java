package dev.secupass.samples.cli.io;

import java.io.Console;
import org.jspecify.annotations.Nullable;

/** Where the app asks a person to type a secret. */
@FunctionalInterface
public interface SecretPrompt {
  /**
   * Asks for a secret without echoing it.
   *
   * @param prompt what to show, such as {@code "alice's SecuPass: "}
   * @return the characters typed (the caller wipes them), or {@code null} if there is no one to
   *     ask (no console) or input ended
   */
  char @Nullable [] read(String prompt);

  /** Whether the process runs on a terminal (Java 17: it has a console). */
  @SuppressWarnings("SystemConsoleNull")
  static boolean hasTerminal() {
    return System.console() != null;
  }

  /** The process's console, if it has one ({@link Console#readPassword} turns echo off). */
  // Built for Java 17, where a null console means no terminal. From Java 22 on the console is never
  // null, and readPassword reads a line from standard input when it is not a terminal.
  @SuppressWarnings("SystemConsoleNull")
  static SecretPrompt console() {
    return prompt -> {
      Console console = System.console();
      return console == null ? null : console.readPassword("%s", prompt);
    };
  }
}
