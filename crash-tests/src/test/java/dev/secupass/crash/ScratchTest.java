package dev.secupass.crash;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
  @TempDir Path data;

  @Test
  void oneRound() throws Exception {
    Backend b = new Backend(Backend.EMBEDDED, data, "");
    b.prepare();
    long t0 = System.nanoTime();
    CrashChild.main(new String[] {"embedded", data.toString(), "-", "5", "0", "1"});
    long t1 = System.nanoTime();
    Invariants inv = new Invariants(b, 0);
    inv.check();
    long t2 = System.nanoTime();
    System.out.println("round ms " + (t1 - t0) / 1_000_000 + " check ms " + (t2 - t1) / 1_000_000);
    System.out.println("violations " + inv.violations());
    System.out.println("orphans " + inv.orphans());
    try (Backend.Host h = b.open()) {
      System.out.println(Rows.strings(b, "SELECT delivery_id, blob_id FROM secupass_delivery_file"));
      System.out.println(Rows.strings(b, "SELECT room_id, id, blob_id, epoch FROM secupass_room_entry"));
      System.out.println(Rows.strings(b, "SELECT target, action FROM secupass_audit_log"));
    }
  }
}
