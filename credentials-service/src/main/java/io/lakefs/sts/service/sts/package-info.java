/**
 * How a lakeFS user appears to STS and in S3 and CloudTrail audit logs: session name, source identity, tags.
 */
package io.lakefs.sts.service.sts;
