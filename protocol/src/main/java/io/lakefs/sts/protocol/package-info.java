/**
 * The contract between the lakeFS credentials service and its clients, written once: the {@link Secret} type
 * both sides hold keys and tokens in, the {@link TokenKinds}, the service's paths, headers and parameters
 * ({@link ServiceApi}, {@link DelegationTokenOperation}, {@link Access}), the credentials answer and its JSON
 * fields ({@link CredentialsAnswer}) and the reasons a request is refused ({@link RefusalReason}).
 *
 * <p>Java 8 bytecode and no dependencies, because the client side runs inside users' jobs, on whatever JVM,
 * Hadoop and Jackson they run: a Jackson (or any library) named here would be forced onto their classpath
 * beside their own. So the JSON mapping is written by hand against the plain tree every JSON library reads
 * and writes ({@code Map}, {@code List}, strings and numbers): the service hands that tree to its Jackson to
 * write, the client reads its Jackson's tree into it. The field names live here and nowhere else.
 */
package io.lakefs.sts.protocol;
