package dev.secupass.samples.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileResponseTest {
  @Test
  void disposition_isAlwaysAnAttachment_withAnAsciiFallbackAndTheUtf8Name() {
    assertThat(FileResponse.disposition("Vertrag für Zoë.pdf")).isEqualTo(
        "attachment; filename=\"Vertrag f_r Zo_.pdf\";"
            + " filename*=UTF-8''Vertrag%20f%C3%BCr%20Zo%C3%AB.pdf");
  }

  @Test
  void disposition_cannotBeBrokenOutOfByQuotesOrSemicolons() {
    assertThat(FileResponse.disposition("a\"; filename=evil.html"))
        .startsWith("attachment; filename=\"a__ filename=evil.html\";")
        .endsWith("filename*=UTF-8''a%22%3B%20filename%3Devil.html");
  }
}
