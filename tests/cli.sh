#!/bin/sh
# cli.sh - command-line behaviour tests (filled in with the command line).
exit 0
