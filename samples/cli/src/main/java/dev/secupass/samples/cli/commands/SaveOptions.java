package dev.secupass.samples.cli.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where and how downloaded files are saved. */
final class SaveOptions {
  @Option(names = "--file", paramLabel = "NAME", description = "Only this file; repeat for"
      + " several (default: all).")
  List<String> files = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FOLDER", description = "Where to save (default: the"
      + " current folder).")
  Path folder = Path.of(".");

  @Option(names = "--resume", description = "Continue an interrupted download from its .part"
      + " file, reading only the rest.")
  boolean resume;

  @Option(names = "--overwrite", description = "Replace files that exist.")
  boolean overwrite;
}
