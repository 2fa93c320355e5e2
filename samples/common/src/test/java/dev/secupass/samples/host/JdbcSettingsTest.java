package dev.secupass.samples.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The database password never shows, whether given apart or inside the URL. */
class JdbcSettingsTest {

  @Test
  void passwordsInTheUrlOrApart_neverAppearInWhatIsShown() {
    JdbcSettings settings = new JdbcSettings(
        "jdbc:postgresql://db.example:5432/secupass?ssl=true&password=hunter22&sslpassword=k3y",
        "secupass", "apart-secret", "sp_");

    assertThat(settings.displayUrl()).isEqualTo(
        "jdbc:postgresql://db.example:5432/secupass?ssl=true&password=***&sslpassword=***");
    assertThat(settings.url()).contains("hunter22");
    for (String shown : new String[] {settings.toString(),
        new DriverDataSource(settings).toString()}) {
      assertThat(shown).contains("db.example")
          .doesNotContain("hunter22", "k3y", "apart-secret");
    }
  }
}
