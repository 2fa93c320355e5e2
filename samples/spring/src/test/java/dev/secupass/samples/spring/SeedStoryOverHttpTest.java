package dev.secupass.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample application on a random port, driven over real HTTP through the seed story: Alice
 * activates and sends a level-3 delivery to a new guest; the guest finds the invitation in her mail,
 * registers and chooses a SecuPass; Alice's next unlock fulfils the grant; the guest opens the
 * file. Once on the embedded default, once on PostgreSQL; and the health and metrics endpoints
 * show the SDK.
 */
class SeedStoryOverHttpTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] FAST_KDF = {"--secupass.kdf.memory-kib=64",
      "--secupass.kdf.iterations=1", "--secupass.kdf.allow-weak-parameters-for-tests=true",
      "--secupass.events.relay.interval=50ms", "--server.port=0"};

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void onTheEmbeddedDefault() throws Exception {
    try (ConfigurableApplicationContext app = start("--sample.data-dir=" + data)) {
      play(port(app), run());
    }
  }

  @Test
  void onPostgresql() throws Exception {
    String prefix = "spring_sample_" + run() + "_";
    try (ConfigurableApplicationContext app = start("--spring.profiles.active=postgres",
        "--sample.data-dir=" + data, "--secupass.storage.table-prefix=" + prefix)) {
      play(port(app), run());
      JsonNode health = get(port(app), "/actuator/health");
      assertThat(health.at("/components/secuPassStorage/details/database").asString())
          .containsIgnoringCase("postgres");
    } finally {
      dropTables(prefix);
    }
  }

  private void play(int port, String run) throws Exception {
    String alice = "alice-" + run;
    String gina = "gina-" + run + "@example.org";
    post(port, "/api/users/" + alice + "/secupass", "{\"secuPass\": \"alice's long SecuPass\"}");

    JsonNode sent = post(port, "/api/users/" + alice + "/deliveries", """
        {"secuPass": "alice's long SecuPass", "to": "%s", "subject": "Contract",
         "message": "Please sign by Friday.", "fileName": "contract.txt",
         "fileText": "The parties agree."}""".formatted(gina));
    String delivery = sent.get("delivery").asString();
    assertThat(sent.get("awaitingSecuPass").get(0).asString()).isEqualTo(gina);

    String invitation = awaitInvitation(port, gina);
    JsonNode guest = post(port, "/api/guests", """
        {"invitation": "%s", "username": "gina-%s", "password": "gina's password"}"""
        .formatted(invitation, run));
    String ginaUser = guest.get("user").asString();
    post(port, "/api/users/" + ginaUser + "/secupass", "{\"secuPass\": \"gina's SecuPass!\"}");
    assertThat(state(port, alice, delivery)).isEqualTo("awaiting-grant");

    JsonNode unlocked = post(port, "/api/users/" + alice + "/unlock",
        "{\"secuPass\": \"alice's long SecuPass\"}");
    // The default first-contact policy holds a level-3 release until Alice compares Gina's words.
    assertThat(state(port, alice, delivery)).isEqualTo("awaiting-grant");
    JsonNode held = unlocked.at("/awaitingConfirmation/0");
    assertThat(held.get("recipient").asString()).isEqualTo(gina);
    String words = get(port, "/api/users/" + ginaUser + "/safety-words").get("safetyWords")
        .asString();
    assertThat(held.get("safetyWords").asString()).isEqualTo(words);
    // The held release is a ready grant in the cluster's backlog gauge.
    assertThat(get(port, "/actuator/metrics/secupass.grants.pending?tag=state:ready")
        .at("/measurements/0/value").asDouble()).isEqualTo(1.0);
    post(port, "/api/users/" + alice + "/grants/" + held.get("grant").asString() + "/confirm",
        "{\"secuPass\": \"alice's long SecuPass\", \"safetyWords\": \"%s\"}".formatted(words));
    assertThat(state(port, alice, delivery)).isEqualTo("can-open");

    JsonNode opened = post(port, "/api/deliveries/" + delivery + "/open", """
        {"username": "gina-%s", "password": "gina's password", "secuPass": "gina's SecuPass!"}"""
        .formatted(run));
    assertThat(opened.get("subject").asString()).isEqualTo("Contract");
    assertThat(opened.get("message").asString()).isEqualTo("Please sign by Friday.");
    assertThat(opened.at("/files/0/name").asString()).isEqualTo("contract.txt");
    assertThat(opened.at("/files/0/text").asString()).isEqualTo("The parties agree.");

    HttpResponse<String> wrong = send(port, "/api/deliveries/" + delivery + "/open", """
        {"username": "gina-%s", "password": "gina's password", "secuPass": "not hers at all"}"""
        .formatted(run));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).doesNotContain("not hers at all");

    JsonNode health = get(port, "/actuator/health");
    assertThat(health.at("/components/secuPassStorage/status").asString()).isEqualTo("UP");
    assertThat(health.at("/components/secuPassBlobStore/status").asString()).isEqualTo("UP");
    assertThat(health.at("/components/secuPassKeyLog/status").asString()).isEqualTo("UP");
    // Alice's and Gina's keys.
    assertThat(health.at("/components/secuPassKeyLog/details/entries").asLong()).isEqualTo(2);
    assertThat(get(port, "/actuator/metrics/secupass.delivery.send").at("/measurements/0/value")
        .asDouble()).isEqualTo(1.0);
  }

  private String awaitInvitation(int port, String address) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode mail : get(port, "/api/mail?address=" + address)) {
        if (mail.hasNonNull("invitation")) {
          return mail.get("invitation").asString();
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no invitation mail for " + address + " within 30 seconds");
  }

  private String state(int port, String sender, String delivery) throws Exception {
    return get(port, "/api/users/" + sender + "/deliveries/" + delivery + "/recipients")
        .get(0).get("state").asString();
  }

  private JsonNode post(int port, String path, String body) throws Exception {
    HttpResponse<String> response = send(port, path, body);
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(int port, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(port, path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, path)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static ConfigurableApplicationContext start(String... args) {
    List<String> all = new ArrayList<>(List.of(FAST_KDF));
    all.addAll(List.of(args));
    return SpringApplication.run(SpringSampleApplication.class, all.toArray(new String[0]));
  }

  private static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
  }

  private static String run() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void dropTables(String prefix) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test",
        "postgres", "")) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, prefix + "%",
          new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      try (Statement s = c.createStatement()) {
        for (String table : tables) {
          s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
        }
      }
    }
  }
}
