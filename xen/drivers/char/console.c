/*
 * The console: printk with log levels, the console ring and the serial
 * console devices.
 *
 * Options:
 *   console=com1[,com2]|none   where output goes (default com1)
 *   com1=, com2=               UART line setup, e.g. com1=115200,8n1
 *   loglvl=<level>             none|error|warning|info|debug|all (default info)
 *   console_to_ring            dom0's own console output is kept in the ring
 *                              too (as Xen: off by default, dom0 keeps its
 *                              own log; domUs' lines always are)
 * Every line is prefixed "(XEN) ", as Xen does, so hypervisor output stands
 * apart from guest output on a shared serial line.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/console.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <xen/guest_access.h>

#define CONRING_SIZE  (1u << 15)
#define NR_COMS       2

static char conring[CONRING_SIZE];
static unsigned long conring_prod;   /* total bytes ever written */
/* Where XEN_SYSCTL_readconsole reads from: the oldest byte not cleared.
 * Free-running 32-bit indices, as the ABI's: CONRING_SIZE divides 2^32,
 * so index % CONRING_SIZE is always the byte's place in the ring. */
static uint32_t conring_cons;
static unsigned long conring_flushed;/* bytes already sent to devices */
static bool devices_up;
static bool at_line_start = true;
static DEFINE_SPINLOCK(console_lock);

static bool opt_console_to_ring;
boolean_param("console_to_ring", opt_console_to_ring);

static struct serial_cfg coms[NR_COMS] = {
    { .io_base = 0x3f8, .baud = 0, .data_bits = 8, .parity = 'n', .stop_bits = 1 },
    { .io_base = 0x2f8, .baud = 0, .data_bits = 8, .parity = 'n', .stop_bits = 1 },
};
static bool com_enabled[NR_COMS] = { true, false };

static char opt_console[32] = "com1";
string_param("console", opt_console);

/* Messages at or below this level are printed: 0 error .. 3 debug. */
static int console_loglvl = 2;

static int parse_loglvl(const char *s)
{
    static const char *const names[] = { "error", "warning", "info", "debug" };
    unsigned int i;

    if ( !strcmp(s, "none") )
        console_loglvl = -1;
    else if ( !strcmp(s, "all") )
        console_loglvl = 3;
    else
    {
        for ( i = 0; i < ARRAY_SIZE(names); i++ )
            if ( !strncmp(s, names[i], strlen(names[i])) &&
                 (!s[strlen(names[i])] || s[strlen(names[i])] == '/') )
                break;
        if ( i == ARRAY_SIZE(names) )
            return -EINVAL;
        console_loglvl = i;
    }
    return 0;
}
custom_param("loglvl", parse_loglvl);

static int parse_com1(const char *s)
{
    return serial_parse_options(s, &coms[0]);
}
custom_param("com1", parse_com1);

static int parse_com2(const char *s)
{
    return serial_parse_options(s, &coms[1]);
}
custom_param("com2", parse_com2);

static void devices_putc(char c)
{
    unsigned int i;

    for ( i = 0; i < NR_COMS; i++ )
        if ( com_enabled[i] )
        {
            if ( c == '\n' )
                serial_putc(&coms[i], '\r');
            serial_putc(&coms[i], c);
        }
}

/* Send everything in the ring that the devices have not seen.  Called
 * with console_lock held. */
static void flush_ring(void)
{
    if ( conring_prod - conring_flushed > CONRING_SIZE )
        conring_flushed = conring_prod - CONRING_SIZE;  /* lost to wrap */
    for ( ; conring_flushed < conring_prod; conring_flushed++ )
        devices_putc(conring[conring_flushed % CONRING_SIZE]);
}

static void ring_putc(char c)
{
    conring[conring_prod++ % CONRING_SIZE] = c;
    /* Bytes overwritten are no longer there to read. */
    if ( (uint32_t)conring_prod - conring_cons > CONRING_SIZE )
        conring_cons = (uint32_t)conring_prod - CONRING_SIZE;
}

static void emit(const char *s, size_t len, const char *prefix)
{
    for ( ; len; len--, s++ )
    {
        if ( at_line_start && prefix )
            for ( const char *p = prefix; *p; p++ )
                ring_putc(*p);
        ring_putc(*s);
        at_line_start = (*s == '\n');
    }
    if ( devices_up )
        flush_ring();
}

void console_write(const char *s, size_t len)
{
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    if ( opt_console_to_ring || !devices_up )
        emit(s, len, NULL);
    else
    {
        /* Straight to the devices, after what the ring still holds. */
        flush_ring();
        for ( size_t i = 0; i < len; i++ )
            devices_putc(s[i]);
        if ( len )
            at_line_start = s[len - 1] == '\n';
    }
    spin_unlock_irqrestore(&console_lock, flags);
}

static int message_level(const char **fmt)
{
    const char *f = *fmt;

    if ( f[0] == '<' && f[1] >= '0' && f[1] <= '3' && f[2] == '>' )
    {
        *fmt = f + 3;
        return f[1] - '0';
    }
    return 2;
}

void vprintk(const char *fmt, va_list args)
{
    char buf[1024];
    unsigned long flags;
    int level = message_level(&fmt), len;

    if ( level > console_loglvl )
        return;
    len = vscnprintf(buf, sizeof(buf), fmt, args);
    spin_lock_irqsave(&console_lock, flags);
    emit(buf, len, "(XEN) ");
    spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

size_t console_ring_read(char *buf, size_t len)
{
    unsigned long flags, start;
    size_t n;

    spin_lock_irqsave(&console_lock, flags);
    n = min((unsigned long)len, min(conring_prod, (unsigned long)CONRING_SIZE));
    start = conring_prod - n;
    for ( size_t i = 0; i < n; i++ )
        buf[i] = conring[(start + i) % CONRING_SIZE];
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

/* Up to len bytes from index c on (c between conring_cons and the
 * producer), copied under the lock; returns how many. */
static uint32_t ring_take(char *buf, uint32_t len, uint32_t *c)
{
    unsigned long flags;
    uint32_t p, n = 0;

    spin_lock_irqsave(&console_lock, flags);
    p = (uint32_t)conring_prod;
    /* Overwritten while the caller was copying out: skip what is gone. */
    if ( p - *c > p - conring_cons )
        *c = conring_cons;
    for ( ; n < len && *c != p; n++, (*c)++ )
        buf[n] = conring[*c % CONRING_SIZE];
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

int console_ring_read_guest(struct console_ring_read *r)
{
    char chunk[256];
    unsigned long flags;
    uint32_t c, p, done = 0, n;

    spin_lock_irqsave(&console_lock, flags);
    c = conring_cons;
    p = (uint32_t)conring_prod;
    spin_unlock_irqrestore(&console_lock, flags);
    /* An incremental read goes on from where the last one stopped, if
     * that is still between the oldest byte kept and the newest. */
    if ( r->incremental &&
         (c <= p ? (c < r->index && r->index <= p)
                 : (c < r->index || r->index <= p)) )
        c = r->index;
    /* Guest copies are made without the lock (they may fault). */
    while ( done < r->count &&
            (n = ring_take(chunk, min(r->count - done,
                                      (uint32_t)sizeof(chunk)), &c)) != 0 )
    {
        if ( copy_to_guest_ptr(r->buffer + done, chunk, n) )
            return -EFAULT;
        done += n;
    }
    if ( r->clear )
    {
        spin_lock_irqsave(&console_lock, flags);
        p = (uint32_t)conring_prod;
        conring_cons = p - c > CONRING_SIZE ? p - CONRING_SIZE : c;
        spin_unlock_irqrestore(&console_lock, flags);
    }
    r->count = done;
    r->index = c;
    return 0;
}

static void parse_console_devices(void)
{
    const char *s = opt_console;

    com_enabled[0] = com_enabled[1] = false;
    while ( *s )
    {
        if ( !strncmp(s, "com1", 4) )
            com_enabled[0] = true;
        else if ( !strncmp(s, "com2", 4) )
            com_enabled[1] = true;
        else if ( strncmp(s, "none", 4) )
            printk(XENLOG_WARNING "console: unknown device in '%s' ignored\n",
                   opt_console);
        s = strchr(s, ',');
        if ( !s )
            break;
        s++;
    }
}

void console_init(void)
{
    unsigned long flags;
    unsigned int i;

    parse_console_devices();
    for ( i = 0; i < NR_COMS; i++ )
        if ( com_enabled[i] )
            serial_init(&coms[i]);
    spin_lock_irqsave(&console_lock, flags);
    devices_up = true;
    flush_ring();
    spin_unlock_irqrestore(&console_lock, flags);
}

void console_force_unlock(void)
{
    spin_lock_init(&console_lock);
    /* A crash before console_init(): fall back to COM1 as firmware set it. */
    if ( !devices_up )
    {
        com_enabled[0] = true;
        devices_up = true;
        flush_ring();
    }
}

bool console_uses_ioport(unsigned int port)
{
    unsigned int i;

    for ( i = 0; i < NR_COMS; i++ )
        if ( com_enabled[i] && port >= coms[i].io_base &&
             port < coms[i].io_base + 8u )
            return true;
    return false;
}

/*
 * Serial input for the privileged domain (CONSOLEIO_read).  Characters
 * are polled from the enabled UARTs into a small ring; when it is full
 * the newest input is dropped, as a UART overrun would.  Polling happens
 * on every read and from console_poll_input() (a periodic timer), so
 * input typed between reads waits in the ring rather than only in the
 * UART's 16-byte FIFO.
 *
 * As in Xen, typing CTRL-a three times in a row switches the input
 * between dom0 and the hypervisor; while it is the hypervisor's, what is
 * typed comes back from console_poll_input() as debug keys.
 */
#define INRING_SIZE 256u
#define CTRL_A      0x01
static char inring[INRING_SIZE];
static unsigned int inring_prod, inring_cons;   /* free-running counters */
static unsigned int ctrl_a_run;
static bool input_to_xen;

/* One typed byte: to the ring, or to keys[*nkeys] (room: max). */
static void route_input(char c, char *keys, unsigned int *nkeys,
                        unsigned int max, bool *switched)
{
    if ( c == CTRL_A )
    {
        if ( ++ctrl_a_run == 3 )
        {
            ctrl_a_run = 0;
            input_to_xen = !input_to_xen;
            *switched = true;
        }
        return;
    }
    ctrl_a_run = 0;
    if ( input_to_xen )
    {
        if ( *nkeys < max )
            keys[(*nkeys)++] = c;
    }
    else if ( inring_prod - inring_cons < INRING_SIZE )
        inring[inring_prod++ % INRING_SIZE] = c;
}

/* Called with console_lock held.  Stops when the ring or keys are full,
 * leaving the rest in the UART. */
static void poll_input_locked(char *keys, unsigned int *nkeys, unsigned int max,
                              bool *switched)
{
    unsigned int i;
    int c;

    if ( !devices_up )
        return;
    for ( i = 0; i < NR_COMS; i++ )
        while ( com_enabled[i] && inring_prod - inring_cons < INRING_SIZE &&
                *nkeys < max && (c = serial_getc(&coms[i])) >= 0 )
            route_input(c, keys, nkeys, max, switched);
}

unsigned int console_poll_input(char *keys, unsigned int max, bool *for_dom0,
                                 bool *switched_to_xen)
{
    unsigned long flags;
    unsigned int nkeys = 0, before;
    bool switched = false;

    spin_lock_irqsave(&console_lock, flags);
    before = inring_prod;
    poll_input_locked(keys, &nkeys, max, &switched);
    *for_dom0 = inring_prod != before;
    spin_unlock_irqrestore(&console_lock, flags);
    if ( switched )
        printk("*** Serial input to %s (type 'CTRL-a' three times to switch"
               " input)\n", input_to_xen ? "Xen" : "DOM0");
    *switched_to_xen = switched && input_to_xen;
    return nkeys;
}

size_t console_read_input(char *buf, size_t len)
{
    unsigned long flags;
    size_t n = 0;
    unsigned int nkeys = 0;
    bool switched = false;

    spin_lock_irqsave(&console_lock, flags);
    /* Only while dom0 has the input: keys wait for the poll timer. */
    if ( !input_to_xen )
        poll_input_locked(NULL, &nkeys, 0, &switched);
    for ( ; n < len && inring_cons != inring_prod; n++ )
        buf[n] = inring[inring_cons++ % INRING_SIZE];
    spin_unlock_irqrestore(&console_lock, flags);
    if ( switched )
        printk("*** Serial input to Xen (type 'CTRL-a' three times to switch"
               " input)\n");
    return n;
}
