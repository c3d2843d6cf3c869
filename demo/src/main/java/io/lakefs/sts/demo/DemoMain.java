package io.lakefs.sts.demo;

/**
 * {@code demo/run}: the whole flow on loopback with a report; exit status 0 only when every step behaved as
 * described.
 */
public final class DemoMain {
  private DemoMain() {
  }

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(DemoSettings.USAGE);
      return;
    }
    DemoSettings settings;
    try {
      settings = DemoSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Report report = new Report(System.out);
    try {
      new Demo(settings, report).run();
    } catch (Exception e) {
      report.progress("the demo could not set up its servers: " + e);
    }
    System.out.print(report.summary());
    System.exit(report.allPassed() ? 0 : 1);
  }
}
