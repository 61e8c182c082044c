/*
 * The VMCS: Intel's control structure for one guest vCPU (SDM vol. 3,
 * appendix B).  Its layout is the CPU's secret; fields are reached with
 * VMREAD/VMWRITE by their encodings, listed here, on the VMCS that is
 * current on the CPU.
 */
#ifndef HVM_VMX_VMCS_H
#define HVM_VMX_VMCS_H

#include <xen/types.h>

/* 16-bit fields */
#define VMCS_VPID                   0x0000
#define VMCS_GUEST_SEL(i)           (0x0800 + 2 * (i))  /* seg index below */
#define VMCS_HOST_ES_SEL            0x0c00
#define VMCS_HOST_CS_SEL            0x0c02
#define VMCS_HOST_SS_SEL            0x0c04
#define VMCS_HOST_DS_SEL            0x0c06
#define VMCS_HOST_FS_SEL            0x0c08
#define VMCS_HOST_GS_SEL            0x0c0a
#define VMCS_HOST_TR_SEL            0x0c0c

/* 64-bit fields */
#define VMCS_EPTP                   0x201a
#define VMCS_GUEST_PHYS_ADDR        0x2400
#define VMCS_LINK_POINTER           0x2800
#define VMCS_GUEST_DEBUGCTL         0x2802
#define VMCS_GUEST_PAT              0x2804
#define VMCS_GUEST_EFER             0x2806
#define VMCS_HOST_PAT               0x2c00
#define VMCS_HOST_EFER              0x2c02

/* 32-bit fields */
#define VMCS_PIN_CTLS               0x4000
#define VMCS_PROC_CTLS              0x4002
#define VMCS_EXC_BITMAP             0x4004
#define VMCS_PF_ERR_MASK            0x4006
#define VMCS_PF_ERR_MATCH           0x4008
#define VMCS_CR3_TARGET_COUNT       0x400a
#define VMCS_EXIT_CTLS              0x400c
#define VMCS_EXIT_MSR_STORE_COUNT   0x400e
#define VMCS_EXIT_MSR_LOAD_COUNT    0x4010
#define VMCS_ENTRY_CTLS             0x4012
#define VMCS_ENTRY_MSR_LOAD_COUNT   0x4014
#define VMCS_ENTRY_INTR_INFO        0x4016
#define VMCS_ENTRY_EXC_ERRCODE      0x4018
#define VMCS_ENTRY_INSN_LEN         0x401a
#define VMCS_TPR_THRESHOLD          0x401c
#define VMCS_PROC2_CTLS             0x401e
#define VMCS_INSN_ERROR             0x4400
#define VMCS_EXIT_REASON            0x4402
#define VMCS_EXIT_INTR_INFO         0x4404
#define VMCS_EXIT_INTR_ERRCODE      0x4406
#define VMCS_IDT_VECTORING_INFO     0x4408
#define VMCS_IDT_VECTORING_ERRCODE  0x440a
#define VMCS_EXIT_INSN_LEN          0x440c
#define VMCS_GUEST_LIMIT(i)         (0x4800 + 2 * (i))
#define VMCS_GUEST_GDTR_LIMIT       0x4810
#define VMCS_GUEST_IDTR_LIMIT       0x4812
#define VMCS_GUEST_AR(i)            (0x4814 + 2 * (i))
#define VMCS_GUEST_INTERRUPTIBILITY 0x4824
#define VMCS_GUEST_ACTIVITY         0x4826
#define VMCS_GUEST_SYSENTER_CS      0x482a
#define VMCS_GUEST_PREEMPT_TIMER    0x482e
#define VMCS_HOST_SYSENTER_CS       0x4c00

/* Natural-width fields */
#define VMCS_CR0_MASK               0x6000
#define VMCS_CR4_MASK               0x6002
#define VMCS_CR0_SHADOW             0x6004
#define VMCS_CR4_SHADOW             0x6006
#define VMCS_EXIT_QUAL              0x6400
#define VMCS_GUEST_CR0              0x6800
#define VMCS_GUEST_CR3              0x6802
#define VMCS_GUEST_CR4              0x6804
#define VMCS_GUEST_BASE(i)          (0x6806 + 2 * (i))
#define VMCS_GUEST_GDTR_BASE        0x6816
#define VMCS_GUEST_IDTR_BASE        0x6818
#define VMCS_GUEST_DR7              0x681a
#define VMCS_GUEST_RSP              0x681c
#define VMCS_GUEST_RIP              0x681e
#define VMCS_GUEST_RFLAGS           0x6820
#define VMCS_GUEST_PENDING_DBG      0x6822
#define VMCS_GUEST_SYSENTER_ESP     0x6824
#define VMCS_GUEST_SYSENTER_EIP     0x6826
#define VMCS_HOST_CR0               0x6c00
#define VMCS_HOST_CR3               0x6c02
#define VMCS_HOST_CR4               0x6c04
#define VMCS_HOST_FS_BASE           0x6c06
#define VMCS_HOST_GS_BASE           0x6c08
#define VMCS_HOST_TR_BASE           0x6c0a
#define VMCS_HOST_GDTR_BASE         0x6c0c
#define VMCS_HOST_IDTR_BASE         0x6c0e
#define VMCS_HOST_SYSENTER_ESP      0x6c10
#define VMCS_HOST_SYSENTER_EIP      0x6c12
#define VMCS_HOST_RSP               0x6c14
#define VMCS_HOST_RIP               0x6c16

/* Guest segment index in the field encodings above. */
enum { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_LDTR, SEG_TR };

/* Access rights: descriptor bits 40-47 in 0-7, 52-55 in 12-15. */
#define AR_TYPE_ACCESSED    (1u << 0)
#define AR_S                (1u << 4)
#define AR_DPL_SHIFT        5
#define AR_P                (1u << 7)
#define AR_L                (1u << 13)
#define AR_UNUSABLE         (1u << 16)

/* Pin-based controls */
#define PIN_EXT_INTR        (1u << 0)
#define PIN_NMI             (1u << 3)
#define PIN_VIRT_NMI        (1u << 5)
#define PIN_PREEMPT_TIMER   (1u << 6)
/* Primary processor-based controls */
#define PROC_INTR_WINDOW    (1u << 2)
#define PROC_HLT            (1u << 7)
#define PROC_INVLPG         (1u << 9)
#define PROC_MWAIT          (1u << 10)
#define PROC_CR3_LOAD       (1u << 15)
#define PROC_CR3_STORE      (1u << 16)
#define PROC_CR8_LOAD       (1u << 19)
#define PROC_CR8_STORE      (1u << 20)
#define PROC_NMI_WINDOW     (1u << 22)
#define PROC_TPR_SHADOW     (1u << 21)
#define PROC_MOV_DR         (1u << 23)
#define PROC_UNCOND_IO      (1u << 24)
#define PROC_IO_BITMAPS     (1u << 25)
#define PROC_MSR_BITMAPS    (1u << 28)
#define PROC_MONITOR        (1u << 29)
#define PROC_SECONDARY      (1u << 31)
/* Secondary processor-based controls */
#define PROC2_EPT           (1u << 1)
#define PROC2_RDTSCP        (1u << 3)
#define PROC2_VPID          (1u << 5)
#define PROC2_UNRESTRICTED  (1u << 7)
#define PROC2_INVPCID       (1u << 12)
/* VM-exit controls */
#define EXIT_SAVE_DEBUG     (1u << 2)
#define EXIT_HOST_64        (1u << 9)
#define EXIT_ACK_INTR       (1u << 15)
#define EXIT_SAVE_PAT       (1u << 18)
#define EXIT_LOAD_PAT       (1u << 19)
#define EXIT_SAVE_EFER      (1u << 20)
#define EXIT_LOAD_EFER      (1u << 21)
/* VM-entry controls */
#define ENTRY_LOAD_DEBUG    (1u << 2)
#define ENTRY_IA32E         (1u << 9)
#define ENTRY_LOAD_PAT      (1u << 14)
#define ENTRY_LOAD_EFER     (1u << 15)

/* Interruption information (entry, exit, IDT vectoring) */
#define INTR_VALID          (1u << 31)
#define INTR_ERRCODE        (1u << 11)
#define INTR_TYPE_SHIFT     8
#define INTR_TYPE_EXT       0
#define INTR_TYPE_NMI       2
#define INTR_TYPE_HW_EXC    3
#define INTR_TYPE_SW_INT    4
#define INTR_TYPE_PRIV_SW   5
#define INTR_TYPE_SW_EXC    6
#define INTR_ENTRY_MASK     0x80000fffu     /* bits valid on entry */

/* Guest interruptibility state */
#define BLOCK_STI           (1u << 0)
#define BLOCK_MOV_SS        (1u << 1)
#define BLOCK_NMI           (1u << 3)       /* virtual-NMI blocking */

/* Basic exit reasons */
#define EXIT_REASON_EXC_NMI         0
#define EXIT_REASON_EXT_INTR        1
#define EXIT_REASON_TRIPLE_FAULT    2
#define EXIT_REASON_INIT            3
#define EXIT_REASON_SIPI            4
#define EXIT_REASON_IO_SMI          5
#define EXIT_REASON_OTHER_SMI       6
#define EXIT_REASON_INTR_WINDOW     7
#define EXIT_REASON_NMI_WINDOW      8
#define EXIT_REASON_TASK_SWITCH     9
#define EXIT_REASON_CPUID           10
#define EXIT_REASON_GETSEC          11
#define EXIT_REASON_HLT             12
#define EXIT_REASON_INVD            13
#define EXIT_REASON_VMCALL          18
#define EXIT_REASON_VMCLEAR         19
#define EXIT_REASON_VMLAUNCH        20
#define EXIT_REASON_VMPTRLD         21
#define EXIT_REASON_VMPTRST         22
#define EXIT_REASON_VMREAD          23
#define EXIT_REASON_VMRESUME        24
#define EXIT_REASON_VMWRITE         25
#define EXIT_REASON_VMXOFF          26
#define EXIT_REASON_VMXON           27
#define EXIT_REASON_CR_ACCESS       28
#define EXIT_REASON_IO              30
#define EXIT_REASON_RDMSR           31
#define EXIT_REASON_WRMSR           32
#define EXIT_REASON_BAD_GUEST       33
#define EXIT_REASON_BAD_MSR_LOAD    34
#define EXIT_REASON_MWAIT           36
#define EXIT_REASON_MONITOR         39
#define EXIT_REASON_MCE_ENTRY       41
#define EXIT_REASON_PREEMPT_TIMER   52
#define EXIT_REASON_EPT_VIOLATION   48
#define EXIT_REASON_EPT_MISCONFIG   49
#define EXIT_REASON_INVEPT          50
#define EXIT_REASON_INVVPID         53
#define EXIT_REASON_XSETBV          55
#define EXIT_REASON_VMFUNC          59
#define EXIT_REASON_ENTRY_FAILED    (1u << 31)

/* EPT violation exit qualification */
#define EPT_QUAL_FETCH              (1UL << 2)
#define EPT_QUAL_GLA_VALID          (1UL << 7)
#define EPT_QUAL_GLA_XLAT           (1UL << 8)  /* the access itself */

/* VMX capability MSRs */
#define MSR_FEATURE_CONTROL         0x03a
#define  FC_LOCKED                  (1UL << 0)
#define  FC_VMX_OUTSIDE_SMX         (1UL << 2)
#define MSR_VMX_BASIC               0x480
#define MSR_VMX_PINBASED            0x481
#define MSR_VMX_PROCBASED           0x482
#define MSR_VMX_EXIT                0x483
#define MSR_VMX_ENTRY               0x484
#define MSR_VMX_MISC                0x485
#define MSR_VMX_CR0_FIXED0          0x486
#define MSR_VMX_CR0_FIXED1          0x487
#define MSR_VMX_CR4_FIXED0          0x488
#define MSR_VMX_CR4_FIXED1          0x489
#define MSR_VMX_PROCBASED2          0x48b
#define MSR_VMX_EPT_VPID_CAP        0x48c
#define MSR_VMX_TRUE_PINBASED       0x48d
#define MSR_VMX_TRUE_PROCBASED      0x48e
#define MSR_VMX_TRUE_EXIT           0x48f
#define MSR_VMX_TRUE_ENTRY          0x490
#define  BASIC_32BIT_ADDR           (1UL << 48)
#define  BASIC_TRUE_CTLS            (1UL << 55)
#define  EPT_CAP_WALK4              (1UL << 6)
#define  EPT_CAP_WB                 (1UL << 14)
#define  EPT_CAP_INVEPT             (1UL << 20)
#define  EPT_CAP_INVEPT_SINGLE      (1UL << 25)
#define  EPT_CAP_INVEPT_ALL         (1UL << 26)
#define  VPID_CAP_INVVPID           (1UL << 32)
#define  VPID_CAP_SINGLE            (1UL << 41)
#define  VPID_CAP_ALL               (1UL << 42)

/* EPTP: write-back walks, 4 levels (value 3 = levels - 1) */
#define EPTP_WB                     6UL
#define EPTP_WALK4                  (3UL << 3)

#endif /* HVM_VMX_VMCS_H */
