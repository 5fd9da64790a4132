# cp out of and into a stopped container: its overlay mounted where no one sees it (a detached
# mount, whose layers the kernel takes one by one from 6.8 on and as one lowerdir before).
. /guest/lib.sh
require_command cp
id=$(minidocker create --network none "$image" sh -c 'echo made > /made')
minidocker start -a "$id" >/dev/null
minidocker cp "$id:/made" /tmp/made
expect "a file copied out of a stopped container" "$(cat /tmp/made)" made
echo put > /tmp/put
minidocker cp /tmp/put "$id:/put"
expect "a file copied into it, then out as a tar stream" "$(minidocker cp "$id:/put" - | tar -xO)" put
minidocker rm "$id" >/dev/null
rm -f /tmp/made /tmp/put
