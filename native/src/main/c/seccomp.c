/*
 * minidocker-seccomp: compiles a container's seccomp rules to the BPF program the kernel runs,
 * with libseccomp, as runc does before it loads them; here the program is written out instead,
 * so that the launcher can keep it in the store and the shim and minidocker-enter install it with
 * seccomp(2) alone.
 *
 * The launcher has already resolved Docker's profile for this machine and container (archMap,
 * includes, excludes) and flattened it as runc would hand it to libseccomp: one syscall name a
 * rule, no rule whose action is the default one, conditions on one argument each split into rules
 * of their own. Input on stdin, one directive a line, fields separated by single spaces:
 *
 *   default ACTION ERRNO                       the action of every call no rule names
 *   arch SCMP_ARCH_X86                         an architecture besides the native one
 *   rule ACTION ERRNO NAME [INDEX OP VALUE VALUE_TWO]...
 *
 * ACTION is an OCI action name (SCMP_ACT_ALLOW, SCMP_ACT_ERRNO...), ERRNO the errno that
 * SCMP_ACT_ERRNO and SCMP_ACT_TRACE return (ignored by the others), OP an OCI operator
 * (SCMP_CMP_EQ, SCMP_CMP_MASKED_EQ...), VALUE and VALUE_TWO unsigned decimals. A name libseccomp
 * does not know is skipped, as runc skips it: the call then gets the default action.
 *
 * Output on stdout: the program, an array of struct sock_filter, for seccomp(SECCOMP_SET_MODE_FILTER).
 * A failure is one line on stderr naming the line of input, and exit status 1.
 */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 4096
#define MAX_FIELDS (4 + 4 * 6)

static int line_number;

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "minidocker-seccomp: line %d: %s: %s\n", line_number, what, detail);
    exit(1);
}

static unsigned long long number(const char *text) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    if (errno != 0 || *text == '\0' || *text == '-' || *end != '\0') {
        fail("not an unsigned number", text);
    }
    return n;
}

static uint32_t action(const char *name, const char *errno_text) {
    unsigned long long ret = number(errno_text);
    if (ret > 4095) {
        fail("errno out of range", errno_text);
    }
    if (strcmp(name, "SCMP_ACT_ALLOW") == 0) {
        return SCMP_ACT_ALLOW;
    }
    if (strcmp(name, "SCMP_ACT_ERRNO") == 0) {
        return SCMP_ACT_ERRNO((uint16_t) ret);
    }
    if (strcmp(name, "SCMP_ACT_KILL") == 0 || strcmp(name, "SCMP_ACT_KILL_THREAD") == 0) {
        return SCMP_ACT_KILL_THREAD;
    }
    if (strcmp(name, "SCMP_ACT_KILL_PROCESS") == 0) {
        return SCMP_ACT_KILL_PROCESS;
    }
    if (strcmp(name, "SCMP_ACT_TRAP") == 0) {
        return SCMP_ACT_TRAP;
    }
    if (strcmp(name, "SCMP_ACT_TRACE") == 0) {
        return SCMP_ACT_TRACE((uint16_t) ret);
    }
    if (strcmp(name, "SCMP_ACT_LOG") == 0) {
        return SCMP_ACT_LOG;
    }
    fail("unknown action", name);
    return 0;
}

static enum scmp_compare operator(const char *name) {
    static const struct {
        const char *name;
        enum scmp_compare op;
    } ops[] = {
        {"SCMP_CMP_NE", SCMP_CMP_NE}, {"SCMP_CMP_LT", SCMP_CMP_LT}, {"SCMP_CMP_LE", SCMP_CMP_LE},
        {"SCMP_CMP_EQ", SCMP_CMP_EQ}, {"SCMP_CMP_GE", SCMP_CMP_GE}, {"SCMP_CMP_GT", SCMP_CMP_GT},
        {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (strcmp(name, ops[i].name) == 0) {
            return ops[i].op;
        }
    }
    fail("unknown operator", name);
    return _SCMP_CMP_MIN;
}

/* OCI's SCMP_ARCH_X86_64 is libseccomp's "x86_64". */
static uint32_t architecture(const char *name) {
    const char *prefix = "SCMP_ARCH_";
    char lower[64];
    size_t len = strlen(prefix);
    if (strncmp(name, prefix, len) != 0 || strlen(name + len) >= sizeof lower) {
        fail("unknown architecture", name);
    }
    size_t i = 0;
    for (const char *c = name + len; *c != '\0'; c++) {
        lower[i++] = (*c >= 'A' && *c <= 'Z') ? (char) (*c - 'A' + 'a') : *c;
    }
    lower[i] = '\0';
    uint32_t arch = seccomp_arch_resolve_name(lower);
    if (arch == 0) {
        fail("architecture unknown to libseccomp", name);
    }
    return arch;
}

/* The line's fields, split on single spaces; returns how many. */
static int split(char *line, char **fields) {
    int n = 0;
    for (char *save, *f = strtok_r(line, " ", &save); f != NULL; f = strtok_r(NULL, " ", &save)) {
        if (n == MAX_FIELDS) {
            fail("too many fields", fields[0]);
        }
        fields[n++] = f;
    }
    return n;
}

static int rule_count;

static void add_rule(scmp_filter_ctx ctx, char **f, int n) {
    if (n < 4 || (n - 4) % 4 != 0) {
        fail("a rule is ACTION ERRNO NAME and four fields per condition", f[0]);
    }
    int nr = seccomp_syscall_resolve_name(f[3]);
    if (nr == __NR_SCMP_ERROR) {
        return;
    }
    struct scmp_arg_cmp conditions[6];
    unsigned count = 0;
    for (int i = 4; i < n; i += 4) {
        if (count == 6) {
            fail("more than six conditions", f[3]);
        }
        unsigned long long index = number(f[i]);
        if (index > 5) {
            fail("argument index past 5", f[i]);
        }
        conditions[count++] = (struct scmp_arg_cmp) {
            .arg = (unsigned) index, .op = operator(f[i + 1]), .datum_a = number(f[i + 2]), .datum_b = number(f[i + 3]),
        };
    }
    int rc = seccomp_rule_add_array(ctx, action(f[1], f[2]), nr, count, conditions);
    if (rc != 0) {
        fail(f[3], strerror(-rc));
    }
}

int main(void) {
    char line[MAX_LINE];
    char *fields[MAX_FIELDS];
    scmp_filter_ctx ctx = NULL;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line_number++;
        size_t len = strcspn(line, "\n");
        if (line[len] != '\n' && !feof(stdin)) {
            fail("line too long", "over 4095 bytes");
        }
        line[len] = '\0';
        int n = split(line, fields);
        if (n == 0) {
            fail("empty line", "a directive expected");
        }
        if (ctx == NULL) {
            if (strcmp(fields[0], "default") != 0 || n != 3) {
                fail("the first line must be", "default ACTION ERRNO");
            }
            if ((ctx = seccomp_init(action(fields[1], fields[2]))) == NULL) {
                fail("seccomp_init", "failed");
            }
        } else if (strcmp(fields[0], "arch") == 0 && n == 2) {
            int rc = seccomp_arch_add(ctx, architecture(fields[1]));
            if (rc != 0 && rc != -EEXIST) {
                fail(fields[1], strerror(-rc));
            }
        } else if (strcmp(fields[0], "rule") == 0) {
            add_rule(ctx, fields, n);
            rule_count++;
        } else {
            fail("unknown directive", fields[0]);
        }
    }
    if (ctx == NULL) {
        fail("no input", "a default line expected");
    }
    /*
     * A binary tree of the syscall numbers rather than a list, as runc asks for past 32 rules
     * (libseccomp 2.5 misbuilds it for none): a call then passes a few comparisons, not hundreds.
     */
    if (rule_count > 32) {
        seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
    }
    int rc = seccomp_export_bpf(ctx, fileno(stdout));
    if (rc != 0) {
        fail("seccomp_export_bpf", strerror(-rc));
    }
    seccomp_release(ctx);
    return 0;
}
