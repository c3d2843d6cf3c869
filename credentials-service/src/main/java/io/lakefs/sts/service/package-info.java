/**
 * The credentials service beside lakeFS: configuration ({@link io.lakefs.sts.service.ServiceKeys},
 * {@link io.lakefs.sts.service.ServiceConfig}), the composition root
 * ({@link io.lakefs.sts.service.CredentialsService}) and the command line.
 */
package io.lakefs.sts.service;
