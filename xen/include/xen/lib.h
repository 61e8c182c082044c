/*
 * Common helpers: printk and its log levels, panic/BUG/ASSERT, arithmetic
 * helpers and formatted printing into buffers.
 */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <xen/string.h>

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define IS_ALIGNED(x, a) (((x) & ((a) - 1)) == 0)

#define min(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); \
                     a_ < b_ ? a_ : b_; })
#define max(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); \
                     a_ > b_ ? a_ : b_; })

#define KB(x) ((unsigned long)(x) << 10)
#define MB(x) ((unsigned long)(x) << 20)
#define GB(x) ((unsigned long)(x) << 30)

/*
 * Log levels are a prefix on the format string, "<N>", so a message carries
 * its level through vprintk; messages without one are XENLOG_INFO.  The
 * "loglvl=" option picks the most verbose level that reaches the console.
 */
#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

unsigned long simple_strtoul(const char *s, const char **end, unsigned int base);
long simple_strtol(const char *s, const char **end, unsigned int base);
/* "16M", "1G", "4096" -> bytes; unsuffixed numbers are bytes. */
unsigned long long parse_size_and_unit(const char *s, const char **end);

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Broken hypervisor invariants: print state and a backtrace, then panic. */
void __bug(const char *file, int line) __noreturn;
void __warn(const char *file, int line);
void __assert_failed(const char *expr, const char *file, int line) __noreturn;

#define BUG() __bug(__FILE__, __LINE__)
#define BUG_ON(c) do { if ( unlikely(c) ) BUG(); } while ( 0 )
#define WARN() __warn(__FILE__, __LINE__)
#define WARN_ON(c) ({ bool w_ = !!(c); if ( unlikely(w_) ) WARN(); w_; })

#ifndef NDEBUG
#define ASSERT(e) do { if ( unlikely(!(e)) )                      \
                       __assert_failed(#e, __FILE__, __LINE__); } while ( 0 )
#else
#define ASSERT(e) do { (void)sizeof(e); } while ( 0 )
#endif
#define ASSERT_UNREACHABLE() ASSERT(!"unreachable")

#endif /* XEN_LIB_H */
