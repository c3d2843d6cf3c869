package io.lakefs.sts.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link CredentialsProviderBenchmark} with one thread: a task alone on its executor, no contention. */
@Threads(1)
public class CredentialsProviderOneThreadBenchmark extends CredentialsProviderBenchmark {
}
