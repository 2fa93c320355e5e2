#!/bin/sh
# The scripted run of docs/web-sample.md, "Uploads and downloads": a file of N MiB (default 1024)
# up and down through the web sample in headless Chromium, as a delivery and as a data room's file,
# printing the times, each browser's renderer peak resident memory and the machine's load. Not part
# of the test suite.
# Usage: samples/web/large-upload-run.sh [MiB]   (from the repository's root, after a build)
set -e
cd "$(dirname "$0")/../.."
uptime
mvn -B -ntp -o -q -pl samples/web -am test -Dnpm.executable=true -Dtest=LargeUploadRun \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsecupass.web.largeRunMiB="${1:-1024}"
cat samples/web/target/large-upload-run.txt samples/web/target/large-room-file-run.txt
uptime
