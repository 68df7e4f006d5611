/* Structure-aware binary input format of the fuzz targets (fuzz_commit,
 * fuzz_lookup): any byte string decodes to a trace (SPEC section 5) whose
 * every line parses (no `syntax`, no out-of-range `invalid`), so the fuzzer
 * spends its time on the core's semantics, not on the parser (fuzz_trace
 * does that on raw text).  mt_encode is the inverse on well-formed traces,
 * so that seeds are written and reviewed as text (`memtopo encode`).
 *
 * FORMAT
 *
 * The input is a sequence of commands, each an opcode byte followed by its
 * operand bytes; decoding stops at the end of the input or after
 * MT_CODEC_MAX_CMDS (256) emitted lines.  An operand read past the end is 0,
 * so every truncation still decodes.  Decoding is linear in the input and
 * pure (all state is local to one call).
 *
 * Opcode: byte % 32 indexes mt_codec_ops[] (decode.c): slots 0-19 are the
 * 20 command forms of enum mt_codec_form in order (the encoder uses these),
 * slots 20-31 weight some of them, plus two aimed forms: `txn` (commit if
 * the decoder has seen an open begin, else begin) and `space-or-map` (space
 * while some space name is unused, else map).
 *
 * Extension opcodes: a few whole byte values (not taken % 32) select the
 * forms added later, listed in mt_codec_ext[].  Each was chosen among the
 * byte values no committed corpus input used as an opcode, so every input
 * committed before decodes exactly as it did:
 *   0xd0 log on   0xe1 log off   0xd2 coalesce   0xda uncoalesce
 *   0xdb sync     0xe0 coalesce (weight)   0xfa burst (decoder only;
 *   checked: all 613 committed inputs and encoded seeds decode as before)
 * (log off was 0xd1 on the logzone branch; guest accesses took 0xd1 for
 * `read` first, so log off moved to 0xe1, unused by both.)
 * Byte values still unused as opcodes by the corpus at that time (free for
 * later forms): 0x1c 0x2d 0x42 0x49 0x4d 0x50 0x53 0x5f 0x6a 0x77 0x88 0x8a
 * 0x8e 0x91 0x92 0x9b 0xa0 0xa3 0xaa 0xb0 0xb5 0xb7 0xb9 0xbf 0xc5 0xc6
 * 0xe1 0xe9 0xeb 0xf1 0xfa 0xfc (since taken: 0x91 0xf1 0xaa 0x8a by guest
 * accesses, 0xe1 by log off).  Operands, in input order:
 *
 *   container|ram|rom|mmio   NEW  SIZE
 *   alias                    NEW  REG  NUM(offset)  SIZE
 *   map                      REG(parent)  REG(child)  NUM(addr)
 *   map (prio)               REG(parent)  REG(child)  NUM(addr)  PRIO
 *   unmap                    REG(mapped)  PARENT      (child first!)
 *   move                     REG(mapped)  NUM(addr)
 *   enable|disable|destroy   REG
 *   eventfd-add|eventfd-del  MODE, then by MODE:
 *     replay:   [FD byte, when the fd is replaced]
 *     aimed:    REG(mmio)  ESIZE  OFFSET-byte  DATA  FD
 *     explicit: REG(mmio)  NUM(offset)  ESIZE  DATA  FD
 *   space|space (pio)        NEWSPACE  REG(parent: the root)
 *   begin|commit|dump        -
 *   dump (named)             SPACE
 *   log on|off               REG(ram)
 *   coalesce|uncoalesce      CMODE, then by CMODE:
 *     replay:   (nothing more)
 *     explicit: REG(mmio)  NUM(offset)  CSIZE
 *   sync                     -
 *   burst                    m  k  v: k + 1 writes (1..256, fewer when the
 *     256-line limit comes first) into recent coalesced range m % count
 *     (when none was decoded: [0, 0x100) of r(m & 15)), seen through its region's parent
 *     chain, width {1,2,4,8}[v & 3], at successive aligned offsets that
 *     wrap inside the range, data the write's index; when v & 0x80, every
 *     8th is a read instead.  It fills the 169-entry ring (SPEC 10).
 *
 * Region names are r0..r15, space names s0..s3.  The decoder keeps a rough
 * model of what it has emitted (names created and not destroyed, their kind
 * and size, the parent a child was last mapped in, recent numbers, recent
 * eventfd tuples) to aim operands at existing objects.  One byte each:
 *
 *   REG   b >= 0xf0: r(b & 15) (direct; the encoder uses this).  Else, for
 *         a role (parent: containers; child: not mapped, other than the
 *         parent; mmio: mmio regions; mapped: mapped somewhere), b below
 *         0x80 (parent) or 0xc0 (others) picks among the live regions of
 *         that role (if any), otherwise b picks among all live regions (if
 *         any), otherwise r(b & 15).
 *   NEW   b >= 0xf0: r(b & 15); else the lowest-numbered name not live
 *         (r(b & 15) when all are).
 *   PARENT (unmap) b >= 0xf0: r(b & 15); else the child's last parent
 *         (if known), else as REG(parent).
 *   SPACE / NEWSPACE: b >= 0xfc: s(b & 3); else as REG / NEW over s0..s3
 *         without roles.
 *
 *   NUM (<= 2^64-1) and SIZE (<= 2^64): a selector byte s; results above the
 *   context's maximum (also negative ones, which wrap) clamp to it:
 *     0x00-0x3f  mt_codec_consts[s]            (boundary constants)
 *     0x40-0x7f  s - 0x40                       (small literal)
 *     0x80-0x9f  (s - 0x80) * 0x1000            (small page multiple)
 *     0xa0-0xbf  recent[s & 7] + {0, +1, -1, +0x1000}[(s >> 3) & 3]
 *                (a ring of the last 8 numbers emitted, plus ADDR+size
 *                after each map and move, so that adjacency and off-by-one
 *                overlaps come easily)
 *     0xc0 b     b (8-bit literal)
 *     0xc1 b b   16-bit little-endian literal
 *     0xc2 b*4   32-bit LE literal
 *     0xc3 b*8   64-bit LE literal
 *     0xc4       2^64 (clamps to 2^64-1 for NUM)
 *     0xc5 b     2^64 - b
 *     0xc6 b     b * 0x1000
 *     0xc7 b     2^64 - (b + 1) * 0x1000
 *     0xc8 b     2^63 + (int8_t)b
 *     0xc9 b     2^(b & 63), then -1 if b & 0x40, +1 if b & 0x80
 *     0xca b b   16-bit LE * 0x1000
 *     0xcb-0xcf  the last number emitted
 *     0xd0-0xff  mt_codec_consts[s - 0xd0]      (weights the first 48)
 *
 *   ESIZE (eventfd SIZE token): s < 0xf0: {0, 1, 2, 4, 8}[s % 5]; else a
 *     SIZE selector follows (sizes outside the set are the command's
 *     `invalid`, reachable but rare).
 *   DATA: 0x00 `*`; 0xff a NUM selector follows; otherwise biased by ESIZE
 *     (w = its width mask when ESIZE is 1, 2, 4 or 8): ESIZE not in
 *     {1,2,4,8}: 0x01-0xef `*`, 0xf0-0xfe s - 0xf0.  Else 0x01-0x2f `*`,
 *     0x30-0x6f s - 0x30, 0x70-0x7f w - (s - 0x70), 0x80 w + 1 (too wide;
 *     2^63 for 8 bytes), 0x81-0x8f a single bit, 0x90-0xaf the last DATA
 *     number, 0xb0-0xbf that + 1, 0xc0-0xfe a data constant & w.
 *   FD: s < 0xf0: s & 7; 0xf0-0xfe an fd constant; 0xff 4 bytes LE & 2^31-1.
 *   CMODE (coalesce R = 0x40, uncoalesce R = 0xc0): m < R and some range was
 *     decoded before: replay recent range (ring of the last 8 explicit ones)
 *     number m % count; otherwise explicit (the encoder uses 0xff).
 *   CSIZE: s < 0xf0: {1, 2, 4, 8, 0x10, 0x100, 0x1000, 0xffffffff}[s & 7];
 *     else a SIZE selector follows (0, 2^32 and above are `invalid`).
 *   PRIO: s < 0xe0: {-1, 0, 1, 2}[s & 3]; 0xe0-0xef a prio constant
 *     (INT32_MIN, INT32_MAX, ...); 0xf0-0xfe s - 0xf7 (-7..7); 0xff 4 bytes
 *     LE as int32.
 *   MODE (eventfd), with R = 0x40 for add, 0xc0 for del:
 *     m < R and some tuple was decoded before: replay recent tuple
 *       (ring of the last 8 aimed/explicit ones) number m % count; its FD
 *       is replaced by (next byte & 7) when m & 0x20 (add) or
 *       (m & 0x38) == 0x38 (del): same tuple, other fd = a `conflict`;
 *     m < 0xf0 otherwise: aimed: OFFSET-byte o, with span = max(ESIZE, 1)
 *       and room = (the region's size as decoded, 0x1000 if unknown) - span:
 *       o < 0x20 room (last slot), o < 0x28 room + 1 (one past: invalid),
 *       o < 0x30 0, else ((o - 0x30) % (room / a + 1)) * a with a = span
 *       when span <= 8, else 1 (o itself when the span does not fit);
 *     m >= 0xf0: explicit (the encoder uses 0xff).
 *
 * GUEST ACCESSES (SPEC section 8).  Opcode bytes that no committed corpus
 * input used as an opcode (they were COMMIT and DISABLE weights) are
 * taken before the % 32 table: 0x91, 0xf1, 0xaa `write`; 0xd1, 0x8a `read`
 * (MT_CODEC_OP_WRITE/READ are what the encoder uses).  Still unused as
 * opcodes in the committed corpora, for later commands: 0xfa, 0x9b, 0xe9
 * (0xda and 0xdb went to the extension opcodes above).  Operands:
 *
 *   write|read  MODE m, then by m:
 *     m >= 0xf0 explicit (the encoder uses 0xff):
 *               SPACE  NUM(addr)  WSIZE  [NUM(data), write only]
 *     m < 0x40 and some eventfd tuple was decoded: at that tuple, number
 *               m % count of the ring (see MODE of eventfd-add), seen
 *               through its own region or, when m & 0x20 and one is known,
 *               an alias of it; then VARIANT v: v & 3 = 0 its exact width
 *               and data (`*`: the last DATA), 1 its data + 1, 2 another
 *               width, 3 a read; a size-0 tuple takes width {1,2,4,8}[v>>6]
 *     otherwise aimed at a region: REG(mapped)  EDGE e  WSIZE  [DATA]:
 *               offset e < 0x40 0, < 0x80 size - width, < 0xa0 size (just
 *               past it), < 0xc0 (e & 15) * 0x1000 - width (a page edge
 *               inside), else (e - 0xc0) * width; rounded down to a
 *               multiple of the width, then made absolute through the
 *               parent chain (map addresses as decoded).
 *   The space of an aimed access is the first live space whose root tops
 *   the region's parent chain, else the first live space, else s0.
 *   WSIZE: s < 0xf0: {1, 2, 4, 8}[s & 3]; else a SIZE selector follows.
 *   DATA (write, aimed): as eventfd DATA for that width; `*` is the last
 *   DATA number.
 *
 * At most MT_CODEC_MAX_ALIASES (12) `alias` commands are emitted (alias DAGs
 * make rendering exponential); the operands of further ones are consumed
 * and the command dropped.  Output: one command per line, no comments;
 * NUM/SIZE/DATA/ESIZE in lowercase hex (`0x0`), PRIO and FD in decimal.
 *
 * ENCODING.  mt_encode parses each line with mt_parse_line, skips blank and
 * comment lines and always uses the context-free escapes above (direct
 * names 0xf0|i and 0xfc|i, MODE 0xff, DATA 0x00 or 0xff+NUM, ...), so the
 * decoder's state never matters.  Names: a trace name that is already a pool
 * name (r0..r15, s0..s3 exactly) keeps its index; other names take the
 * lowest free index in order of first appearance (regions and spaces are
 * separate pools).  Errors (NULL, message with the line number in err):
 * syntax or out-of-range numbers, more than 16 region / 4 space names, more
 * than 256 commands, more than 12 aliases.
 */
#ifndef MT_CODEC_H
#define MT_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memtopo.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MT_CODEC_MAX_CMDS 256
#define MT_CODEC_MAX_ALIASES 12
#define MT_CODEC_REGIONS 16
#define MT_CODEC_SPACES 4

/* Decode any byte string into trace text (one command per line, each line
 * ending in '\n').  Returns malloc'd NUL-terminated text (caller frees) and
 * its length in *len; NULL only when out of memory. */
char *mt_decode(const uint8_t *data, size_t size, size_t *len);

/* Encode trace text so that mt_decode gives back its commands (names
 * canonicalized, numbers reformatted).  Returns malloc'd bytes and their
 * count in *out_len, or NULL with a message (naming the line) in err
 * (empty err: out of memory). */
uint8_t *mt_encode(const char *text, size_t len, size_t *out_len, char *err,
		   size_t errlen);

/* ---- internals shared by decode.c and encode.c -------------------------- */

enum mt_codec_form {
	MT_F_CONTAINER,
	MT_F_RAM,
	MT_F_ROM,
	MT_F_MMIO,
	MT_F_ALIAS,
	MT_F_MAP,
	MT_F_MAP_PRIO,
	MT_F_UNMAP,
	MT_F_MOVE,
	MT_F_ENABLE,
	MT_F_DISABLE,
	MT_F_DESTROY,
	MT_F_EFD_ADD,
	MT_F_EFD_DEL,
	MT_F_SPACE,
	MT_F_SPACE_PIO,
	MT_F_BEGIN,
	MT_F_COMMIT,
	MT_F_DUMP,
	MT_F_DUMP_NAMED,
	MT_F_COUNT,
	/* decoder-only aimed forms (the encoder never uses them): */
	MT_F_TXN = MT_F_COUNT, /* commit if a begin is open, else begin */
	MT_F_SPACE_OR_MAP,     /* space while fewer than 4 live, else map */
	MT_F_WRITE,	       /* guest accesses: opcode bytes of their own */
	MT_F_READ,
	/* extension forms (mt_codec_ext): */
	MT_F_LOG_ON,
	MT_F_LOG_OFF,
	MT_F_COALESCE,
	MT_F_UNCOALESCE,
	MT_F_SYNC,
	MT_F_BURST, /* decoder only: writes into a recent coalesced range */
};

#define MT_CODEC_NOPS 32
#define MT_CODEC_NCONSTS 64
#define MT_CODEC_REGION_DIRECT 0xf0 /* region name selector: 0xf0 | index */
#define MT_CODEC_SPACE_DIRECT 0xfc  /* space name selector: 0xfc | index */
#define MT_CODEC_NUM_U8 0xc0
#define MT_CODEC_NUM_U16 0xc1
#define MT_CODEC_NUM_U32 0xc2
#define MT_CODEC_NUM_U64 0xc3
#define MT_CODEC_NUM_2_64 0xc4
#define MT_CODEC_ESIZE_ESC 0xf0
#define MT_CODEC_DATA_ANY 0x00
#define MT_CODEC_DATA_NUM 0xff
#define MT_CODEC_FD_ESC 0xff
#define MT_CODEC_PRIO_ESC 0xff
#define MT_CODEC_MODE_EXPLICIT 0xff
#define MT_CODEC_OP_WRITE 0x91
#define MT_CODEC_OP_READ 0xd1
#define MT_CODEC_WSIZE_ESC 0xf0

extern const uint8_t mt_codec_ops[MT_CODEC_NOPS];	 /* -> enum mt_codec_form */

/* Extension opcodes: whole byte values, checked before byte % 32. */
#define MT_CODEC_NEXT 7
struct mt_codec_ext_op {
	uint8_t byte;
	uint8_t form; /* enum mt_codec_form */
};
extern const struct mt_codec_ext_op mt_codec_ext[MT_CODEC_NEXT];
extern const uint32_t mt_codec_csizes[8]; /* CSIZE s < 0xf0 */
#define MT_CODEC_CSIZE_ESC 0xf0
#define MT_CODEC_CMODE_EXPLICIT 0xff
extern const mt_u128 mt_codec_consts[MT_CODEC_NCONSTS];
extern const int32_t mt_codec_prios[4];		 /* PRIO s < 0xe0 */
extern const uint8_t mt_codec_esizes[5];		 /* ESIZE s < 0xf0 */

/* Tiny growable byte buffer; on allocation failure it sets oom and drops
 * further appends. */
typedef struct mt_codec_buf {
	char *p;
	size_t len, cap;
	bool oom;
} mt_codec_buf;

void mt_codec_buf_put(mt_codec_buf *b, const void *p, size_t n);
void mt_codec_buf_byte(mt_codec_buf *b, uint8_t c);
void mt_codec_buf_str(mt_codec_buf *b, const char *s);

#ifdef __cplusplus
}
#endif

#endif
