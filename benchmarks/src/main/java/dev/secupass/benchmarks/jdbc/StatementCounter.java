package dev.secupass.benchmarks.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts the statements a data source's connections send to the server: every {@code execute*}
 * call of a statement, a JDBC batch counting once (it is one round trip with the PostgreSQL
 * driver's rewritten batches). For the benchmarks' "statements per operation", which CPU time on
 * a loaded machine cannot blur.
 */
final class StatementCounter {
  private final AtomicLong executed = new AtomicLong();

  /** The statements executed so far. */
  long count() {
    return executed.get();
  }

  /** {@code dataSource}, with every statement of its connections counted. */
  DataSource counting(DataSource dataSource) {
    return proxy(DataSource.class, dataSource, (target, method, args) -> {
      Object result = invoke(target, method, args);
      return result instanceof Connection c ? proxy(Connection.class, c, this::connection)
          : result;
    });
  }

  private Object connection(Object target, Method method, Object[] args) throws Throwable {
    Object result = invoke(target, method, args);
    if (result instanceof Statement statement) {
      @SuppressWarnings("unchecked")
      Class<Statement> type = (Class<Statement>) statementType(method.getReturnType());
      return proxy(type, statement, this::statement);
    }
    return result;
  }

  private Object statement(Object target, Method method, Object[] args) throws Throwable {
    if (method.getName().startsWith("execute")) {
      executed.incrementAndGet();
    }
    return invoke(target, method, args);
  }

  private static Class<?> statementType(Class<?> declared) {
    return Statement.class.isAssignableFrom(declared) ? declared : Statement.class;
  }

  private interface Call {
    Object call(Object target, Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Call call) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
        return invoke(target, method, args);
      }
      return call.call(target, method, args);
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        handler));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
