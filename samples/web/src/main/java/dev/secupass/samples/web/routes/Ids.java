package dev.secupass.samples.web.routes;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.RoomId;
import dev.secupass.api.UserId;
import io.javalin.http.Context;
import java.util.function.Function;

/** Identifiers from request paths, with a 404 for malformed ones. */
final class Ids {
  private Ids() {}

  static DeliveryId delivery(Context ctx) {
    return parse(ctx.pathParam("id"), DeliveryId::of);
  }

  static RoomId room(Context ctx) {
    return parse(ctx.pathParam("id"), RoomId::of);
  }

  static FileId file(Context ctx) {
    return parse(ctx.pathParam("file"), FileId::of);
  }

  static UserId user(String value) {
    return parse(value, UserId::of);
  }

  static <T> T parse(String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new WebError(404, null);
    }
  }
}
