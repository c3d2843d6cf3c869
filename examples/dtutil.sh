#!/usr/bin/env bash
# A lakeFS STS token with Hadoop's dtutil, for jobs and tools that read a token file (HADOOP_TOKEN_FILE_LOCATION).
# hadoop-tokens' jar must be on the Hadoop class path (e.g. in share/hadoop/common/lib or HADOOP_CLASSPATH), and for
# the last steps' S3A the binding's jar (hadoop-tokens-s3a-hadoop34; on Hadoop 3.3 hadoop-tokens-s3a-hadoop33), with
# the service and the user's lakeFS key configured (conf/core-site-lakefs.xml). On a Kerberos cluster, kinit first.
# See hadoop-tokens/README.md. Usage: dtutil.sh HOST:PORT RENEWER TOKEN-FILE S3A-PATH
set -euo pipefail
service="lakefs://$1"   # the credentials service; the scheme (https) comes from fs.s3a.ext.lakefs.service.endpoints
renewer="$2"            # who may renew it: yarn for the YARN ResourceManager, else yourself
file="$3"               # the token file: it is a bearer credential, keep it like a key (chmod 600)
path="$4"               # an s3a:// path in one of the token's repositories

hadoop dtutil get "$service" -renewer "$renewer" "$file"
chmod 600 "$file"
hadoop dtutil print "$file"                        # kind LAKEFS_STS, service, renewer, maximum date
hadoop dtutil renew -alias "$service" "$file"      # as the renewer
HADOOP_TOKEN_FILE_LOCATION="$file" hadoop fs -ls "$path"   # no lakeFS or AWS secret needed
hadoop dtutil cancel -alias "$service" "$file"     # as the owner or the renewer; the token is then refused
