package dev.secupass.crash;

import java.io.PrintStream;

/**
 * The host the parent kills: opens the backend as a host does at every start, then runs rounds of
 * the workload until it is killed (or, run by hand, for a number of rounds). Every operation is
 * logged to stdout as it begins and ends, so the parent knows where each kill landed.
 *
 * <p>Arguments: backend kind, data folder, PostgreSQL URL or {@code -}, seed, run number,
 * rounds (0: until killed).
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Backend backend = Backend.fromArgs(args[0], args[1], args[2]);
    long seed = Long.parseLong(args[3]);
    int run = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    Workload.Log log = new Workload.Log(out);
    log.begin("start");
    try (Backend.Host host = backend.open()) {
      log.end("start");
      Workload workload = new Workload(host.sdk(), log, seed, run);
      for (int round = 0; rounds == 0 || round < rounds; round++) {
        workload.round(round);
      }
    }
    out.println("done");
    out.flush();
  }
}
