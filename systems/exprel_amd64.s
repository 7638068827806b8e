//go:build amd64 && !purego

#include "textflag.h"

// func exprelAVX2(zs []float64) int
//
// Replaces zs[i] by the Taylor series of exprelSlice, four at a time,
// with exactly its operations in its order (no FMA), so the results are
// the same bits. It stops before the first group of four that holds a z
// with |z| > 0.5 (exprelSlice's Expm1 branch) and returns how many it
// replaced (a multiple of 4; the tail of len(zs) mod 4 is left alone).
TEXT ·exprelAVX2(SB), NOSPLIT, $0-32
	MOVQ zs_base+0(FP), SI
	MOVQ zs_len+8(FP), CX
	ANDQ $-4, CX
	XORQ AX, AX
	VMOVUPD exabs<>(SB), Y14
	VMOVUPD exhalf<>(SB), Y15

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0       // z
	VANDPD  Y14, Y0, Y1          // |z|
	VCMPPD  $0x1e, Y15, Y1, Y1   // |z| > 0.5 (ordered: NaN is false)
	VMOVMSKPD Y1, DX
	TESTL   DX, DX
	JNZ     done
	VMULPD  Y0, Y0, Y1           // z2
	VMULPD  Y1, Y1, Y2           // z4
	VMULPD  Y2, Y2, Y3           // z8

	// a = 1 + z*c1 + z2*(c2 + z*c3)
	VMULPD  exc1<>(SB), Y0, Y4
	VADDPD  exone<>(SB), Y4, Y4
	VMULPD  exc3<>(SB), Y0, Y5
	VADDPD  exc2<>(SB), Y5, Y5
	VMULPD  Y5, Y1, Y5
	VADDPD  Y5, Y4, Y4

	// b = c4 + z*c5 + z2*(c6 + z*c7)
	VMULPD  exc5<>(SB), Y0, Y5
	VADDPD  exc4<>(SB), Y5, Y5
	VMULPD  exc7<>(SB), Y0, Y6
	VADDPD  exc6<>(SB), Y6, Y6
	VMULPD  Y6, Y1, Y6
	VADDPD  Y6, Y5, Y5

	// c = c8 + z*c9 + z2*(c10 + z*c11)
	VMULPD  exc9<>(SB), Y0, Y6
	VADDPD  exc8<>(SB), Y6, Y6
	VMULPD  exc11<>(SB), Y0, Y7
	VADDPD  exc10<>(SB), Y7, Y7
	VMULPD  Y7, Y1, Y7
	VADDPD  Y7, Y6, Y6

	// d = c12 + z*c13 + z2*(c14 + z*c15) + z4*c16
	VMULPD  exc13<>(SB), Y0, Y7
	VADDPD  exc12<>(SB), Y7, Y7
	VMULPD  exc15<>(SB), Y0, Y8
	VADDPD  exc14<>(SB), Y8, Y8
	VMULPD  Y8, Y1, Y8
	VADDPD  Y8, Y7, Y7
	VMULPD  exc16<>(SB), Y2, Y8
	VADDPD  Y8, Y7, Y7

	// a + z4*b + z8*(c + z4*d)
	VMULPD  Y5, Y2, Y5
	VADDPD  Y5, Y4, Y4
	VMULPD  Y7, Y2, Y7
	VADDPD  Y7, Y6, Y6
	VMULPD  Y6, Y3, Y6
	VADDPD  Y6, Y4, Y4
	VMOVUPD Y4, (SI)(AX*8)
	ADDQ    $4, AX
	JMP     loop

done:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

DATA exc1<>+0(SB)/8, $0x3fe0000000000000
DATA exc1<>+8(SB)/8, $0x3fe0000000000000
DATA exc1<>+16(SB)/8, $0x3fe0000000000000
DATA exc1<>+24(SB)/8, $0x3fe0000000000000
GLOBL exc1<>(SB), RODATA|NOPTR, $32
DATA exc2<>+0(SB)/8, $0x3fc5555555555555
DATA exc2<>+8(SB)/8, $0x3fc5555555555555
DATA exc2<>+16(SB)/8, $0x3fc5555555555555
DATA exc2<>+24(SB)/8, $0x3fc5555555555555
GLOBL exc2<>(SB), RODATA|NOPTR, $32
DATA exc3<>+0(SB)/8, $0x3fa5555555555555
DATA exc3<>+8(SB)/8, $0x3fa5555555555555
DATA exc3<>+16(SB)/8, $0x3fa5555555555555
DATA exc3<>+24(SB)/8, $0x3fa5555555555555
GLOBL exc3<>(SB), RODATA|NOPTR, $32
DATA exc4<>+0(SB)/8, $0x3f81111111111111
DATA exc4<>+8(SB)/8, $0x3f81111111111111
DATA exc4<>+16(SB)/8, $0x3f81111111111111
DATA exc4<>+24(SB)/8, $0x3f81111111111111
GLOBL exc4<>(SB), RODATA|NOPTR, $32
DATA exc5<>+0(SB)/8, $0x3f56c16c16c16c17
DATA exc5<>+8(SB)/8, $0x3f56c16c16c16c17
DATA exc5<>+16(SB)/8, $0x3f56c16c16c16c17
DATA exc5<>+24(SB)/8, $0x3f56c16c16c16c17
GLOBL exc5<>(SB), RODATA|NOPTR, $32
DATA exc6<>+0(SB)/8, $0x3f2a01a01a01a01a
DATA exc6<>+8(SB)/8, $0x3f2a01a01a01a01a
DATA exc6<>+16(SB)/8, $0x3f2a01a01a01a01a
DATA exc6<>+24(SB)/8, $0x3f2a01a01a01a01a
GLOBL exc6<>(SB), RODATA|NOPTR, $32
DATA exc7<>+0(SB)/8, $0x3efa01a01a01a01a
DATA exc7<>+8(SB)/8, $0x3efa01a01a01a01a
DATA exc7<>+16(SB)/8, $0x3efa01a01a01a01a
DATA exc7<>+24(SB)/8, $0x3efa01a01a01a01a
GLOBL exc7<>(SB), RODATA|NOPTR, $32
DATA exc8<>+0(SB)/8, $0x3ec71de3a556c734
DATA exc8<>+8(SB)/8, $0x3ec71de3a556c734
DATA exc8<>+16(SB)/8, $0x3ec71de3a556c734
DATA exc8<>+24(SB)/8, $0x3ec71de3a556c734
GLOBL exc8<>(SB), RODATA|NOPTR, $32
DATA exc9<>+0(SB)/8, $0x3e927e4fb7789f5c
DATA exc9<>+8(SB)/8, $0x3e927e4fb7789f5c
DATA exc9<>+16(SB)/8, $0x3e927e4fb7789f5c
DATA exc9<>+24(SB)/8, $0x3e927e4fb7789f5c
GLOBL exc9<>(SB), RODATA|NOPTR, $32
DATA exc10<>+0(SB)/8, $0x3e5ae64567f544e4
DATA exc10<>+8(SB)/8, $0x3e5ae64567f544e4
DATA exc10<>+16(SB)/8, $0x3e5ae64567f544e4
DATA exc10<>+24(SB)/8, $0x3e5ae64567f544e4
GLOBL exc10<>(SB), RODATA|NOPTR, $32
DATA exc11<>+0(SB)/8, $0x3e21eed8eff8d898
DATA exc11<>+8(SB)/8, $0x3e21eed8eff8d898
DATA exc11<>+16(SB)/8, $0x3e21eed8eff8d898
DATA exc11<>+24(SB)/8, $0x3e21eed8eff8d898
GLOBL exc11<>(SB), RODATA|NOPTR, $32
DATA exc12<>+0(SB)/8, $0x3de6124613a86d09
DATA exc12<>+8(SB)/8, $0x3de6124613a86d09
DATA exc12<>+16(SB)/8, $0x3de6124613a86d09
DATA exc12<>+24(SB)/8, $0x3de6124613a86d09
GLOBL exc12<>(SB), RODATA|NOPTR, $32
DATA exc13<>+0(SB)/8, $0x3da93974a8c07c9d
DATA exc13<>+8(SB)/8, $0x3da93974a8c07c9d
DATA exc13<>+16(SB)/8, $0x3da93974a8c07c9d
DATA exc13<>+24(SB)/8, $0x3da93974a8c07c9d
GLOBL exc13<>(SB), RODATA|NOPTR, $32
DATA exc14<>+0(SB)/8, $0x3d6ae7f3e733b81f
DATA exc14<>+8(SB)/8, $0x3d6ae7f3e733b81f
DATA exc14<>+16(SB)/8, $0x3d6ae7f3e733b81f
DATA exc14<>+24(SB)/8, $0x3d6ae7f3e733b81f
GLOBL exc14<>(SB), RODATA|NOPTR, $32
DATA exc15<>+0(SB)/8, $0x3d2ae7f3e733b81f
DATA exc15<>+8(SB)/8, $0x3d2ae7f3e733b81f
DATA exc15<>+16(SB)/8, $0x3d2ae7f3e733b81f
DATA exc15<>+24(SB)/8, $0x3d2ae7f3e733b81f
GLOBL exc15<>(SB), RODATA|NOPTR, $32
DATA exc16<>+0(SB)/8, $0x3ce952c77030ad4a
DATA exc16<>+8(SB)/8, $0x3ce952c77030ad4a
DATA exc16<>+16(SB)/8, $0x3ce952c77030ad4a
DATA exc16<>+24(SB)/8, $0x3ce952c77030ad4a
GLOBL exc16<>(SB), RODATA|NOPTR, $32
DATA exone<>+0(SB)/8, $0x3ff0000000000000
DATA exone<>+8(SB)/8, $0x3ff0000000000000
DATA exone<>+16(SB)/8, $0x3ff0000000000000
DATA exone<>+24(SB)/8, $0x3ff0000000000000
GLOBL exone<>(SB), RODATA|NOPTR, $32
DATA exhalf<>+0(SB)/8, $0x3fe0000000000000
DATA exhalf<>+8(SB)/8, $0x3fe0000000000000
DATA exhalf<>+16(SB)/8, $0x3fe0000000000000
DATA exhalf<>+24(SB)/8, $0x3fe0000000000000
GLOBL exhalf<>(SB), RODATA|NOPTR, $32
DATA exabs<>+0(SB)/8, $0x7fffffffffffffff
DATA exabs<>+8(SB)/8, $0x7fffffffffffffff
DATA exabs<>+16(SB)/8, $0x7fffffffffffffff
DATA exabs<>+24(SB)/8, $0x7fffffffffffffff
GLOBL exabs<>(SB), RODATA|NOPTR, $32
