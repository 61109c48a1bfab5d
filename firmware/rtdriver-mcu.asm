; rtdriver open MCU firmware for the RT2860-class 8051 (as modelled by rtdriver's emulator).
;
; What it does: on reset it reports READY (PBF_SYS_CTRL b7), then polls the host command
; register. For each command kicked by the host with the mailbox owner byte set it
;   - runs an H2M_BBP_AGENT request for MCU_BBP_SIGNAL (0x80),
;   - posts the command's token and status 1 (success) into the lowest free slot of
;     H2M_MAILBOX_CID / H2M_MAILBOX_STATUS (unless the token is 0xFF = no status wanted;
;     if all four slots are occupied the status is dropped, as on the real chip),
;   - acknowledges the kick (HOST_CMD_CSR = 0) and releases the mailbox (owner byte = 0).
;
; Memory map (defined by rtdriver's emulator, see firmware/README.md): CODE = the firmware
; window as loaded (PCI 0x2000-0x3FFF, USB 0x3000-0x3FFF) from address 0; XDATA = the chip's
; register space, byte addressed, little-endian (register R byte k at XDATA R+k).
; No interrupts, timers or serial port are used.
;
; Assemble: sdas8051 -plosgff rtdriver-mcu.rel rtdriver-mcu.asm (build-image.sh does this).

        .module rtdriver_mcu

; ---- chip registers as XDATA addresses (names from the register map, src/RtDriver/Hardware/Registers) ----
PBF_SYS_CTRL            = 0x0400        ; b7 READY (byte 0)
HOST_CMD_CSR            = 0x0404        ; b7-0 command code written by the host
BBP_CSR_CFG             = 0x101C        ; b7-0 value, b15-8 register, b16 READ, b17 BUSY
H2M_MAILBOX_ARG0        = 0x7010
H2M_MAILBOX_TOKEN       = 0x7012
H2M_MAILBOX_OWNER       = 0x7013
H2M_MAILBOX_CID         = 0x7014        ; four token slots, 0xFF = free
H2M_MAILBOX_STATUS      = 0x701C        ; status bytes at the same slot positions
H2M_BBP_AGENT           = 0x7028        ; BBP request word (BBP_CSR_CFG layout)

PBF_SYS_CTRL_READY      = 0x80
MCU_BBP_SIGNAL          = 0x80
TOKEN_NO_STATUS         = 0xFF
SLOT_FREE               = 0xFF
STATUS_SUCCESS          = 0x01
CID_TO_STATUS           = H2M_MAILBOX_STATUS - H2M_MAILBOX_CID

        .area   CODE    (ABS, CON)
        .org    0x0000
        ljmp    start

        .org    0x0030
start:
        mov     sp, #0x60
        ; tell the host the image is running: PBF_SYS_CTRL |= READY
        mov     dptr, #PBF_SYS_CTRL
        movx    a, @dptr
        orl     a, #PBF_SYS_CTRL_READY
        movx    @dptr, a

main_loop:
        mov     dptr, #HOST_CMD_CSR
        movx    a, @dptr
        jz      main_loop               ; no kick yet
        mov     r7, a                   ; r7 = command
        mov     dptr, #H2M_MAILBOX_OWNER
        movx    a, @dptr
        jz      acknowledge             ; kick without a mailbox entry: nothing to answer
        mov     dptr, #H2M_MAILBOX_TOKEN
        movx    a, @dptr
        mov     r6, a                   ; r6 = token

        mov     a, r7
        cjne    a, #MCU_BBP_SIGNAL, post_status
        lcall   bbp_agent

post_status:
        mov     a, r6
        cjne    a, #TOKEN_NO_STATUS, find_slot
        sjmp    acknowledge
find_slot:
        mov     dptr, #H2M_MAILBOX_CID
        mov     r4, #4
next_slot:
        movx    a, @dptr
        cjne    a, #SLOT_FREE, slot_taken
        mov     a, r6
        movx    @dptr, a                ; token into the free CID slot
        mov     a, dpl
        add     a, #CID_TO_STATUS
        mov     dpl, a
        mov     a, #STATUS_SUCCESS
        movx    @dptr, a                ; status into the same STATUS slot
        sjmp    acknowledge
slot_taken:
        inc     dptr
        djnz    r4, next_slot
        ; all four slots occupied: the status is dropped

acknowledge:
        clr     a
        mov     dptr, #HOST_CMD_CSR
        movx    @dptr, a                ; kick taken
        mov     dptr, #H2M_MAILBOX_OWNER
        movx    @dptr, a                ; mailbox free for the next command
        sjmp    main_loop

; Execute the request in H2M_BBP_AGENT on the BBP serial interface (BBP_CSR_CFG) and put the
; result (value byte, BUSY cleared) back into H2M_BBP_AGENT.
bbp_agent:
        mov     dptr, #H2M_BBP_AGENT
        movx    a, @dptr
        mov     r3, a                   ; value
        inc     dptr
        movx    a, @dptr
        mov     r2, a                   ; register
        inc     dptr
        movx    a, @dptr
        mov     r1, a                   ; flags: b0 READ, b1 BUSY, b3 RW_MODE
        jnb     acc.1, bbp_done         ; no request pending
        mov     dptr, #BBP_CSR_CFG
        mov     a, r3
        movx    @dptr, a
        inc     dptr
        mov     a, r2
        movx    @dptr, a
        inc     dptr
        mov     a, r1
        movx    @dptr, a                ; writing BUSY starts the BBP access
bbp_wait:
        movx    a, @dptr
        jb      acc.1, bbp_wait
        mov     dptr, #BBP_CSR_CFG
        movx    a, @dptr
        mov     dptr, #H2M_BBP_AGENT
        movx    @dptr, a                ; value read (or written) back
        mov     dptr, #H2M_BBP_AGENT + 2
        mov     a, r1
        anl     a, #0xFD                ; BUSY clear: request done
        movx    @dptr, a
bbp_done:
        ret
