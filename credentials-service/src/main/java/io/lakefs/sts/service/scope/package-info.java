/**
 * What one STS credential may reach: lakeFS storage namespaces, access levels, and the IAM session policy
 * that limits the assumed role to exactly those namespaces. Pure domain code; no I/O.
 */
package io.lakefs.sts.service.scope;
