package dev.secupass.core.internal.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.jspecify.annotations.Nullable;

/**
 * A proxy of one SPI store that hands every call of the store's interface to a {@link Handler}:
 * for the storage views that treat each method of a store alike (measured, remembered), so a
 * method the SPI gains needs no change there. Object's methods are the proxy's own: equals and
 * hashCode by identity, toString the store's.
 */
public final class StoreProxy {
  private StoreProxy() {}

  /** What the proxy does with a call of the store's interface. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers {@code method} called with {@code args} (an empty array for none); {@link #invoke}
     * hands it on to the store.
     */
    @Nullable Object handle(Method method, @Nullable Object[] args);
  }

  /** {@code store} seen through {@code handler}, as a {@code type}. */
  public static <S> S of(Class<S> type, S store, Handler handler) {
    InvocationHandler calls = (proxy, method, args) -> {
      @Nullable Object[] given = args == null ? new Object[0] : args;
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> given[0] == proxy;
          case "hashCode" -> System.identityHashCode(proxy);
          default -> store.toString();
        };
      }
      return handler.handle(method, given);
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, calls));
  }

  /** Calls {@code method} on {@code store}, rethrowing what it threw as it was. */
  public static @Nullable Object invoke(Object store, Method method, @Nullable Object[] args) {
    try {
      return method.invoke(store, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a store threw a checked exception", cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("a store method is not accessible: " + method.getName(), e);
    }
  }
}
