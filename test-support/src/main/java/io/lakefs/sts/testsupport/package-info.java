/** Test fixtures shared by every module: local-aws as a child process, and a MiniKdc KDC. */
package io.lakefs.sts.testsupport;
