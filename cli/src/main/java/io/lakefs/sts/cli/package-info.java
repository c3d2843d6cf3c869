/**
 * The {@code lakefs-sts} command, run by people and by AWS clients ({@code credential_process}): prints
 * lakeFS-issued STS credentials for any AWS SDK, with an on-disk cache, and gets, prints, renews and cancels
 * {@code LAKEFS_STS} tokens in Hadoop token files. The HTTP client and token classes are hadoop-tokens'.
 */
package io.lakefs.sts.cli;
