package dev.secupass.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.core.observe.Operation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer's own test registry, which also checks that every observation is started, scoped and
 * stopped in order: each operation of the seed story is observed under its name, with every tag of
 * its operation and the outcome, and the storage calls of a send are its children.
 */
class ObservationConventionsTest {

  @Test
  void seedStory_observedByMicrometersTestRegistry(@TempDir Path dir) {
    TestObservationRegistry registry = TestObservationRegistry.create();
    new SeedStory().run(dir, MicrometerObserver.of(registry));

    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("secupass.unlock").that()
        .hasContextualNameEqualTo("secupass unlock")
        .hasBeenStarted().hasBeenStopped();
    TestObservationRegistryAssert.assertThat(registry)
        .hasAnObservation(o -> o.hasNameEqualTo("secupass.unlock")
            .hasLowCardinalityKeyValue("outcome", "failure")
            .hasLowCardinalityKeyValue("failure", "wrong_secupass")
            .doesNotHaveError())
        .hasAnObservation(o -> o.hasNameEqualTo("secupass.delivery.open")
            .hasLowCardinalityKeyValue("failure", "wrong_link_token")
            .hasLowCardinalityKeyValue("route", "link"))
        .hasAnObservation(o -> o.hasNameEqualTo("secupass.room.rotation")
            .hasLowCardinalityKeyValue("outcome", "success"))
        .hasNumberOfObservationsWithNameEqualTo("secupass.delivery.send", 2)
        .hasNumberOfObservationsWithNameEqualTo("secupass.activation", 4);

    TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(
        contexts -> {
          for (Operation operation : Operation.values()) {
            List<String> keys = operation.tags().stream().map(t -> t.key()).sorted().toList();
            List<Observation.Context> ofOperation = contexts.stream()
                .filter(c -> c.getName().equals(operation.observationName())).toList();
            assertThat(ofOperation).as(operation.observationName()).isNotEmpty();
            for (Observation.Context context : ofOperation) {
              assertThat(context.getLowCardinalityKeyValues().stream()
                  .map(kv -> kv.getKey()).sorted().toList()).isEqualTo(keys);
              assertThat(context.getHighCardinalityKeyValues()).isEmpty();
              assertThat(context.getLowCardinalityKeyValue("outcome").getValue())
                  .isIn("success", "failure");
            }
          }
          List<Observation.Context> sends = contexts.stream()
              .filter(c -> c.getName().equals("secupass.delivery.send")).toList();
          assertThat(contexts.stream()
              .filter(c -> c.getParentObservation() != null
                  && sends.contains(c.getParentObservation().getContextView()))
              .map(Observation.Context::getName))
              .contains("secupass.storage", "secupass.blob");
        });
    assertThat(Arrays.stream(Operation.values()).map(Operation::observationName))
        .allMatch(name -> name.startsWith("secupass."));
  }
}
