/*
 * Private interface between the writable-page-table emulation
 * (ro_page_fault.c) and its decoder (ptwr-decode.c).
 */
#ifndef PV_PTWR_H
#define PV_PTWR_H

#include <xen/types.h>

enum ptwr_op {
    PTWR_MOV,
    PTWR_XCHG,
    PTWR_CMPXCHG,
    PTWR_AND,
    PTWR_OR,
    PTWR_BTR,
    PTWR_BTS,
};

struct ptwr_insn {
    enum ptwr_op op;
    unsigned int bytes;        /* operand width: 1, 2, 4 or 8 */
    unsigned int len;          /* instruction length */
    bool src_is_imm;
    int64_t imm;               /* sign-extended immediate */
    unsigned int src_reg;      /* register number 0-15 (rax = 0) */
};

bool ptwr_decode(const uint8_t *buf, unsigned int avail, struct ptwr_insn *in);

struct cpu_user_regs;
/* Fetch the guest's instruction at rip and decode it (also used by the
 * MMCONFIG store emulation, mmcfg_write.c). */
bool ptwr_fetch_decode(struct cpu_user_regs *regs, struct ptwr_insn *in);

#endif /* PV_PTWR_H */
