package io.lakefs.sts.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One subcommand's command line: {@code --name value} (or {@code --name=value}, repeatable), flags, the rest. */
final class Args {
  private final Map<String, List<String>> values;
  private final Set<String> flagsGiven;
  private final List<String> positionals;

  private Args(Map<String, List<String>> values, Set<String> flagsGiven, List<String> positionals) {
    this.values = values;
    this.flagsGiven = flagsGiven;
    this.positionals = positionals;
  }

  /**
   * @param valued options that take a value
   * @param flags options that take none ({@code --help} is always one)
   * @param usage appended to every complaint
   */
  static Args parse(List<String> args, Set<String> valued, Set<String> flags, String usage) throws CliException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Set<String> given = new HashSet<>();
    List<String> positionals = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-") || arg.equals("-")) {
        positionals.add(arg);
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.equals("--help") || name.equals("-h")) {
        given.add("--help");
      } else if (flags.contains(name)) {
        given.add(name);
      } else if (valued.contains(name)) {
        String value;
        if (arg.contains("=")) {
          value = arg.substring(arg.indexOf('=') + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new CliException(ExitCode.USAGE, name + " needs a value\n" + usage);
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new CliException(ExitCode.USAGE, "unknown option " + name + "\n" + usage);
      }
    }
    return new Args(values, given, positionals);
  }

  boolean helpRequested() {
    return flagsGiven.contains("--help");
  }

  boolean flag(String name) {
    return flagsGiven.contains(name);
  }

  /** Every value given, in order; comma-separated values are split. */
  List<String> all(String name) {
    List<String> all = new ArrayList<>();
    for (String value : values.getOrDefault(name, List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          all.add(part.trim());
        }
      }
    }
    return all;
  }

  /** The value given once; a second one is an error. */
  Optional<String> one(String name, String usage) throws CliException {
    List<String> given = values.getOrDefault(name, List.of());
    if (given.size() > 1) {
      throw new CliException(ExitCode.USAGE, name + " was given " + given.size() + " times; give it once\n" + usage);
    }
    return given.stream().findFirst();
  }

  List<String> positionals() {
    return positionals;
  }
}
