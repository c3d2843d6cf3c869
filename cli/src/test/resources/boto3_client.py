"""boto3 with an AWS profile whose credential_process is lakefs-sts: writes and reads inside the scope, is
refused outside it, and keeps working after the first credentials expired. Prints one line per step."""
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, bucket, inside, outside, wait_seconds = sys.argv[1:6]
s3 = boto3.Session(profile_name="alice").client(
    "s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))

s3.put_object(Bucket=bucket, Key=inside, Body=b"written by boto3")
print("put inside:", s3.get_object(Bucket=bucket, Key=inside)["Body"].read().decode())
try:
    s3.put_object(Bucket=bucket, Key=outside, Body=b"must be refused")
    print("put outside: ALLOWED")
except ClientError as e:
    print("put outside:", e.response["Error"]["Code"])
first = s3._request_signer._credentials.get_frozen_credentials().access_key
time.sleep(float(wait_seconds))
print("get after expiry:", s3.get_object(Bucket=bucket, Key=inside)["Body"].read().decode())
second = s3._request_signer._credentials.get_frozen_credentials().access_key
print("credentials changed:", first != second)
