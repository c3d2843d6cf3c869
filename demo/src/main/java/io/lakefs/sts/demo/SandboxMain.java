package io.lakefs.sts.demo;

import java.util.concurrent.CountDownLatch;

/** {@code demo/sandbox}: the demo's stack left running until Ctrl-C or SIGTERM, then every process stopped. */
public final class SandboxMain {
  private SandboxMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(SandboxSettings.USAGE);
      return;
    }
    SandboxSettings settings;
    try {
      settings = SandboxSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Sandbox sandbox = new Sandbox(settings, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C and SIGTERM run shutdown hooks: the child processes are stopped before the JVM exits.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        sandbox.close();
        System.out.println("sandbox stopped");
      } catch (Exception e) {
        System.err.println("sandbox: error while stopping: " + e);
      } finally {
        stopped.countDown();
      }
    }, "sandbox-stop"));
    try {
      sandbox.start();
    } catch (Exception e) {
      System.err.println("sandbox: could not start: " + e);
      System.exit(1);
    }
    stopped.await();
  }
}
