package dev.secupass.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No observation name, span name, tag key or tag value, nor any meter name, tag or description,
 * holds the SecuPass, a user's id, name part or address, a file name, a subject or message, a room
 * name, a delivery or room id, or a link token: the seed story's every one is searched for.
 */
class NothingSecretObservedTest {

  @Test
  void seedStory_noObservationOrMeter_holdsASecretNameAddressOrId(@TempDir Path dir) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<String> seen = new ArrayList<>();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(meters))
        .observationHandler(new SecuPassCountsHandler(meters))
        .observationHandler(new ObservationHandler<>() {
          @Override
          public void onStop(Observation.Context context) {
            seen.add(context.getName());
            seen.add(String.valueOf(context.getContextualName()));
            for (KeyValue keyValue : context.getAllKeyValues()) {
              seen.add(keyValue.getKey());
              seen.add(keyValue.getValue());
            }
          }

          @Override
          public boolean supportsContext(Observation.Context context) {
            return true;
          }
        });
    SeedStory story = new SeedStory();
    story.run(dir, MicrometerObserver.of(observations));

    for (Meter meter : meters.getMeters()) {
      seen.add(meter.getId().getName());
      seen.add(String.valueOf(meter.getId().getDescription()));
      for (Tag tag : meter.getId().getTags()) {
        seen.add(tag.getKey());
        seen.add(tag.getValue());
      }
    }
    assertThat(seen).hasSizeGreaterThan(500);
    for (String secret : story.secrets) {
      String lower = secret.toLowerCase(Locale.ROOT);
      assertThat(seen).as("what observations showed, searched for \"%s\"", secret)
          .noneMatch(text -> text.toLowerCase(Locale.ROOT).contains(lower));
    }
  }
}
