# --cpus becomes cpu.max: quota and period.
. /guest/lib.sh
expect "cpu.max for --cpus 0.5" "$(minidocker run --network none --rm --cpus 0.5 "$image" cat /sys/fs/cgroup/cpu.max)" "50000 100000"
