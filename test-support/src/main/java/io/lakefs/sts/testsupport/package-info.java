/**
 * Test fixtures shared by every module: local-aws and the credentials service as child processes, the stack of both
 * with a lakeFS stand-in, a MiniKdc KDC, and raw HTTP for hostile requests.
 */
package io.lakefs.sts.testsupport;
