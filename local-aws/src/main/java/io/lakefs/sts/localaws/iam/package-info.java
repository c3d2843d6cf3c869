/**
 * IAM as both endpoints see it: users, roles, the sessions STS issued, and evaluation of identity and session
 * policies.
 */
package io.lakefs.sts.localaws.iam;
