package io.lakefs.sts.localaws.sigv4;

/** API SKELETON, to be implemented (helper A). */
public final class SigV4Verifier {
}
