/** Fixtures that need Hadoop's own classes; hadoop-common is optional here, as a module using them has it. */
package io.lakefs.sts.testsupport.hadoop;
