/*
 * rtdriver — userspace driver and 802.11 crypto offload library for Ralink
 * RT2860-class NICs. C ABI version 1.
 *
 * The contract is docs/c-abi.md: every name, value and behaviour there
 * holds exactly; this header adds to it and never changes it. Additions are
 * marked "(rtdriver addition)".
 *
 * General rules: every function returns an int status (0 success, negative
 * RT_ERR_*) unless stated; nothing aborts, throws or writes outside the buffers
 * given. rt_last_error() is a thread-local sentence about the calling thread's
 * last failure, valid until that thread's next call; never NULL (its storage is freed as
 * part of the thread's exit, so short-lived threads cost nothing lasting). Handles are
 * opaque; one object is used by one thread at a time; *_free and *_close accept NULL.
 * Structs that may grow start with struct_size (set it to sizeof). An older, smaller size is
 * accepted down to the smallest sensible prefix (rt_device_info and rt_device_key_entry: 4 bytes,
 * rt_key_event: 8, rt_key_params: through key_len); below it is RT_ERR_INVALID_ARGUMENT. A larger
 * size (a caller built against a newer header) is accepted too: the library reads and writes only
 * the fields it knows — never more than its own sizeof, whatever struct_size says — leaves the rest
 * untouched, and leaves struct_size as the caller set it.
 */
#ifndef RTDRIVER_H
#define RTDRIVER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTDRIVER_ABI_VERSION 1

/* ---- Status codes ------------------------------------------------------- */
enum rt_status {
  RT_OK = 0,
  RT_ERR_INVALID_ARGUMENT = -1,  /* bad argument (NULL, length, unknown cipher, key id out of range) */
  RT_ERR_NO_MEMORY = -2,         /* allocation failed */
  RT_ERR_NO_DEVICE = -3,         /* no such device / spec names nothing present */
  RT_ERR_IO = -4,                /* transport failure (read/write/ioctl/USB transfer) */
  RT_ERR_TIMEOUT = -5,           /* the hardware or MCU did not answer in time */
  RT_ERR_UNSUPPORTED = -6,       /* not supported by this chip, transport or build */
  RT_ERR_BAD_FIRMWARE = -7,      /* firmware image of wrong size, bad CRC, or wrong chip */
  RT_ERR_BUFFER_TOO_SMALL = -8,  /* output buffer too small; *out_len holds the size needed */
  RT_ERR_MALFORMED_FRAME = -9,   /* frame too short, bad header, missing ExtIV bit, bad lengths */
  RT_ERR_NO_KEY = -10,           /* the frame's key id does not match the key given / no key installed */
  RT_ERR_REPLAY = -11,           /* PN/TSC not greater than the last accepted one for that TID */
  RT_ERR_ICV = -12,              /* WEP/TKIP ICV (CRC-32) mismatch */
  RT_ERR_MIC = -13,              /* TKIP Michael MIC, or CCMP/GCMP/BIP MIC mismatch */
  RT_ERR_PERMISSION = -14,       /* the OS refused access (device node, sysfs, VFIO group) */
  RT_ERR_DEVICE_GONE = -15,      /* the device stopped answering (reads return all-ones) */
  RT_ERR_STATE = -16             /* wrong state (firmware not loaded, TKIP countermeasures active, ...) */
};

/* ---- General ------------------------------------------------------------ */
uint32_t    rt_abi_version(void);          /* returns 1 */
const char *rt_version(void);              /* library version, e.g. "0.1.0" */
const char *rt_status_name(int status);    /* "RT_ERR_MIC"; "RT_UNKNOWN" for others */
const char *rt_last_error(void);
const char *rt_cpu_path(void);             /* crypto path chosen at load: "aesni", "arm64-aes", "portable".
                                              RTDRIVER_CPU_PATH=portable|aesni|arm64-aes forces a lesser path.
                                              "arm64-aes" is reserved: this build never returns it (ARM64
                                              runs the portable path) and ignores it in RTDRIVER_CPU_PATH. */

/* ---- Software keys and frame protection (no device needed) -------------- */
enum rt_cipher {
  RT_CIPHER_WEP40 = 1,  RT_CIPHER_WEP104 = 2, RT_CIPHER_TKIP = 3,
  RT_CIPHER_CCMP = 4,   RT_CIPHER_CCMP256 = 5,
  RT_CIPHER_GCMP = 6,   RT_CIPHER_GCMP256 = 7,
  RT_CIPHER_BIP_CMAC128 = 8,
  /* (rtdriver addition) BIP-GMAC-128 (16-byte key), BIP-GMAC-256 (32), BIP-CMAC-256 (32); key ids 4..5 */
  RT_CIPHER_BIP_GMAC128 = 9, RT_CIPHER_BIP_GMAC256 = 10, RT_CIPHER_BIP_CMAC256 = 11
  /* @@CIPHER-ADDITIONS@@ */
};
typedef struct rt_key rt_key;

/* Key material: WEP40 5 bytes, WEP104 13, CCMP 16, GCMP 16, CCMP256 32, GCMP256 32,
 * BIP_CMAC128 16. TKIP 32: TK (16) | Michael key for frames this side transmits (8) |
 * Michael key for frames this side receives (8). Key ids 0..3 (BIP: 4..5). */
int  rt_key_new(int cipher, const uint8_t *key, size_t key_len, int key_id, rt_key **out);
void rt_key_free(rt_key *key);
int  rt_key_set_tx_pn(rt_key *key, uint64_t next_pn);          /* next PN/TSC (48-bit) to send; WEP: next IV (24-bit) */
int  rt_key_set_rx_pn(rt_key *key, int tid, uint64_t last_pn); /* last accepted; tid 0..15, 16 = non-QoS/mgmt, -1 = all */
int  rt_key_get_rx_pn(rt_key *key, int tid, uint64_t *last_pn);

/* A frame is one complete IEEE 802.11 MPDU (MAC header + body), without FCS.
 * out may equal in (in place); otherwise the buffers must not overlap. */
int rt_frame_encrypt(rt_key *key, const uint8_t *in, size_t in_len,
                     uint8_t *out, size_t out_cap, size_t *out_len);
int rt_frame_decrypt(rt_key *key, const uint8_t *in, size_t in_len,
                     uint8_t *out, size_t out_cap, size_t *out_len);

typedef struct rt_frame_op {
  const uint8_t *in;  size_t in_len;
  uint8_t *out;       size_t out_cap;
  size_t out_len;     /* set by the library */
  int32_t status;     /* set by the library, per frame */
} rt_frame_op;
/* PNs are assigned in array order on encrypt. Returns RT_OK when every op succeeded,
 * else the status of the first op that failed. */
int rt_frame_encrypt_batch(rt_key *key, rt_frame_op *ops, size_t count);
int rt_frame_decrypt_batch(rt_key *key, rt_frame_op *ops, size_t count);

/* ---- (rtdriver additions) keys and frames --------------------------------
 * Full description: docs/c-abi.md §4 (and the top comments of src/RtDriver.Native/KeyExports.cs, FrameExports.cs). */

/* Replay counter of management frames alone. tid 16 ("non-QoS/mgmt") sets both the non-QoS data
 * and the management counter and reads the larger of the two. */
#define RT_RX_TID_MGMT 17

/* The PN/TSC/IPN (WEP: IV) the next protected frame gets. */
int rt_key_get_tx_pn(rt_key *key, uint64_t *next_pn);

/* Frame-format flags (default 0 = HT-era rules: Order bit on QoS data / management means HT
 * Control present and is masked in the CCMP/GCMP AAD of QoS data frames). */
#define RT_FRAME_FLAG_PRE_HT_ORDER 1u  /* 802.11i rules: Order never announces HT Control, kept in the AAD */
#define RT_FRAME_FLAG_SPP_AMSDU    2u  /* SPP A-MSDU: the A-MSDU Present bit is protected (kept in the AAD) */
int rt_key_set_frame_flags(rt_key *key, uint32_t flags);

/* Events a supplicant must act on. RT_KEY_EVENT_MICHAEL_MIC_FAILURE: a TKIP frame (or reassembled
 * MSDU) passed ICV and replay checks but failed Michael — send a Michael MIC Failure Report. */
enum { RT_KEY_EVENT_NONE = 0, RT_KEY_EVENT_MICHAEL_MIC_FAILURE = 1 };
typedef struct rt_key_event {
  uint32_t struct_size;      /* set by the caller to sizeof(rt_key_event); at least 8 */
  uint32_t type;             /* RT_KEY_EVENT_* (NONE when the queue was empty) */
  uint32_t group;            /* 1: group-addressed frame (group key), 0: pairwise */
  int32_t  key_id;
  uint64_t tsc;              /* TSC of the failing frame (last fragment of a reassembled MSDU) */
  uint8_t  src_addr[6];      /* transmitter (Address 2) of the failing frame */
  uint8_t  countermeasures;  /* 1: second failure within 60 s — countermeasures are now active */
  uint8_t  reserved;
} rt_key_event;
int rt_key_next_event(rt_key *key, rt_key_event *ev);   /* RT_OK; oldest first; the queue keeps the latest 16 */

/* TKIP countermeasures: two Michael MIC failures within 60 s make the key refuse every encrypt
 * and decrypt with RT_ERR_STATE until the supplicant clears them (after reporting and rekeying). */
int rt_key_get_countermeasures(rt_key *key, int *active);
int rt_key_clear_countermeasures(rt_key *key);

/* MSDU-level TX with fragmentation: fragments of at most max_mpdu_len bytes (no FCS) written back
 * to back into out, lengths in frag_lens (at most 16). TKIP adds the Michael MIC to the MSDU.
 * BUFFER_TOO_SMALL sets *out_len and *frag_count to what is needed. */
int rt_frame_encrypt_msdu(rt_key *key, const uint8_t *in, size_t in_len, size_t max_mpdu_len,
                          uint8_t *out, size_t out_cap, size_t *out_len,
                          size_t *frag_lens, size_t max_frags, size_t *frag_count);
/* MSDU-level RX with defragmentation: feed every MPDU; *complete = 1 when out holds a whole MSDU
 * (as one unfragmented plaintext MPDU), 0 when a fragment was accepted and held in the key. TKIP
 * checks Michael over the reassembled MSDU. */
int rt_frame_decrypt_msdu(rt_key *key, const uint8_t *in, size_t in_len,
                          uint8_t *out, size_t out_cap, size_t *out_len, int *complete);

/* @@FRAME-ADDITIONS@@ */

/* ---- Devices ------------------------------------------------------------ */
typedef struct rt_device rt_device;
/* Specs: "emu:rt2860" | "emu:rt3090" | "emu:rt2870" | "emu:rt3070" [",fault=mcu-silent|fw-never-ready|
 * keytable-stuck|gone-after=N" ",mac=00:11:22:33:44:55"], "pci:DDDD:BB:DD.F", "usb:VVVV:PPPP[#N]",
 * "usb:BUS.ADDR", "auto".
 * The exact grammar (rtdriver addition: it states what the forms above mean, letter for letter):
 *   spec   = "auto" | emu | pci | usb
 *   emu    = "emu:" chip *("," option)
 *   chip   = "rt2860" | "rt3090" | "rt2870" | "rt3070"
 *   option = "fault=" fault | "mac=" mac            ; mac at most once, each fault at most once
 *   fault  = "mcu-silent" | "fw-never-ready" | "keytable-stuck" | "gone-after=" 1*DIGIT
 *   mac    = 2HEX 5(":" 2HEX)                       ; a station address: not all-zero, I/G bit clear
 *                                                   ; (so not broadcast, not multicast)
 *   pci    = "pci:" 4HEX ":" 2HEX ":" 2HEX "." HEX  ; domain:bus:device.function, device <= 1f, fn <= 7
 *   usb    = "usb:" 4HEX ":" 4HEX ["#" 1*3DIGIT]    ; vendor:product, N-th such device, N <= 255
 *          | "usb:" 1*3DIGIT "." 1*3DIGIT           ; bus.address as lsusb prints them, address >= 1
 * Keywords are lower case exactly; HEX digits may be either case. No whitespace, control or
 * non-ASCII character anywhere (nothing is trimmed: a trailing newline is refused); at most 256
 * characters. Anything else is RT_ERR_INVALID_ARGUMENT, and rt_last_error() names the bad part:
 * device spec "emu: rt2860": unexpected space at position 4 (...). */
int  rt_device_open(const char *spec, rt_device **out);
void rt_device_close(rt_device *dev);

typedef struct rt_device_info {
  uint32_t struct_size;
  uint32_t chip_id;          /* e.g. 0x2860, 0x3090, 0x3070 (from MAC_CSR0) */
  uint32_t chip_rev;
  uint32_t rf_id;            /* RF chip id from EEPROM */
  uint8_t  mac[6];
  uint16_t bus;              /* 0 emulator, 1 PCI via VFIO, 2 PCI via uio, 3 USB */
  uint32_t firmware_loaded;  /* 0 or 1 */
  uint32_t firmware_crc;     /* CRC of the loaded image, 0 if none */
  uint32_t hw_key_slots;     /* pairwise (WCID) key entries this chip has */
  uint32_t hw_key_slots_used;
  char     name[64];         /* e.g. "RT2860 (emulated)" */
} rt_device_info;
int rt_device_get_info(rt_device *dev, rt_device_info *info);

/* Firmware search path: $RTDRIVER_FIRMWARE_DIR, /lib/firmware/updates, /lib/firmware; for an
 * emulated device the project's own open image last (an installed library's
 * PREFIX/share/rtdriver/firmware, then the copy built into the library). path NULL: the chip's
 * image from the path.
 * (rtdriver addition) No image is larger than 8192 bytes (the 8051's program RAM; a USB image is
 * two 4 KiB halves), and neither call takes more: a path is never read past 8193 bytes — a larger
 * regular file is refused from its size unread; a device, FIFO or growing file once byte 8193
 * arrives; a FIFO without a writer reads as empty; a stream not ended within 5 s is given up — and
 * _mem refuses len > 8192 unread. All of these are RT_ERR_BAD_FIRMWARE naming the path and size. */
int rt_device_load_firmware(rt_device *dev, const char *path);
int rt_device_load_firmware_mem(rt_device *dev, const uint8_t *image, size_t len);
int rt_device_mcu_command(rt_device *dev, uint8_t command, uint8_t arg0, uint8_t arg1);
int rt_device_read32(rt_device *dev, uint32_t offset, uint32_t *value);
int rt_device_write32(rt_device *dev, uint32_t offset, uint32_t value);

/* Keys on a device (the supplicant's set_key) */
enum { RT_KEY_PAIRWISE = 1, RT_KEY_GROUP = 2, RT_KEY_FORCE_SOFTWARE = 4, RT_KEY_FORCE_HARDWARE = 8 };
enum { RT_PLACED_HARDWARE = 1, RT_PLACED_SOFTWARE = 2 };
typedef struct rt_key_params {
  uint32_t struct_size;
  int32_t  cipher;
  const uint8_t *addr;        /* peer MAC (pairwise); NULL or broadcast for group keys */
  int32_t  key_id;
  int32_t  set_tx;            /* default key for transmission */
  const uint8_t *seq; size_t seq_len;   /* initial RX counter (RSC), little-endian, as in EAPOL-Key */
  const uint8_t *key; size_t key_len;   /* same layouts as rt_key_new */
  uint32_t flags;
} rt_key_params;
/* Never fails merely because the hardware cannot hold the key: such keys are placed in
 * software (RT_PLACED_SOFTWARE) with the reason in rt_last_error(). Fails only for invalid
 * parameters, or with RT_KEY_FORCE_HARDWARE when hardware placement is impossible. */
int rt_device_set_key(rt_device *dev, const rt_key_params *params, int *placement);
int rt_device_del_key(rt_device *dev, const uint8_t *addr, int key_id, uint32_t flags);

/* ---- Device additions (rtdriver addition) --------------------------------
 * Placement: a key is in hardware only when the chip has an engine for its cipher (WEP40/104,
 * TKIP — not on USB chips —, CCMP), the link does not use MFP, a slot is free and every key-table
 * write read back; otherwise it is in software, with the reason in rt_last_error() (set by
 * set_key on success too) and in the key listing. Every key — hardware or software — has a
 * software twin for the frame path (rt_device_get_key), so no frame is lost if a hardware key
 * later moves to software (device gone). While a key is in hardware the hardware owns its
 * transmit counter; on a move the twin's TX PN jumps past it.
 * Gone devices: every call returns RT_ERR_DEVICE_GONE except rt_device_set_key (places the key
 * in software, RT_OK), rt_device_key_count/_at, rt_device_get_key and rt_device_close. */
enum { RT_KEY_MFP = 16 };                   /* flag: the link uses 802.11w management frame protection → software */
enum { RT_ROLE_STATION = 0, RT_ROLE_ACCESS_POINT = 1 };
/* Station (default) or access point. Decides the BSS index of group keys (station 0, AP the low 3
 * bits of the MAC's last byte); change it before setting group keys (RT_ERR_STATE otherwise). */
int rt_device_set_role(rt_device *dev, int role);

typedef struct rt_device_key_entry {
  uint32_t struct_size;      /* set by the caller to sizeof(rt_device_key_entry); at least 4 */
  int32_t  wcid;             /* hardware WCID (station slot 33..221, or 4*bss+key_id for a group key); -1 in software */
  uint8_t  addr[6];          /* peer address (pairwise) or ff:ff:ff:ff:ff:ff (group) */
  uint16_t reserved;
  int32_t  cipher;           /* enum rt_cipher */
  int32_t  key_id;
  uint32_t flags;            /* RT_KEY_PAIRWISE or RT_KEY_GROUP, plus the RT_KEY_FORCE_* / RT_KEY_MFP flags given */
  int32_t  placement;        /* RT_PLACED_HARDWARE or RT_PLACED_SOFTWARE */
  char     reason[192];      /* why it is there (UTF-8, NUL-terminated, truncated) */
} rt_device_key_entry;
int rt_device_key_count(rt_device *dev, size_t *count);
int rt_device_key_at(rt_device *dev, size_t index, rt_device_key_entry *entry);  /* index < count */

/* A NEW rt_key handle on the software twin of a device key (pairwise: addr + key_id; group: addr
 * NULL or broadcast, or flags RT_KEY_GROUP). The twin's state (PNs, replay counters) is the
 * device key's own. Free the handle with rt_key_free; it stays valid after del_key/close.
 * RT_ERR_NO_KEY when there is no such key. */
int rt_device_get_key(rt_device *dev, const uint8_t *addr, int key_id, uint32_t flags, rt_key **out);

/* rt_device_mcu_command that also reports the MCU's status byte (1 = success; 0xFF = none, USB)
 * and the round trip in microseconds (virtual time on the emulator). Either pointer may be NULL. */
int rt_device_mcu_probe(rt_device *dev, uint8_t command, uint8_t arg0, uint8_t arg1,
                        uint32_t *mcu_status, uint64_t *round_trip_us);

/* @@DEVICE-ADDITIONS@@ */

#ifdef __cplusplus
}
#endif

#endif /* RTDRIVER_H */
