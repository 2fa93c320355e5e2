package dev.secupass.spring;

/**
 * A setting the starter needs is missing or wrong. Its message names the property to set (or the
 * bean to define) in the application's words; it never holds a secret.
 */
public final class SecuPassConfigurationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String action;

  SecuPassConfigurationException(String problem, String action) {
    super(problem + ": " + action);
    this.action = action;
  }

  SecuPassConfigurationException(String problem, String action, Throwable cause) {
    super(problem + ": " + action, cause);
    this.action = action;
  }

  /** What to do about it. */
  public String action() {
    return action;
  }
}
