package dev.secupass.samples.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Steps of the story over plain HTTP, shared by the endpoint tests. */
public final class Steps {
  private Steps() {}

  /** Uploads {@code content} as {@code name} and sends it; returns the delivery id. */
  public static String send(WebClient client, int level, String to, String subject, String name,
      String content, Map<String, String> secuPass) {
    client.open("/compose");
    WebClient.Page uploaded = client.upload("/spool", name,
        () -> new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), true);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
    Map<String, String> form = new LinkedHashMap<>(Map.of("to", to, "level",
        String.valueOf(level), "subject", subject, "message", "Please read.", "days", "7",
        "file", uploaded.body()));
    form.putAll(secuPass);
    WebClient.Page sent = client.post("/send", form);
    assertThat(sent.status()).as(sent.body()).isEqualTo(303);
    assertThat(sent.location()).startsWith("/outbox/");
    return sent.location().substring("/outbox/".length());
  }

  /** Chooses a SecuPass through the dialog's form; the session keeps it unlocked. */
  public static void chooseSecuPass(WebClient client, String secuPass) {
    Map<String, String> form = new LinkedHashMap<>(activate(secuPass));
    form.put("next", "/settings");
    WebClient.Page page = client.post("/secupass", form);
    assertThat(page.status()).as(page.body()).isEqualTo(303);
  }

  /** The dialog fields that activate a SecuPass. */
  public static Map<String, String> activate(String secuPass) {
    return Map.of("secupass_mode", "activate", "secupass", secuPass, "secupass_confirm",
        secuPass);
  }

  /** The dialog fields that unlock a SecuPass. */
  public static Map<String, String> unlock(String secuPass) {
    return Map.of("secupass_mode", "unlock", "secupass", secuPass);
  }
}
