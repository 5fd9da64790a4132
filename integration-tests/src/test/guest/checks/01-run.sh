# The simplest run: output, status, and nothing left behind (the runner checks that for every check).
. /guest/lib.sh
expect "run --rm echo" "$(minidocker run --network none --rm "$image" echo hello)" hello
set +e
minidocker run --network none --rm "$image" sh -c 'exit 3'
status=$?
set -e
expect "exit status of sh -c 'exit 3'" "$status" 3
