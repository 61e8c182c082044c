/* SPDX-License-Identifier: MIT */
/*
 * The client side of `xl console`: connect the user's terminal to a
 * guest's console pty until the user types CTRL-] or the pty goes away.
 */
#ifndef CONSOLE_ATTACH_H
#define CONSOLE_ATTACH_H

#define CONSOLE_ESCAPE 0x1d     /* CTRL-] */

enum console_attach_end {
    CONSOLE_DETACHED = 0,       /* the user typed CTRL-] */
    CONSOLE_PTY_GONE = 1,       /* the domain's console closed */
};

/*
 * Copy in_fd to the pty at pty_path and the pty to out_fd.  A terminal on
 * in_fd is put in raw mode and restored on every way out.  Returns an
 * enum console_attach_end, or a negative errno: nothing was changed when
 * the pty cannot be opened, and -ENOTTY means pty_path is no terminal.
 * Bytes typed while the guest is not reading are kept up to a limit,
 * then dropped; CTRL-] is seen regardless.
 */
int console_attach(const char *pty_path, int in_fd, int out_fd);

#endif /* CONSOLE_ATTACH_H */
