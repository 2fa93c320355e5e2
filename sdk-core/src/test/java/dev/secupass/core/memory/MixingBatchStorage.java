package dev.secupass.core.memory;

import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.GuestStore;
import dev.secupass.spi.KeyLogStore;
import dev.secupass.spi.KeyStore;
import dev.secupass.core.testing.ForwardingStorage;
import dev.secupass.spi.Storage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A memory storage whose batch reads are careless, as an adapter's first try at one statement per
 * batch might be: every answer keyed by id gets its rows shifted by one key (each key answers its
 * neighbour's row), a list of nodes loses its last row, and a batch of pins to save loses its
 * last pin. Single reads and writes stay right. For the kit's
 * teeth test of the batch-read rules.
 */
final class MixingBatchStorage extends ForwardingStorage {
  private static final Set<String> BATCH_READS = Set.of("findAll", "findEnvelopes",
      "findActiveAll", "findPins", "invitationsOf", "leavesOfAll", "nodes");

  MixingBatchStorage(Storage real) {
    super(real);
  }

  @Override
  public KeyStore keys() {
    return mixing(KeyStore.class, real.keys());
  }

  @Override
  public DeliveryStore deliveries() {
    return mixing(DeliveryStore.class, real.deliveries());
  }

  @Override
  public GuestStore guests() {
    return mixing(GuestStore.class, real.guests());
  }

  @Override
  public KeyLogStore keyLog() {
    return mixing(KeyLogStore.class, real.keyLog());
  }


  private static <S> S mixing(Class<S> type, S store) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getName().equals("savePins") && args[0] instanceof List<?> pins
              && pins.size() > 1) {
            args = new Object[] {pins.subList(0, pins.size() - 1)};
          }
          Object result;
          try {
            result = method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (!BATCH_READS.contains(method.getName())) {
            return result;
          }
          if (result instanceof Map<?, ?> map && map.size() > 1) {
            List<Object> keys = new ArrayList<>(map.keySet());
            Map<Object, Object> shifted = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
              shifted.put(keys.get(i), map.get(keys.get((i + 1) % keys.size())));
            }
            return shifted;
          }
          if (result instanceof List<?> list && !list.isEmpty()) {
            return list.subList(0, list.size() - 1);
          }
          return result;
        }));
  }

  @Override
  protected Storage over(Storage tx) {
    return new MixingBatchStorage(tx);
  }
}
