# The simplest run: output, status, and nothing left behind (the runner checks that for every check).
. /guest/lib.sh
expect "run --rm echo" "$(minidocker run --rm "$image" echo hello)" hello
set +e
minidocker run --rm "$image" sh -c 'exit 3'
status=$?
set -e
expect "exit status of sh -c 'exit 3'" "$status" 3
