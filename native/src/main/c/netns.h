/*
 * The container's network namespace, as the monitor makes or joins it: a new one gets its loopback
 * interface up (Docker's "none" network has lo up, and the CNI plugins add eth0 beside it); with
 * --network container:NAME the container joins another container's namespace instead.
 */
#ifndef MINIDOCKER_NETNS_H
#define MINIDOCKER_NETNS_H

/*
 * Enters the network namespace at `path` (/proc/PID/ns/net of the container joined), so that the
 * next clone without CLONE_NEWNET puts the child in it. Returns a descriptor of the monitor's own
 * namespace, for netns_leave, or -1 with errno set.
 */
int netns_enter(const char *path);

/* Back to the monitor's own namespace after the clone; closes `own`. -1 with errno set on failure. */
int netns_leave(int own);

/* Brings up `lo` in the caller's (new) network namespace. -1 with errno set on failure. */
int loopback_up(void);

#endif
