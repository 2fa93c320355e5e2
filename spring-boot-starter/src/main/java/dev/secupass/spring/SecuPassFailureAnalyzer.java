package dev.secupass.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a {@link SecuPassConfigurationException} as the start-up failure's description and action. */
final class SecuPassFailureAnalyzer extends AbstractFailureAnalyzer<SecuPassConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SecuPassConfigurationException cause) {
    return new FailureAnalysis("SecuPass cannot start. " + cause.getMessage(), cause.action(),
        cause);
  }
}
