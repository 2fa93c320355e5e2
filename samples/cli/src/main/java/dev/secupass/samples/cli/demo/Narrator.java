package dev.secupass.samples.cli.demo;

import java.io.PrintWriter;
import java.util.List;

/** Prints the demo: numbered chapters, and what each party does and sees. */
final class Narrator {
  private final PrintWriter out;
  private int chapter;

  Narrator(PrintWriter out) {
    this.out = out;
  }

  /** A line of its own, such as the title or a closing remark. */
  void line(String text) {
    out.println(text);
    out.flush();
  }

  /** Starts the next chapter. */
  void chapter(String title) {
    out.println();
    out.println(++chapter + ". " + title);
    out.flush();
  }

  /** What {@code party} does or sees. */
  void party(String party, String text) {
    out.println("   [" + party + "] " + text);
    out.flush();
  }

  /** An e-mail the host sent. */
  void mail(String to, List<String> lines) {
    out.println("   [mail to " + to + "]");
    lines.forEach(line -> out.println("      " + line));
    out.flush();
  }
}
