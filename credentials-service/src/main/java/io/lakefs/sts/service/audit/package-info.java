/**
 * The audit trail: one JSON line per issuance and refusal on logger {@code lakefs.sts.audit}, built from
 * events that have no field for a secret.
 */
package io.lakefs.sts.service.audit;
