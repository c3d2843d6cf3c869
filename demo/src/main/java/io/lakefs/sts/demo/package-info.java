/**
 * The README's demo ({@code demo/run}): starts local-aws, a lakeFS stand-in and the credentials service on
 * loopback, runs a real Spark job and Hadoop token operations as two lakeFS users, and reports what STS and S3
 * saw. {@code DemoTest} runs the same thing in CI.
 */
package io.lakefs.sts.demo;
